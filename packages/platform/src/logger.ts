import type { LogFn, LoggerOptions } from 'pino';

/** pino options shared by every service: JSON lines, no secrets, request ids attached by Fastify. */
export function loggerOptions(service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
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

/** The logging the platform's background workers need; pino loggers and Fastify's app.log both fit. */
export interface Log {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
}
