/** How the launcher shows its children's log lines: readable by people, or the raw JSON. */
export type LogFormat = 'pretty' | 'json';
export type LogSink = (service: string, line: string) => void;

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const COLORS: Record<string, string> = {
  users: '36',
  products: '35',
  orders: '33',
  'payments-sandbox': '34',
  gateway: '32',
  postgres: '90',
  launcher: '1',
};
const QUIET_KEYS = new Set(['level', 'time', 'pid', 'hostname', 'service', 'msg', 'reqId', 'traceId']);

export function consoleSink(format: LogFormat, color = process.stdout.isTTY): LogSink {
  const width = Math.max(...Object.keys(COLORS).map((name) => name.length));
  return (service, line) => {
    if (format === 'json') {
      process.stdout.write(`${line.startsWith('{') ? line : JSON.stringify({ service, msg: line })}\n`);
      return;
    }
    const label = service.padEnd(width);
    const prefix = color ? `\x1b[${COLORS[service] ?? '0'}m${label}\x1b[0m │ ` : `${label} │ `;
    process.stdout.write(`${prefix}${prettyLine(line)}\n`);
  };
}

/** `12:00:01 INFO request completed method=GET url=/x status=200 ms=1.2` from a pino JSON line. */
export function prettyLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
  const level = LEVELS[Number(entry.level)] ?? String(entry.level ?? '');
  const extras = Object.entries(entry)
    .filter(([key]) => !QUIET_KEYS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [time, level, entry.msg, ...extras].filter((part) => part !== '' && part !== undefined).join(' ');
}
