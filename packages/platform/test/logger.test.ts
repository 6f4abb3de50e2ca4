import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { pino } from 'pino';
import { isoTime, loggerOptions } from '../src/logger.js';

test('isoTime writes what Date#toISOString writes, across second boundaries and in any order', () => {
  const start = Date.parse('2026-11-26T23:59:58.990Z');
  const times = [
    start,
    start + 9,
    start + 10,
    start + 99,
    start + 100,
    start + 1009, // the next second, then the next day
    start + 2010,
    start + 1000,
    start, // back again: the cached second is replaced, not trusted
    Date.parse('2024-02-29T00:00:00.000Z'),
    Date.parse('1999-12-31T23:59:59.999Z'),
  ];
  for (let i = 0; i < 2000; i++) times.push(start + Math.floor(Math.random() * 5_000));
  for (const time of times) assert.equal(isoTime(time), new Date(time).toISOString(), `at ${time}`);
});

test('a log line carries the time as ISO 8601, parsed back to the moment it was written', () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const before = Date.now();
  pino(loggerOptions('test', 'info'), stream).info('hello');
  const after = Date.now();
  const line = JSON.parse(lines[0]!) as { time: string; service: string; msg: string };
  assert.match(line.time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  const written = Date.parse(line.time);
  assert.ok(written >= before && written <= after, `${line.time} lies between the calls`);
  assert.equal(line.service, 'test');
  assert.equal(line.msg, 'hello');
});
