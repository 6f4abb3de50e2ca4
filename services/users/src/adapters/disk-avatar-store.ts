import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AvatarStore } from '../domain/avatar.js';

/**
 * Avatars on local disk: DATA_DIR/avatars/<user id>/<version>.webp. Fine for one replica
 * or a shared volume; an S3-compatible store implements the same port for scale-out.
 */
export class DiskAvatarStore implements AvatarStore {
  constructor(private readonly directory: string) {}

  async put(userId: string, version: number, image: { bytes: Buffer; contentType: string }) {
    const folder = this.folder(userId);
    await mkdir(folder, { recursive: true });
    const file = join(folder, `${version}${extension(image.contentType)}`);
    await writeFile(`${file}.tmp`, image.bytes);
    await rename(`${file}.tmp`, file);
  }

  async get(userId: string, version: number) {
    for (const [contentType, ext] of Object.entries(EXTENSIONS)) {
      try {
        return { bytes: await readFile(join(this.folder(userId), `${version}${ext}`)), contentType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return undefined;
  }

  async removeOthers(userId: string, keep: number) {
    let files: string[];
    try {
      files = await readdir(this.folder(userId));
    } catch {
      return;
    }
    const kept = new Set(Object.values(EXTENSIONS).map((ext) => `${keep}${ext}`));
    await Promise.all(
      files.filter((f) => !kept.has(f)).map((f) => rm(join(this.folder(userId), f), { force: true })),
    );
  }

  async removeAll(userId: string) {
    await rm(this.folder(userId), { recursive: true, force: true });
  }

  private folder(userId: string): string {
    // User ids are UUIDs (checked by the routes); refuse anything else rather than build a path from it.
    if (!/^[0-9a-f-]{36}$/i.test(userId)) throw new Error('not a user id');
    return join(this.directory, userId);
  }
}

const EXTENSIONS: Record<string, string> = {
  'image/webp': '.webp',
  'image/png': '.png',
  'image/jpeg': '.jpg',
};

function extension(contentType: string): string {
  const ext = EXTENSIONS[contentType];
  if (!ext) throw new Error(`cannot store ${contentType}`);
  return ext;
}
