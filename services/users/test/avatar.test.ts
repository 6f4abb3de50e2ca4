import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import sharp from 'sharp';
import { multipart, uploadAvatar } from './support/avatar-uploads.js';
import { signUp, startUsers, type SignedUp, type UsersUnderTest } from './support/users-under-test.js';

const MAX = 64 * 1024;

async function image(format: 'png' | 'jpeg' | 'webp' | 'gif', width = 400, height = 300) {
  const base = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 90 } } });
  return base.toFormat(format).toBuffer();
}

/** Random pixels do not compress: a PNG bigger than the limit. */
const noisePng = () =>
  sharp(randomBytes(300 * 300 * 3), { raw: { width: 300, height: 300, channels: 3 } })
    .png()
    .toBuffer();

describe('avatars', () => {
  let t: UsersUnderTest;
  let user: SignedUp;
  before(async () => {
    // One user uploads more often here than the hourly budget allows (avatar-limits.test.ts tests it).
    t = await startUsers({ env: { AVATAR_MAX_BYTES: String(MAX), AVATAR_UPLOADS_PER_HOUR: '100' } });
    user = await signUp(t);
  });
  after(() => t.close());

  const upload = (payload: Buffer, contentType: string, auth = user.auth) =>
    uploadAvatar(t, auth, payload, contentType);
  const fetchAvatar = (id: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/v1/users/${id}/avatar`, headers });

  for (const format of ['png', 'jpeg', 'webp'] as const) {
    test(`a raw ${format} becomes a 256×256 WebP served publicly`, async () => {
      const response = await upload(await image(format), `image/${format}`);
      assert.equal(response.statusCode, 200, response.body);
      const { avatarUrl } = response.json();
      assert.match(avatarUrl, new RegExp(`^/api/v1/users/${user.id}/avatar\\?v=\\d+$`));
      const served = await t.app.inject({ method: 'GET', url: avatarUrl });
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/webp');
      assert.equal(served.headers['cache-control'], 'public, max-age=31536000, immutable');
      const meta = await sharp(served.rawPayload).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 256, 256]);
    });
  }

  test('a multipart upload works too, and the profile links to the new version', async () => {
    const { body, contentType } = multipart(await image('png'));
    const response = await upload(body, contentType);
    assert.equal(response.statusCode, 200, response.body);
    const profile = (
      await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth })
    ).json();
    assert.equal(profile.avatarUrl, response.json().avatarUrl);
  });

  test('the type is sniffed from the bytes, not taken from the Content-Type', async () => {
    const png = await upload(await image('png'), 'application/octet-stream');
    assert.equal(png.statusCode, 200);
    const text = await upload(Buffer.from('<svg onload="alert(1)"></svg>'), 'image/png');
    assert.equal(text.statusCode, 415);
    assert.equal(text.json().code, 'unsupported_image');
    const gif = await upload(await image('gif'), 'image/png');
    assert.equal(gif.statusCode, 415);
    const multipartText = multipart(Buffer.from('just text'), 'me.png', 'image/png');
    assert.equal((await upload(multipartText.body, multipartText.contentType)).statusCode, 415);
  });

  test('a damaged image is a 400; an unsupported content type a 415', async () => {
    const png = await image('png');
    const truncated = await upload(png.subarray(0, 60), 'image/png');
    assert.equal(truncated.statusCode, 400);
    assert.equal(truncated.json().code, 'corrupt_image');
    const json = await upload(Buffer.from('{"a":1}'), 'application/json');
    assert.equal(json.statusCode, 415);
    const form = await upload(Buffer.from('a=1'), 'application/x-www-form-urlencoded');
    assert.equal(form.statusCode, 415);
  });

  test('a malformed multipart body is a 400 problem: no boundary, or cut short', async () => {
    const { body, contentType } = multipart(await image('png'));
    const noBoundary = await upload(body, 'multipart/form-data');
    assert.equal(noBoundary.statusCode, 400, noBoundary.body);
    assert.match(noBoundary.headers['content-type'] as string, /^application\/problem\+json/);
    const cutShort = await upload(body.subarray(0, body.length - 40), contentType);
    assert.equal(cutShort.statusCode, 400, cutShort.body);
    assert.match(cutShort.json().detail, /multipart/);
  });

  test('too large is a 413, raw or multipart, and the stored avatar stays', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth })).json()
      .avatarUrl;
    const big = await noisePng();
    assert.ok(big.length > MAX);
    const raw = await upload(big, 'image/png');
    assert.equal(raw.statusCode, 413);
    assert.equal(raw.headers['content-type'], 'application/problem+json; charset=utf-8');
    const { body, contentType } = multipart(big);
    const viaForm = await upload(body, contentType);
    assert.equal(viaForm.statusCode, 413);
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth })).json()
      .avatarUrl;
    assert.equal(after, before);
  });

  test('metadata such as EXIF does not survive', async () => {
    const withExif = await sharp(await image('jpeg'))
      .withExif({ IFD0: { Copyright: 'secret-location' } })
      .jpeg()
      .toBuffer();
    assert.ok((await sharp(withExif).metadata()).exif, 'the upload has EXIF');
    const { avatarUrl } = (await upload(withExif, 'image/jpeg')).json();
    const served = await t.app.inject({ method: 'GET', url: avatarUrl });
    assert.equal((await sharp(served.rawPayload).metadata()).exif, undefined);
    assert.ok(!served.rawPayload.includes(Buffer.from('secret-location')));
  });

  test('conditional GET answers 304; old versions are cleaned up', async () => {
    const { avatarUrl } = (await upload(await image('png'), 'image/png')).json();
    const first = await t.app.inject({ method: 'GET', url: avatarUrl });
    const etag = String(first.headers.etag);
    const again = await fetchAvatar(user.id, { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.headers['cache-control'], 'public, no-cache');
    await waitFor(async () => {
      const files = await readdir(join(t.dataDir, 'avatars', user.id));
      assert.equal(files.length, 1, `only the current version is kept (${files.join(', ')})`);
    });
  });

  test('uploading needs a signed-in user; reading does not', async () => {
    const anonymous = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/users/me/avatar',
      headers: { 'content-type': 'image/png' },
      payload: await image('png'),
    });
    assert.equal(anonymous.statusCode, 401);
    assert.equal((await fetchAvatar(user.id)).statusCode, 200);
  });

  test('unknown users, users without an avatar and malformed ids', async () => {
    const other = await signUp(t);
    assert.equal((await fetchAvatar(other.id)).statusCode, 404);
    assert.equal((await fetchAvatar('00000000-0000-4000-8000-000000000000')).statusCode, 404);
    const bad = await fetchAvatar("1' OR '1'='1");
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'params.id');
    assert.equal((await fetchAvatar('../../etc/passwd')).statusCode, 404);
  });

  test('DELETE removes the avatar', async () => {
    const other = await signUp(t);
    await upload(await image('png'), 'image/png', other.auth);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/users/me/avatar',
      headers: other.auth,
    });
    assert.equal(removed.statusCode, 204);
    assert.equal((await fetchAvatar(other.id)).statusCode, 404);
    const profile = (
      await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: other.auth })
    ).json();
    assert.equal(profile.avatarUrl, null);
  });
});
