import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { freePort } from '@shop/platform';

test('free ports: outside the range the OS hands out itself, never the same twice, and listenable', async () => {
  const ports: number[] = [];
  for (let i = 0; i < 40; i++) ports.push(await freePort());
  assert.equal(new Set(ports).size, ports.length, 'no port handed out twice');
  for (const port of ports) assert.ok(port >= 20_000 && port <= 32_767, `${port} is below 32768`);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(ports[0], '127.0.0.1', resolve));
  assert.equal((server.address() as { port: number }).port, ports[0]);
  await new Promise((resolve) => server.close(resolve));
});
