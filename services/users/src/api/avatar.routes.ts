import multipart from '@fastify/multipart';
import { AppError, BadRequest, problems, type App } from '@shop/platform';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { MAX_SIDE_PX, type AvatarLimits, type Avatars } from '../domain/avatar.js';
import { ImageTooLarge, UnsupportedImage } from '../domain/errors.js';
import { userId, type AuthHooks } from './auth-hooks.js';
import { NoContent, Strict, Uuid } from './common.schemas.js';
import { avatarPath } from './profile.views.js';

const tags = ['profile'];
const RAW_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/octet-stream'];

export interface AvatarUploadLimits extends AvatarLimits {
  /** Bytes of an upload at most, raw or the one file of a multipart body. */
  maxBytes: number;
}

export interface AvatarRoutesDeps {
  auth: AuthHooks;
  avatars: Avatars;
  /** What the upload route takes (the use case enforces the pixel and hourly limits). */
  limits: AvatarUploadLimits;
}

export function registerAvatarRoutes(app: App, { auth, avatars, limits }: AvatarRoutesDeps): void {
  const { maxBytes } = limits;
  const tooLarge = () => new ImageTooLarge(`An avatar may be at most ${Math.floor(maxBytes / 1024)} KiB.`);

  // A scope of its own: the raw image parsers and multipart apply to the upload route only.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      RAW_TYPES,
      { parseAs: 'buffer', bodyLimit: maxBytes },
      (_request, body, done) => done(null, body),
    );
    await scope.register(multipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1, headerPairs: 20 },
    });

    scope.put(
      '/api/v1/users/me/avatar',
      {
        onRequest: auth.user,
        schema: {
          operationId: 'uploadMyAvatar',
          tags,
          summary: 'Upload your avatar',
          description: `The image as the raw body (Content-Type image/png, image/jpeg, image/webp or application/octet-stream) or as the one file of a multipart/form-data body. PNG, JPEG and WebP are accepted, told apart by their bytes; at most ${maxBytes} bytes (413), ${limits.maxPixels} pixels and ${MAX_SIDE_PX} px a side (422 image_dimensions_too_large, judged from the header before decoding). ${limits.uploadsPerHour} uploads per user and hour (429 too_many_avatar_uploads with Retry-After); 503 avatar_processing_busy with Retry-After when the service has as many conversions in hand as it takes. It is cropped to a square, resized and stored as WebP.`,
          response: {
            200: Strict({ avatarUrl: Type.String() }),
            ...problems(400, 401, 404, 413, 415, 422, 429, 503),
          },
        },
      },
      async (request) => {
        const bytes = request.isMultipart() ? await uploadedFile(request, tooLarge) : request.body;
        if (!Buffer.isBuffer(bytes)) throw new UnsupportedImage();
        const id = userId(request);
        return { avatarUrl: avatarPath(id, await avatars.set(id, bytes)) };
      },
    );
  });

  app.delete(
    '/api/v1/users/me/avatar',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'removeMyAvatar',
        tags,
        summary: 'Remove your avatar',
        response: { 204: NoContent, ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      await avatars.remove(userId(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/users/:id/avatar',
    {
      schema: {
        operationId: 'getUserAvatar',
        tags,
        summary: "A user's avatar (public)",
        description: 'WebP. With the current ?v= (as in avatarUrl) it may be cached for good.',
        params: Strict({ id: Uuid }),
        querystring: Strict({ v: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })) }),
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The image' }),
          304: NoContent,
          ...problems(400, 404),
        },
      },
    },
    async (request, reply) => {
      const avatar = await avatars.read(request.params.id);
      const etag = `"${request.params.id}-${avatar.version}"`;
      reply
        .header('etag', etag)
        .header('x-content-type-options', 'nosniff')
        .header(
          'cache-control',
          request.query.v === avatar.version ? 'public, max-age=31536000, immutable' : 'public, no-cache',
        );
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return reply.type(avatar.contentType).send(avatar.bytes);
    },
  );
}

/** The one file of a multipart upload, read within the size limit. */
async function uploadedFile(request: FastifyRequest, tooLarge: () => Error): Promise<Buffer> {
  try {
    const file = await request.file();
    if (!file) throw new UnsupportedImage('The multipart body carries no file.');
    return await file.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (error instanceof AppError || hasClientStatus(error)) throw error;
    // The multipart parser's own errors (no boundary, a body cut short) carry no status: they are
    // the body's fault, not ours.
    throw new BadRequest({
      detail: `The multipart body could not be read: ${error instanceof Error ? error.message : 'malformed'}.`,
    });
  }
}

function hasClientStatus(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
