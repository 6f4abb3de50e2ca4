import type { Deps } from './deps.js';
import { AvatarNotFound, UnsupportedImage, UserNotFound } from './errors.js';

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface StoredImage {
  bytes: Buffer;
  contentType: string;
}

/** Decodes, orients, crops to a square, resizes and re-encodes (dropping metadata such as GPS). */
export interface ImageProcessor {
  /** Throws CorruptImage when the bytes do not decode, UnsupportedImage for other formats. */
  toAvatar(bytes: Buffer): Promise<StoredImage>;
}

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

/**
 * Replaces the avatar. Uploads of one user are serialised by the row lock; each gets a
 * new version (a new URL for caches), and older files are removed once it is committed.
 */
export async function setAvatar(deps: Deps, userId: string, bytes: Buffer): Promise<number> {
  if (!sniffImage(bytes)) throw new UnsupportedImage();
  const image = await deps.images.toAvatar(bytes);
  const version = await deps.db.transaction(async (tx) => {
    const user = await tx.users.lock(userId);
    if (!user || user.status !== 'active') throw new UserNotFound();
    const version = (user.avatarVersion ?? 0) + 1;
    await deps.avatars.put(userId, version, image);
    await tx.users.update(userId, { avatarVersion: version });
    return version;
  });
  deps.later('old avatar removal', () => deps.avatars.removeOthers(userId, version));
  return version;
}

export async function removeAvatar(deps: Deps, userId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const user = await tx.users.lock(userId);
    if (!user || user.status !== 'active') throw new UserNotFound();
    await tx.users.update(userId, { avatarVersion: null });
  });
  deps.later('avatar removal', () => deps.avatars.removeAll(userId));
}

/** The public avatar of an active account. */
export async function readAvatar(deps: Deps, userId: string): Promise<StoredImage & { version: number }> {
  const user = await deps.db.users.findById(userId);
  if (!user || user.status !== 'active' || user.avatarVersion === null) throw new AvatarNotFound();
  const image = await deps.avatars.get(userId, user.avatarVersion);
  if (!image) throw new AvatarNotFound();
  return { ...image, version: user.avatarVersion };
}
