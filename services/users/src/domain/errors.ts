import { defineError } from '@shop/platform/domain';

export class EmailTaken extends defineError(
  'email_taken',
  'conflict',
  'An account with this email already exists',
) {}
export class WeakPassword extends defineError('weak_password', 'invalid', 'The password is too weak') {}
export class InvalidCredentials extends defineError(
  'invalid_credentials',
  'unauthenticated',
  'The email or password is incorrect',
) {}
export class WrongPassword extends defineError(
  'wrong_password',
  'forbidden',
  'The current password is incorrect',
) {}
export class AccountDisabled extends defineError(
  'account_disabled',
  'forbidden',
  'This account is disabled; contact support',
) {}
export class TooManyAttempts extends defineError(
  'too_many_attempts',
  'too_many_requests',
  'Too many attempts; wait before trying again',
) {}
export class InvalidRefreshToken extends defineError(
  'invalid_refresh_token',
  'unauthenticated',
  'The refresh token is invalid, expired or already used; sign in again',
) {}
export class SessionEnded extends defineError(
  'session_ended',
  'unauthenticated',
  'This session has ended; sign in again',
) {}
export class InvalidEmailToken extends defineError(
  'invalid_token',
  'invalid',
  'The link is invalid, expired or already used',
) {}
export class UserNotFound extends defineError('user_not_found', 'not_found', 'No such user') {}
export class AvatarNotFound extends defineError('avatar_not_found', 'not_found', 'This user has no avatar') {}
export class AddressNotFound extends defineError('address_not_found', 'not_found', 'No such address') {}
export class ProductNotFound extends defineError(
  'product_not_found',
  'not_found',
  'No such product is for sale',
) {}
export class LimitReached extends defineError('limit_reached', 'conflict', 'You have reached a limit') {}
export class CannotChangeOwnAccess extends defineError(
  'cannot_change_own_access',
  'forbidden',
  'You cannot change your own roles or disable yourself',
) {}
export class InvalidClient extends defineError(
  'invalid_client',
  'unauthenticated',
  'Unknown client or wrong secret',
) {}
export class UnsupportedImage extends defineError(
  'unsupported_image',
  'unsupported_media_type',
  'The image must be a PNG, JPEG or WebP file',
) {}
export class CorruptImage extends defineError(
  'corrupt_image',
  'invalid',
  'The image is damaged or truncated',
) {}
export class ImageTooLarge extends defineError(
  'image_too_large',
  'payload_too_large',
  'The image is too large',
) {}
export class PasswordCheckBusy extends defineError(
  'password_check_busy',
  'unavailable',
  'Too many password checks are waiting; try again in a moment',
) {}
export class TooManyEmailChanges extends defineError(
  'too_many_email_changes',
  'too_many_requests',
  'Too many email changes; wait before trying again',
) {}
export class InvalidName extends defineError('invalid_name', 'invalid', 'This name cannot be used') {}
