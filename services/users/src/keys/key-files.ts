import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KeyRing, signingKeyFrom, type SigningKey } from './key-ring.js';

interface KeyFile {
  kid: string;
  createdAt: string;
  /** From then on this key signs; until then it is only published (verifiers fetch it ahead). */
  activatesAt: string;
  privateJwk: Record<string, unknown>;
}

export interface KeyFileOptions {
  directory: string;
  /** A key signs for this long before its successor takes over. */
  rotateAfterMs: number;
  /** A retired key stays published this long: its last tokens must still verify. */
  keepRetiredMs: number;
  /** A successor is published this long before it signs (longer than verifiers cache a JWKS). */
  publishAheadMs: number;
  clock: () => Date;
}

/**
 * The embedded default: keys generated here and kept under DATA_DIR/keys (0600), one
 * JSON file per key. `sync()` is the whole rotation: it publishes a successor ahead of
 * time, lets it take over when due, and deletes retired keys once their tokens have
 * expired. Run at start and then every minute; driven by an injectable clock for tests.
 * One process owns the folder: replicas share keys through JWT_SIGNING_KEYS instead.
 */
export class KeyFiles {
  private ring: KeyRing | undefined;

  constructor(private readonly options: KeyFileOptions) {}

  async sync(): Promise<KeyRing> {
    const now = this.options.clock().getTime();
    let files = await this.read();
    const newest = files.at(-1);
    if (!newest) {
      files.push(await this.create(now));
    } else if (
      Date.parse(newest.activatesAt) + this.options.rotateAfterMs - this.options.publishAheadMs <=
      now
    ) {
      files.push(
        await this.create(Math.max(now, Date.parse(newest.activatesAt)) + this.options.publishAheadMs),
      );
    }
    files = await this.prune(files, now);

    const keys = await Promise.all(files.map((f) => toSigningKey(f)));
    const active = files
      .map((f, i) => ({ f, key: keys[i]! }))
      .filter(({ f }) => Date.parse(f.activatesAt) <= now);
    // Before the first key activates (never in practice: the first one activates at once), the oldest signs.
    const signing = (active.at(-1) ?? { key: keys[0]! }).key;
    const published = [...keys].reverse();
    if (this.ring) this.ring.replace(signing, published);
    else this.ring = new KeyRing(signing, published);
    return this.ring;
  }

  /** Keys sorted by activation time, oldest first. */
  private async read(): Promise<KeyFile[]> {
    await mkdir(this.options.directory, { recursive: true, mode: 0o700 });
    const names = (await readdir(this.options.directory)).filter((n) => n.endsWith('.json'));
    const files = await Promise.all(
      names.map(async (n) => JSON.parse(await readFile(join(this.options.directory, n), 'utf8')) as KeyFile),
    );
    return files.sort((a, b) => Date.parse(a.activatesAt) - Date.parse(b.activatesAt));
  }

  private async create(activatesAt: number): Promise<KeyFile> {
    const { privateKey } = generateKeyPairSync('ed25519');
    const key = await signingKeyFrom(privateKey);
    const file: KeyFile = {
      kid: key.kid,
      createdAt: this.options.clock().toISOString(),
      activatesAt: new Date(activatesAt).toISOString(),
      privateJwk: privateKey.export({ format: 'jwk' }) as Record<string, unknown>,
    };
    const path = join(this.options.directory, `${file.kid}.json`);
    await writeFile(`${path}.tmp`, JSON.stringify(file, null, 2), { mode: 0o600 });
    await rename(`${path}.tmp`, path);
    return file;
  }

  /** A key retires when its successor activates, and goes once its last tokens have expired. */
  private async prune(files: KeyFile[], now: number): Promise<KeyFile[]> {
    const kept: KeyFile[] = [];
    for (const [i, file] of files.entries()) {
      const retiredAt = files[i + 1] ? Date.parse(files[i + 1]!.activatesAt) : Infinity;
      if (retiredAt + this.options.keepRetiredMs < now) {
        await rm(join(this.options.directory, `${file.kid}.json`), { force: true });
      } else {
        kept.push(file);
      }
    }
    return kept;
  }
}

async function toSigningKey(file: KeyFile): Promise<SigningKey> {
  return signingKeyFrom(createPrivateKey({ key: file.privateJwk as never, format: 'jwk' }), file.kid);
}
