import sharp, { type Sharp } from 'sharp';
import { ImageDimensionsTooLarge } from '../domain/avatar-errors.js';
import type { ImageHeader, ImageProcessor, ImageType } from '../domain/avatar.js';
import { CorruptImage, UnsupportedImage } from '../domain/errors.js';

export interface SharpImageOptions {
  /** Side of the square avatar written. */
  sizePx: number;
  /** sharp's own guard against decompression bombs, at the bound the domain judges headers by. */
  maxInputPixels: number;
}

const TYPES: Record<string, ImageType> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

/** The long side is cut to at most this many times the short one before resizing (see below). */
const MAX_ASPECT = 2;

/**
 * Re-encodes every avatar: whatever the upload carried (EXIF with GPS, ICC tricks, trailing
 * bytes, a polyglot file) does not survive. EXIF orientation is applied, then the image is
 * cropped to a centred square, resized and written as WebP.
 */
export function createSharpImageProcessor(options: SharpImageOptions): ImageProcessor {
  // Process-wide libvips settings. One thread per image, so that one conversion cannot take
  // every core (the bound on conversions at a time is boundedImageProcessor's); no operation
  // cache, since each upload is converted once and cached results would only hold memory.
  sharp.concurrency(1);
  sharp.cache(false);

  return {
    async inspect(bytes) {
      try {
        // The header alone: no pixel limit here, so that an oversized image can be named as such.
        const meta = await sharp(bytes, { limitInputPixels: false, animated: false }).metadata();
        const shown = meta.autoOrient;
        return {
          type: TYPES[meta.format],
          width: shown.width,
          height: shown.height,
        } satisfies ImageHeader;
      } catch (error) {
        throw new CorruptImage({ cause: error });
      }
    },

    async toAvatar(bytes) {
      try {
        const image = sharp(bytes, {
          limitInputPixels: options.maxInputPixels,
          failOn: 'error',
          animated: false,
        });
        const meta = await image.metadata();
        if (!TYPES[meta.format]) throw new UnsupportedImage();
        const { width, height } = meta.autoOrient;
        const output = await nearlySquare(image.autoOrient(), width, height)
          .resize(options.sizePx, options.sizePx, { fit: 'cover', position: 'attention' })
          .webp({ quality: 82 })
          .toBuffer();
        return { bytes: output, contentType: 'image/webp' };
      } catch (error) {
        if (error instanceof UnsupportedImage) throw error;
        if (error instanceof Error && /exceeds pixel limit/i.test(error.message)) {
          throw new ImageDimensionsTooLarge({
            detail: `The image has more than ${options.maxInputPixels.toLocaleString('en')} pixels.`,
            extensions: { maxPixels: options.maxInputPixels },
            cause: error,
          });
        }
        throw new CorruptImage({ cause: error });
      }
    },
  };
}

/**
 * Cuts a long strip down to its centre, at most MAX_ASPECT times longer than wide, before the
 * resize. Without it, covering the square scales the strip by its short side: a 10×8,000 PNG
 * became a 256×204,800 intermediate (52 MP, seconds of work) to keep 256×256 of it.
 */
function nearlySquare(image: Sharp, width: number, height: number): Sharp {
  const short = Math.min(width, height);
  const keep = short * MAX_ASPECT;
  if (Math.max(width, height) <= keep) return image;
  return width > height
    ? image.extract({ left: Math.floor((width - keep) / 2), top: 0, width: keep, height })
    : image.extract({ left: 0, top: Math.floor((height - keep) / 2), width, height: keep });
}
