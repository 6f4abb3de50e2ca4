import { clientKey } from '@shop/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TooManyStreams } from './errors.js';

export interface StreamGateOptions {
  /** Open event streams this gateway replica forwards at most (its stream connections). */
  maxStreams: number;
  /** Of those, at most this many from one client address (clientKey). */
  maxPerClient: number;
}

/**
 * Admission of long-lived event streams. A stream holds a connection to its service for as long as
 * it is open, so streams travel over a pool of their own (ordinary requests and webhooks never wait
 * behind them) and are counted here, in all and per client address: beyond either cap the answer
 * is a 429 at once rather than a request queued for a connection that may not free up for minutes.
 * The service caps streams per user on top of this.
 */
export class StreamGate {
  private open = 0;
  private readonly perClient = new Map<string, number>();

  constructor(private readonly options: StreamGateOptions) {}

  get size(): number {
    return this.open;
  }

  /** Counts the request as an open stream until its answer is over; refuses it beyond a cap. */
  admit(request: FastifyRequest, reply: FastifyReply): void {
    const client = clientKey(request.ip);
    const mine = this.perClient.get(client) ?? 0;
    if (mine >= this.options.maxPerClient) {
      throw tooMany(`At most ${this.options.maxPerClient} live streams may be open from one address.`);
    }
    if (this.open >= this.options.maxStreams) {
      throw tooMany('This gateway has as many live streams open as it can hold; try again shortly.');
    }
    this.open += 1;
    this.perClient.set(client, mine + 1);
    reply.raw.once('close', () => {
      this.open -= 1;
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left === 0) this.perClient.delete(client);
      else this.perClient.set(client, left);
    });
  }
}

function tooMany(detail: string): TooManyStreams {
  return new TooManyStreams({ detail, retryAfterSeconds: 5 });
}
