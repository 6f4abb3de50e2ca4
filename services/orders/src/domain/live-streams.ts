import { TooManyStreams } from './errors.js';
import type { Clock } from './ports.js';

/** Why a live-tracking stream ended. */
export type StreamEnd =
  /** The order is settled, or following it failed: nothing more to send. */
  | 'settled'
  | 'client_closed'
  /** It was open for the longest a stream may be (ORDER_STREAM_MAX_SECONDS). */
  | 'lifetime'
  /** The access token it was opened with expired; a fresh one opens it again. */
  | 'token_expired'
  /** The session its token belongs to was ended (logout, password change…). */
  | 'session_revoked'
  | 'shutdown';

/** Ends after which the client should open the stream again, with Last-Event-ID, to go on. */
const RESUMABLE: ReadonlySet<StreamEnd> = new Set(['lifetime', 'token_expired', 'shutdown']);
/** Ends the client is told about (it went away itself, or the order is done: nothing to say). */
const ANNOUNCED: ReadonlySet<StreamEnd> = new Set([...RESUMABLE, 'session_revoked']);

/** Who holds a stream, from the access token it was opened with. */
export interface StreamOwner {
  userId: string;
  sessionId: string | undefined;
  /** When that token expires (ms since the epoch): the stream ends then. */
  tokenExpiresAt: number;
}

export interface LiveStream {
  readonly owner: StreamOwner;
  /** Aborted when the stream ends, whatever the cause (the cause is `signal.reason`). */
  readonly signal: AbortSignal;
  /** Why it ended; undefined while it is open. */
  readonly endedBecause: StreamEnd | undefined;
  /** Ends the stream and frees its slot: the first cause wins, later calls do nothing. */
  end(reason: StreamEnd): void;
}

export interface StreamLimits {
  /** Streams one user may hold open at once on this process. */
  perUser: number;
  maxLifetimeMs: number;
}

export interface LiveStreamsDeps {
  limits: StreamLimits;
  clock: Clock;
}

/** What the client is told when the stream ends, if anything. */
export function endNotice(reason: StreamEnd | undefined): { reason: StreamEnd; resume: boolean } | undefined {
  return reason && ANNOUNCED.has(reason) ? { reason, resume: RESUMABLE.has(reason) } : undefined;
}

/**
 * The live-tracking streams open on this process. Each stream is an AbortController whose signal
 * every cause of its end aborts: the client leaving, the order settling, its maximum lifetime, its
 * token expiring, shutdown, and whatever else calls `end` (`endSessions` for revoked sessions).
 * A user holds at most `perUser` of them, so one customer cannot take every connection orders
 * has; a process's streams are counted in memory, since each replica has its own connections.
 */
export class LiveStreams {
  private readonly streams = new Set<LiveStream>();
  private readonly perUser = new Map<string, number>();

  constructor(private readonly deps: LiveStreamsDeps) {}

  /** Admits one more stream of `owner`, or refuses it (429 `too_many_streams`) before anything is sent. */
  open(owner: StreamOwner): LiveStream {
    const held = this.perUser.get(owner.userId) ?? 0;
    if (held >= this.deps.limits.perUser) {
      throw new TooManyStreams({
        detail: `You are following ${held} orders live, the most one user may at once: close one first.`,
        retryAfterSeconds: 5,
        extensions: { limit: this.deps.limits.perUser },
      });
    }
    this.perUser.set(owner.userId, held + 1);
    const controller = new AbortController();
    const tokenLeft = owner.tokenExpiresAt - this.deps.clock().getTime();
    const [endsIn, cause]: [number, StreamEnd] =
      tokenLeft < this.deps.limits.maxLifetimeMs
        ? [Math.max(0, tokenLeft), 'token_expired']
        : [this.deps.limits.maxLifetimeMs, 'lifetime'];
    let endedBecause: StreamEnd | undefined;
    const stream: LiveStream = {
      owner,
      signal: controller.signal,
      get endedBecause() {
        return endedBecause;
      },
      end: (reason) => {
        if (endedBecause) return;
        endedBecause = reason;
        clearTimeout(timer);
        this.streams.delete(stream);
        const left = (this.perUser.get(owner.userId) ?? 1) - 1;
        if (left > 0) this.perUser.set(owner.userId, left);
        else this.perUser.delete(owner.userId);
        controller.abort(reason);
      },
    };
    const timer = setTimeout(() => stream.end(cause), endsIn);
    this.streams.add(stream);
    return stream;
  }

  /** Ends the streams opened with tokens of these sessions (a `user.sessions_revoked.v1` consumer). */
  endSessions(sessionIds: Iterable<string>, reason: StreamEnd = 'session_revoked'): number {
    const ended = new Set(sessionIds);
    return this.endWhere((owner) => owner.sessionId !== undefined && ended.has(owner.sessionId), reason);
  }

  endWhere(matches: (owner: StreamOwner) => boolean, reason: StreamEnd): number {
    const matching = [...this.streams].filter((stream) => matches(stream.owner));
    for (const stream of matching) stream.end(reason);
    return matching.length;
  }

  endAll(reason: StreamEnd): void {
    this.endWhere(() => true, reason);
  }

  /** Streams open now, of one user or of everyone. */
  count(userId?: string): number {
    return userId === undefined ? this.streams.size : (this.perUser.get(userId) ?? 0);
  }
}
