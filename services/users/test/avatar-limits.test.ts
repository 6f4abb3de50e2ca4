import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import sharp from 'sharp';
import { createSharpImageProcessor } from '../src/adapters/sharp-image-processor.js';
import { loadConfig } from '../src/config.js';
import type { ImageProcessor } from '../src/domain/avatar.js';
import { multipart, solidPng, storedAvatar, uploadAvatar } from './support/avatar-uploads.js';
import { signUp, startUsers, type UsersUnderTest } from './support/users-under-test.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

/** A newer version than the stored one on disk: what a refused upload must never leave. */
const newerFiles = (stored: { version: number | null; files: string[] }) =>
  stored.files.filter((name) => Number.parseInt(name, 10) > (stored.version ?? 0));

describe('avatar dimensions: judged from the header, before decoding', () => {
  let t: UsersUnderTest;
  before(async () => {
    // Budget out of the way: these tests are about dimensions.
    t = await startUsers({ env: { AVATAR_UPLOADS_PER_HOUR: '100' } });
  });
  after(() => t.close());

  test('a 7000×7000 PNG of 150 KB is a 422 naming its size and the limit, raw or multipart; nothing is stored', async () => {
    const user = await signUp(t);
    const bomb = await solidPng(7000, 7000);
    assert.ok(bomb.length < 200_000, `the file is small (${bomb.length} bytes)`);
    const raw = await uploadAvatar(t, user.auth, bomb, 'image/png');
    assert.equal(raw.statusCode, 422, raw.body);
    assert.equal(raw.headers['content-type'], PROBLEM);
    const problem = raw.json();
    assert.equal(problem.code, 'image_dimensions_too_large');
    assert.match(problem.detail, /7000×7000 px/);
    assert.match(problem.detail, /16,777,216 pixels \(4096×4096\)/);
    assert.deepEqual(
      [problem.width, problem.height, problem.maxPixels, problem.maxSidePx],
      [7000, 7000, 16_777_216, 16_384],
    );
    const form = multipart(bomb);
    const viaForm = await uploadAvatar(t, user.auth, form.body, form.contentType);
    assert.equal(viaForm.statusCode, 422, viaForm.body);
    assert.equal(viaForm.json().code, 'image_dimensions_too_large');
    assert.deepEqual(await storedAvatar(t, user.id), { version: null, files: [] });
  });

  test('a refusal leaves the current avatar as it was', async () => {
    const user = await signUp(t);
    const first = await uploadAvatar(t, user.auth, await solidPng(300, 300), 'image/png');
    assert.equal(first.statusCode, 200, first.body);
    const refused = await uploadAvatar(t, user.auth, await solidPng(4097, 4096), 'image/png');
    assert.equal(refused.statusCode, 422, refused.body);
    const stored = await storedAvatar(t, user.id);
    assert.equal(stored.version, 1);
    assert.deepEqual(newerFiles(stored), []);
    const profile = await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth });
    assert.equal(profile.json().avatarUrl, first.json().avatarUrl);
  });

  test('the bound is the area: 4096×4096 is accepted, one row or column more is not', async () => {
    const user = await signUp(t);
    const atBound = await uploadAvatar(t, user.auth, await solidPng(4096, 4096), 'image/png');
    assert.equal(atBound.statusCode, 200, atBound.body);
    const served = await t.app.inject({ method: 'GET', url: atBound.json().avatarUrl });
    const meta = await sharp(served.rawPayload).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 256, 256]);
    for (const [width, height] of [
      [4097, 4096],
      [4096, 4097],
    ] as const) {
      const over = await uploadAvatar(t, user.auth, await solidPng(width, height), 'image/png');
      assert.equal(over.statusCode, 422, `${width}×${height}: ${over.body}`);
      assert.equal(over.json().width, width);
    }
    assert.equal((await storedAvatar(t, user.id)).version, 1);
  });

  test('narrow strips within the area are accepted (4097×10, 10×4097, 10×8000) and still become 256×256', async () => {
    const user = await signUp(t);
    for (const [width, height] of [
      [4097, 10],
      [10, 4097],
      [10, 8000],
    ] as const) {
      const answer = await uploadAvatar(t, user.auth, await solidPng(width, height), 'image/png');
      assert.equal(answer.statusCode, 200, `${width}×${height}: ${answer.body}`);
      const served = await t.app.inject({ method: 'GET', url: answer.json().avatarUrl });
      const meta = await sharp(served.rawPayload).metadata();
      assert.deepEqual([meta.width, meta.height], [256, 256], `${width}×${height}`);
    }
  });

  test('a side longer than 16,384 px is refused even when the area is small', async () => {
    const user = await signUp(t);
    for (const [width, height] of [
      [1, 16_385],
      [16_385, 1],
    ] as const) {
      const answer = await uploadAvatar(t, user.auth, await solidPng(width, height), 'image/png');
      assert.equal(answer.statusCode, 422, `${width}×${height}: ${answer.body}`);
      assert.match(answer.json().detail, /16,384 px a side/);
    }
    assert.deepEqual(await storedAvatar(t, user.id), { version: null, files: [] });
  });

  test("sharp's own pixel limit is set at the configured bound (the guard behind the header check)", async () => {
    const images = createSharpImageProcessor({ sizePx: 64, maxInputPixels: 100 * 100 });
    await assert.rejects(images.toAvatar(await solidPng(101, 100)), { name: 'image_dimensions_too_large' });
    const fits = await images.toAvatar(await solidPng(100, 100));
    assert.equal((await sharp(fits.bytes).metadata()).width, 64);
  });
});

describe('avatar upload budget: per user and hour, counted before the image is looked at', () => {
  let t: UsersUnderTest;
  before(async () => {
    t = await startUsers({ env: { AVATAR_UPLOADS_PER_HOUR: '3' } });
  });
  after(() => t.close());

  test('every image upload counts, refused or not; past the budget a 429 with Retry-After, raw or multipart', async () => {
    const user = await signUp(t);
    const ok = await uploadAvatar(t, user.auth, await solidPng(200, 200), 'image/png');
    assert.equal(ok.statusCode, 200, ok.body);
    const oversized = multipart(await solidPng(7000, 7000));
    assert.equal((await uploadAvatar(t, user.auth, oversized.body, oversized.contentType)).statusCode, 422);
    const damaged = (await solidPng(200, 200)).subarray(0, 60);
    assert.equal((await uploadAvatar(t, user.auth, damaged, 'image/png')).statusCode, 400);

    // The fourth: refused before decoding (a damaged image gets the 429, not its 400).
    const form = multipart(await solidPng(200, 200));
    for (const [payload, contentType] of [
      [await solidPng(200, 200), 'image/png'],
      [damaged, 'image/png'],
      [form.body, form.contentType],
    ] as const) {
      const answer = await uploadAvatar(t, user.auth, payload, contentType);
      assert.equal(answer.statusCode, 429, answer.body);
      assert.equal(answer.headers['content-type'], PROBLEM);
      assert.equal(answer.json().code, 'too_many_avatar_uploads');
      assert.match(answer.json().detail, /At most 3 avatar uploads an hour/);
      const retryAfter = Number(answer.headers['retry-after']);
      assert.ok(retryAfter >= 1 && retryAfter <= 3600, `Retry-After ${answer.headers['retry-after']}`);
    }
    const stored = await storedAvatar(t, user.id);
    assert.equal(stored.version, 1, 'only the first upload changed the avatar');
    assert.deepEqual(newerFiles(stored), []);
  });

  test("one user's budget is not another's, and what is not an image costs nothing", async () => {
    const spender = await signUp(t);
    for (let i = 0; i < 4; i++) await uploadAvatar(t, spender.auth, await solidPng(50, 50), 'image/png');
    assert.equal((await uploadAvatar(t, spender.auth, await solidPng(50, 50), 'image/png')).statusCode, 429);

    const other = await signUp(t);
    for (let i = 0; i < 5; i++) {
      const text = await uploadAvatar(t, other.auth, Buffer.from('not an image'), 'image/png');
      assert.equal(text.statusCode, 415);
    }
    for (let i = 0; i < 3; i++) {
      const answer = await uploadAvatar(t, other.auth, await solidPng(50 + i, 50), 'image/png');
      assert.equal(answer.statusCode, 200, `upload ${i + 1}: ${answer.body}`);
    }
    assert.equal((await storedAvatar(t, other.id)).version, 3);
  });
});

describe('avatar conversions at a time: a bounded queue, then 503', () => {
  let t: UsersUnderTest;
  let entered = 0;
  let letGo: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (letGo = resolve));
  before(async () => {
    const real = createSharpImageProcessor({ sizePx: 256, maxInputPixels: 4096 * 4096 });
    // The real conversion, held until the test lets it go: the bound is then seen, not raced.
    const holding: ImageProcessor = {
      inspect: (bytes) => real.inspect(bytes),
      async toAvatar(bytes) {
        entered++;
        await held;
        return real.toAvatar(bytes);
      },
    };
    t = await startUsers({
      env: { AVATAR_CONVERSIONS_AT_ONCE: '2', AVATAR_CONVERSIONS_WAITING: '1' },
      overrides: { images: holding },
    });
  });
  after(async () => {
    letGo(); // should an assertion fail while conversions are held
    await t.close();
  });

  test('two run, one waits, the rest get 503 with Retry-After at once, and the others complete', async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => signUp(t)));
    const image = await solidPng(400, 300);
    const answers: { index: number; statusCode: number; body: string; retryAfter: unknown }[] = [];
    const uploads = users.map(async (user, index) => {
      const answer = await uploadAvatar(t, user.auth, image, 'image/png');
      answers.push({
        index,
        statusCode: answer.statusCode,
        body: answer.body,
        retryAfter: answer.headers['retry-after'],
      });
    });

    await waitFor(() => {
      assert.equal(
        answers.length,
        2,
        `two uploads were refused while the others are held (${answers.length})`,
      );
      assert.equal(entered, 2, `two conversions started, no more (${entered})`);
    });
    for (const refused of answers) {
      assert.equal(refused.statusCode, 503, refused.body);
      const problem = JSON.parse(refused.body) as { code: string; detail: string };
      assert.equal(problem.code, 'avatar_processing_busy');
      assert.match(problem.detail, /2 avatars are being processed and 1 are waiting/);
      assert.equal(refused.retryAfter, '2');
    }
    const refusedUsers = answers.map((answer) => users[answer.index]!);

    letGo();
    await Promise.all(uploads);
    assert.equal(entered, 3, 'the waiting one ran once a slot was free');
    const done = answers.filter((answer) => answer.statusCode === 200);
    assert.equal(done.length, 3, JSON.stringify(answers));
    for (const answer of done) assert.equal((await storedAvatar(t, users[answer.index]!.id)).version, 1);

    // A refused upload stored nothing and did not spend the user's budget.
    for (const user of refusedUsers) {
      assert.deepEqual(await storedAvatar(t, user.id), { version: null, files: [] });
      const { rows } = await t.db.query<{ hits: number }>('SELECT hits FROM throttle WHERE key = $1', [
        `avatar-upload:user:${user.id}`,
      ]);
      assert.equal(rows[0]?.hits, 0);
    }
    // The slots were given back: the next uploads go through.
    const again = await Promise.all(
      refusedUsers.map((user) => uploadAvatar(t, user.auth, image, 'image/png')),
    );
    assert.deepEqual(
      again.map((answer) => answer.statusCode),
      [200, 200],
    );
  });

  test('more conversions at once than libuv has threads is refused at start', () => {
    assert.throws(
      () =>
        loadConfig({
          DATABASE_URL: 'postgres://unused/users',
          BUS_URL: 'postgres://unused/bus',
          AVATAR_CONVERSIONS_AT_ONCE: '4',
        }),
      /AVATAR_CONVERSIONS_AT_ONCE must be below UV_THREADPOOL_SIZE \(4\)/,
    );
  });
});
