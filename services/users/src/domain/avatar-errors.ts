import { defineError } from '@shop/platform/domain';

export class ImageDimensionsTooLarge extends defineError(
  'image_dimensions_too_large',
  'unprocessable',
  'The image has too many pixels',
) {}
export class TooManyAvatarUploads extends defineError(
  'too_many_avatar_uploads',
  'too_many_requests',
  'Too many avatar uploads; wait before trying again',
) {}
export class AvatarProcessingBusy extends defineError(
  'avatar_processing_busy',
  'unavailable',
  'Too many avatars are being processed right now; try again shortly',
) {}
