/**
 * Avatar uploads: one customer sends an image that is small on the wire and huge once decoded
 * (a 7,000×7,000 PNG of 143 KB), over and over from parallel loops. It was accepted and
 * decoded: eight loops took users' memory from 153 MB to 541 MB and slowed every login 7×.
 * Now the header is judged before decoding (422) and uploads have a per-user budget (429);
 * other customers sign in as before.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFile, readdir } from 'node:fs/promises';
import { it } from 'node:test';
import { createDeflate, crc32 } from 'node:zlib';
import type { Answer, Shop } from '../../e2e/support/shop.js';
import { asClient, tried, type AttackGroup, type Client } from '../support/attack.js';

const PASSWORD = 'an avatar attack passphrase 9';
const BUDGET = 10; // users' AVATAR_UPLOADS_PER_HOUR default

/** A one-colour RGB PNG made row by row (the attacker needs no image library, and neither do we). */
async function solidPng(width: number, height: number): Promise<Buffer> {
  const row = Buffer.alloc(1 + width * 3, 0x5a);
  row[0] = 0; // filter: none
  const deflate = createDeflate({ level: 9 });
  const compressed: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
  for (let y = 0; y < height; y++) if (!deflate.write(row)) await once(deflate, 'drain');
  deflate.end();
  await once(deflate, 'end');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', Buffer.concat(compressed)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const framed = Buffer.alloc(8 + data.length + 4);
  framed.writeUInt32BE(data.length, 0);
  typed.copy(framed, 4);
  framed.writeUInt32BE(crc32(typed), 8 + data.length);
  return framed;
}

async function customer(client: Client, name: string) {
  const email = `${name}-${randomUUID().slice(0, 8)}@attack.test`;
  const registered = await client.call('POST', '/api/v1/auth/register', {
    body: { email, password: PASSWORD, name },
  });
  // 201 with the account, or 202 with the same answer whether or not the address was taken.
  assert.ok([201, 202].includes(registered.status), JSON.stringify(registered.body));
  return { email, token: await logIn(client, email) };
}

async function logIn(client: Client, email: string): Promise<string> {
  const login = await client.call('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  return login.body.accessToken as string;
}

/** PUT the avatar through the gateway as `client`: the raw bytes, or the one file of a multipart form. */
async function upload(shop: Shop, client: Client, token: string, png: Buffer, as: 'raw' | 'multipart') {
  const body = as === 'raw' ? new Uint8Array(png) : new FormData();
  if (body instanceof FormData)
    body.append('avatar', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'me.png');
  const response = await fetch(`${shop.stack.gatewayUrl}/api/v1/users/me/avatar`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${token}`,
      'x-forwarded-for': client.address,
      ...(as === 'raw' ? { 'content-type': 'image/png' } : {}),
    },
    body,
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json') && text;
  return { status: response.status, body: json ? JSON.parse(text) : text, headers: response.headers };
}

/**
 * The users process's resident memory now and at its peak (VmRSS, VmHWM), found by the DATA_DIR
 * the launcher gave it; undefined where /proc cannot tell. Printed, never asserted.
 */
async function usersMemory(shop: Shop): Promise<string | undefined> {
  const marker = `\0DATA_DIR=${shop.stack.dataDir}/users\0`;
  for (const pid of (await readdir('/proc').catch(() => [])).filter((name) => /^\d+$/.test(name))) {
    const environ = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
    if (!`\0${environ}\0`.includes(marker)) continue;
    const status = await readFile(`/proc/${pid}/status`, 'latin1').catch(() => '');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    if (!kib('VmRSS')) continue;
    return `${Math.round(kib('VmRSS') / 1024)} MB (peak ${Math.round(kib('VmHWM') / 1024)} MB)`;
  }
  return undefined;
}

const tally = (answers: Answer[]) =>
  Object.entries(
    answers.reduce<Record<string, number>>((counts, answer) => {
      const key = `${answer.status}${answer.body?.code ? ` ${answer.body.code}` : ''}`;
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {}),
  )
    .map(([key, n]) => `${n}× ${key}`)
    .join(', ');

export const attacks: AttackGroup = {
  name: 'avatars',
  register(shop) {
    it('a 7000×7000 PNG from 8 parallel loops: 422 before decoding, then 429; nothing stored; others sign in', async (t) => {
      const attacker = asClient(shop(), '198.51.100.61');
      const bystander = asClient(shop(), '198.51.100.62');
      const mallory = await customer(attacker, 'mallory');
      const alice = await customer(bystander, 'alice');
      const bomb = await solidPng(7000, 7000);
      const memoryBefore = await usersMemory(shop());

      const loops = 8;
      const rounds = 4;
      const answers: Answer[] = [];
      let running = true;
      const attack = Promise.all(
        Array.from({ length: loops }, async (_, loop) => {
          for (let round = 0; round < rounds; round++)
            answers.push(await upload(shop(), attacker, mallory.token, bomb, loop % 2 ? 'multipart' : 'raw'));
        }),
      ).finally(() => (running = false));
      // Alice signs in while the loops run, and once more after them.
      const logins: string[] = [];
      do logins.push(await logIn(bystander, alice.email));
      while (running && logins.length < 20);
      await attack;
      logins.push(await logIn(bystander, alice.email));
      const memoryAfter = await usersMemory(shop());

      if (memoryBefore && memoryAfter)
        tried(
          t,
          'resident memory of the users process, before and after the loops',
          `${memoryBefore} → ${memoryAfter}`,
        );
      tried(
        t,
        `${loops} loops × ${rounds} PUT /users/me/avatar of a ${bomb.length}-byte 7000×7000 PNG (raw and multipart), one account`,
        `${tally(answers)}; the other customer signed in ${logins.length} times`,
      );
      const refused = answers.filter((answer) => answer.status === 422);
      const throttled = answers.filter((answer) => answer.status === 429);
      assert.equal(
        refused.length,
        BUDGET,
        `the budget's worth refused for the dimensions: ${tally(answers)}`,
      );
      assert.equal(throttled.length, loops * rounds - BUDGET, `the rest throttled: ${tally(answers)}`);
      for (const answer of refused) {
        assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.equal(answer.body.code, 'image_dimensions_too_large');
        assert.match(answer.body.detail, /7000×7000 px/);
      }
      for (const answer of throttled) {
        assert.equal(answer.body.code, 'too_many_avatar_uploads');
        assert.ok(Number(answer.headers.get('retry-after')) >= 1, 'a 429 says when to come back');
      }
      const me = await attacker.call('GET', '/api/v1/users/me', { token: mallory.token });
      assert.equal(me.status, 200);
      assert.equal(me.body.avatarUrl, null, 'no avatar was stored');
    });

    it('customers uploading large legitimate images at once: each is converted or told 503 with Retry-After, never an error', async (t) => {
      const clients = Array.from({ length: 6 }, (_, i) => asClient(shop(), `198.51.100.${70 + i}`));
      const people = await Promise.all(clients.map((client, i) => customer(client, `uploader${i}`)));
      const image = await solidPng(4096, 4096);
      const bystander = asClient(shop(), '198.51.100.63');
      const bob = await customer(bystander, 'bob');

      const answers = await Promise.all(
        people.flatMap((person, i) =>
          (['raw', 'multipart'] as const).map((as) => upload(shop(), clients[i]!, person.token, image, as)),
        ),
      );
      await logIn(bystander, bob.email);
      tried(
        t,
        `${answers.length} PUT /users/me/avatar at once of a 4096×4096 PNG (at the bound), 6 accounts`,
        `${tally(answers)}; another customer signed in`,
      );
      assert.ok(
        answers.some((answer) => answer.status === 200),
        `some were converted: ${tally(answers)}`,
      );
      for (const answer of answers) {
        if (answer.status === 200) continue;
        assert.equal(answer.status, 503, tally(answers));
        assert.equal(answer.body.code, 'avatar_processing_busy');
        assert.ok(Number(answer.headers.get('retry-after')) >= 1, 'a 503 says when to come back');
      }
    });
  },
};
