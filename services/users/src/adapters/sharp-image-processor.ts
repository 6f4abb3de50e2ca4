import sharp from 'sharp';
import type { ImageProcessor } from '../domain/avatar.js';
import { CorruptImage, UnsupportedImage } from '../domain/errors.js';

// Decompression bombs: a small file that claims a huge canvas is refused before decoding.
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Re-encodes every avatar: whatever the upload carried (EXIF with GPS, ICC tricks, trailing
 * bytes, a polyglot file) does not survive. EXIF orientation is applied, then the image is
 * cropped to a centred square, resized and written as WebP.
 */
export function createSharpImageProcessor(sizePx: number): ImageProcessor {
  return {
    async toAvatar(bytes) {
      try {
        const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false });
        const { format } = await image.metadata();
        if (format !== 'png' && format !== 'jpeg' && format !== 'webp') throw new UnsupportedImage();
        const output = await image
          .rotate()
          .resize(sizePx, sizePx, { fit: 'cover', position: 'attention' })
          .webp({ quality: 82 })
          .toBuffer();
        return { bytes: output, contentType: 'image/webp' };
      } catch (error) {
        if (error instanceof UnsupportedImage) throw error;
        throw new CorruptImage({ cause: error });
      }
    },
  };
}
