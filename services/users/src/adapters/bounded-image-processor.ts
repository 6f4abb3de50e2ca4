import { AvatarProcessingBusy } from '../domain/avatar-errors.js';
import type { ImageProcessor } from '../domain/avatar.js';

export interface ConversionBounds {
  /** Conversions running at once in this process. */
  atOnce: number;
  /** Conversions waiting for one of those; one more is refused at once. */
  waiting: number;
}

// A conversion of an image at the size bound takes well under a second: the queue drains in a few.
const RETRY_AFTER_SECONDS = 2;

/**
 * Bounds the image work of the process: at most `atOnce` conversions run (each is a libuv
 * thread for as long as it lasts, and password hashing needs the same pool of four), at most
 * `waiting` more wait their turn, and the next is refused with AvatarProcessingBusy rather than
 * piling up memory. Reading a header is cheap and stays unbounded.
 */
export function boundedImageProcessor(inner: ImageProcessor, bounds: ConversionBounds): ImageProcessor {
  let running = 0;
  // Each waiter is handed a slot directly by the conversion that ends, so none can be overtaken.
  const queue: (() => void)[] = [];

  const acquire = async () => {
    if (running < bounds.atOnce) {
      running++;
      return;
    }
    if (queue.length >= bounds.waiting) {
      throw new AvatarProcessingBusy({
        detail: `${bounds.atOnce} avatars are being processed and ${bounds.waiting} are waiting; try again in ${RETRY_AFTER_SECONDS} seconds.`,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
    }
    await new Promise<void>((resolve) => queue.push(resolve));
  };
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };

  return {
    inspect: (bytes) => inner.inspect(bytes),
    async toAvatar(bytes) {
      await acquire();
      try {
        return await inner.toAvatar(bytes);
      } finally {
        release();
      }
    },
  };
}
