/** What the avatar tests share: images made with sharp, multipart bodies, and the upload call. */
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { UsersUnderTest } from './users-under-test.js';

/** One colour compresses to almost nothing: a 7000×7000 PNG is about 150 KB. */
export const solidPng = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 90 } } })
    .png({ compressionLevel: 9 })
    .toBuffer();

export function multipart(file: Buffer, filename = 'me.png', contentType = 'image/png') {
  const boundary = `----test${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="avatar"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

export function uploadAvatar(
  t: UsersUnderTest,
  auth: { authorization: string },
  payload: Buffer,
  contentType: string,
) {
  return t.app.inject({
    method: 'PUT',
    url: '/api/v1/users/me/avatar',
    headers: { ...auth, 'content-type': contentType },
    payload,
  });
}

/** The avatar version in the database and the files on disk: what a refused upload must not change. */
export async function storedAvatar(t: UsersUnderTest, userId: string) {
  const { rows } = await t.db.query<{ avatar_version: number | null }>(
    'SELECT avatar_version FROM users WHERE id = $1',
    [userId],
  );
  let files: string[] = [];
  try {
    files = (await readdir(join(t.dataDir, 'avatars', userId))).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { version: rows[0]?.avatar_version ?? null, files };
}
