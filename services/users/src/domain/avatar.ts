import { AvatarProcessingBusy, ImageDimensionsTooLarge, TooManyAvatarUploads } from './avatar-errors.js';
import { AvatarNotFound, UnsupportedImage, UserNotFound } from './errors.js';
import type { Later, UnitOfWork } from './ports.js';
import type { ThrottleStore } from './throttle.js';
import type { UserStore } from './user.js';

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface StoredImage {
  bytes: Buffer;
  contentType: string;
}

/** What an image's header tells, before any pixel is decoded. Width and height as displayed (EXIF orientation applied). */
export interface ImageHeader {
  type: ImageType | undefined;
  width: number;
  height: number;
}

/** Decodes, orients, crops to a square, resizes and re-encodes (dropping metadata such as GPS). */
export interface ImageProcessor {
  /** Reads the header alone (cheap whatever the dimensions); CorruptImage when it does not parse. */
  inspect(bytes: Buffer): Promise<ImageHeader>;
  /**
   * Throws CorruptImage when the bytes do not decode, UnsupportedImage for other formats,
   * AvatarProcessingBusy when the process already has as much image work as it takes.
   */
  toAvatar(bytes: Buffer): Promise<StoredImage>;
}

/** The bounds of an upload, from configuration. */
export interface AvatarLimits {
  /** Width × height at most: decoding needs memory in proportion (about 3 bytes a pixel). */
  maxPixels: number;
  /** Uploads per user and hour, counted before the image is looked at, whatever their outcome. */
  uploadsPerHour: number;
}

/**
 * No side may be longer than this either (WebP's own limit is 16,383): a PNG a pixel wide and
 * millions high fits the area but costs a decoding step per row.
 */
export const MAX_SIDE_PX = 16_384;
const UPLOAD_WINDOW_SECONDS = 3600;

/** The throttle key of a user's upload budget; deleting the account clears it with the rest. */
export const avatarUploadKey = (userId: string) => `avatar-upload:user:${userId}`;

/** Where avatar images live (local disk by default; an S3-compatible store fits the same port). */
export interface AvatarStore {
  put(userId: string, version: number, image: StoredImage): Promise<void>;
  get(userId: string, version: number): Promise<StoredImage | undefined>;
  /** Removes every version except `keep`. */
  removeOthers(userId: string, keep: number): Promise<void>;
  removeAll(userId: string): Promise<void>;
}

/** The file type, told by its first bytes (what the client claims is not trusted). */
export function sniffImage(bytes: Buffer): ImageType | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return undefined;
}
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface AvatarsDeps {
  users: UserStore;
  throttle: ThrottleStore;
  db: UnitOfWork<{ users: UserStore }>;
  images: ImageProcessor;
  avatars: AvatarStore;
  later: Later;
  limits: AvatarLimits;
}

/** The pictures people show: uploaded, converted, versioned, served. */
export class Avatars {
  constructor(private readonly deps: AvatarsDeps) {}

  /**
   * Replaces the avatar. The upload is counted against the user's hourly budget, then its
   * dimensions are judged from the header, all before a pixel is decoded. Uploads of one user are
   * serialised by the row lock; each gets a new version (a new URL for caches), and older files
   * are removed once it is committed. A refused upload stores nothing.
   */
  async set(userId: string, bytes: Buffer): Promise<number> {
    const { throttle, images, db, avatars, later, limits } = this.deps;
    if (!sniffImage(bytes)) throw new UnsupportedImage();
    const budgetKey = avatarUploadKey(userId);
    const { hits, resetsInSeconds } = await throttle.hit(budgetKey, UPLOAD_WINDOW_SECONDS);
    if (hits > limits.uploadsPerHour) {
      throw new TooManyAvatarUploads({
        detail: `At most ${limits.uploadsPerHour} avatar uploads an hour; try again in ${Math.ceil(resetsInSeconds)} seconds.`,
        retryAfterSeconds: resetsInSeconds,
        extensions: { limit: limits.uploadsPerHour, windowSeconds: UPLOAD_WINDOW_SECONDS },
      });
    }
    const header = await images.inspect(bytes);
    if (!header.type) throw new UnsupportedImage();
    refuseOversized(header, limits);
    let image: StoredImage;
    try {
      image = await images.toAvatar(bytes);
    } catch (error) {
      // Nothing was done: a retry after the Retry-After must not cost the user a second upload.
      if (error instanceof AvatarProcessingBusy) await throttle.release(budgetKey);
      throw error;
    }
    const version = await db.transaction(async (tx) => {
      const user = await tx.users.lock(userId);
      if (!user || user.status !== 'active') throw new UserNotFound();
      const version = (user.avatarVersion ?? 0) + 1;
      await avatars.put(userId, version, image);
      await tx.users.update(userId, { avatarVersion: version });
      return version;
    });
    later('old avatar removal', () => avatars.removeOthers(userId, version));
    return version;
  }

  async remove(userId: string): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      const user = await tx.users.lock(userId);
      if (!user || user.status !== 'active') throw new UserNotFound();
      await tx.users.update(userId, { avatarVersion: null });
    });
    this.deps.later('avatar removal', () => this.deps.avatars.removeAll(userId));
  }

  /** The public avatar of an active account. */
  async read(userId: string): Promise<StoredImage & { version: number }> {
    const user = await this.deps.users.findById(userId);
    if (!user || user.status !== 'active' || user.avatarVersion === null) throw new AvatarNotFound();
    const image = await this.deps.avatars.get(userId, user.avatarVersion);
    if (!image) throw new AvatarNotFound();
    return { ...image, version: user.avatarVersion };
  }
}

/** An image is refused for its area (decoding memory) or for a side longer than MAX_SIDE_PX. */
function refuseOversized(
  header: Pick<ImageHeader, 'width' | 'height'>,
  limits: Pick<AvatarLimits, 'maxPixels'>,
) {
  const { width, height } = header;
  if (width * height <= limits.maxPixels && width <= MAX_SIDE_PX && height <= MAX_SIDE_PX) return;
  const side = Math.floor(Math.sqrt(limits.maxPixels));
  throw new ImageDimensionsTooLarge({
    detail:
      `The image is ${width}×${height} px (${(width * height).toLocaleString('en')} pixels); an avatar may have ` +
      `at most ${limits.maxPixels.toLocaleString('en')} pixels (${side}×${side}) and ${MAX_SIDE_PX.toLocaleString('en')} px a side.`,
    extensions: { width, height, maxPixels: limits.maxPixels, maxSidePx: MAX_SIDE_PX },
  });
}
