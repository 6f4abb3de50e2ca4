import { defineError } from '@shop/platform';

export class UpstreamUnavailable extends defineError(
  'upstream_unavailable',
  'unavailable',
  'A service behind the gateway is unavailable',
) {}
export class UpstreamTimeout extends defineError(
  'upstream_timeout',
  'gateway_timeout',
  'A service behind the gateway did not answer in time',
) {}
export class UpstreamBroken extends defineError(
  'upstream_failed',
  'bad_gateway',
  'A service behind the gateway sent no valid answer',
) {}
export class BodyTooLarge extends defineError(
  'payload_too_large',
  'payload_too_large',
  'The request body is too large',
) {}
export class PathNotAllowed extends defineError(
  'path_not_allowed',
  'invalid',
  'The request path is not allowed',
) {}
export class BodyTimeout extends defineError(
  'request_timeout',
  'request_timeout',
  'The request body did not arrive in time',
) {}
export class TooManyStreams extends defineError(
  'too_many_streams',
  'too_many_requests',
  'Too many live streams are open',
) {}
