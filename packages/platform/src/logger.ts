import type { LogFn, LoggerOptions } from 'pino';

/** pino options shared by every service: JSON lines, no secrets, request ids attached by Fastify. */
export function loggerOptions(service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: () => `,"time":"${isoTime()}"`,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        '*.password',
        '*.refreshToken',
        '*.accessToken',
        '*.clientSecret',
      ],
      censor: '[redacted]',
    },
  };
}

let cachedSecond = Number.NaN;
let cachedPrefix = '';

/**
 * `new Date(now).toISOString()`, its date and second made once a second: formatting a Date for
 * every line was a tenth of a request line's cost (measured), and a busy service writes thousands
 * of lines a second.
 */
export function isoTime(now: number = Date.now()): string {
  const second = Math.floor(now / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20); // 2026-11-26T12:00:00.
  }
  const ms = now - second * 1000;
  return `${cachedPrefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}

/** The logging the platform's background workers need; pino loggers and Fastify's app.log both fit. */
export interface Log {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
}
