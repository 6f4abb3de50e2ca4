export interface SseMessage {
  event: string;
  id: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

/** Reads a text/event-stream response: messages in order, heartbeat comments counted. */
export function readEvents(response: Response, { timeoutMs = 10_000 } = {}) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const queue: SseMessage[] = [];
  const waiting: ((message: SseMessage | undefined) => void)[] = [];
  let heartbeats = 0;
  let done = false;
  let buffer = '';

  const deliver = (message: SseMessage | undefined) => {
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else if (message) queue.push(message);
  };
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) heartbeats++;
            const colon = line.indexOf(':');
            if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
          }
          if (fields.has('data')) {
            deliver({
              event: fields.get('event') ?? 'message',
              id: fields.get('id') ?? '',
              data: JSON.parse(fields.get('data')!),
            });
          }
        }
      }
    } catch {
      // cancelled
    } finally {
      done = true;
      while (waiting.length > 0) deliver(undefined);
    }
  })();

  const within = <T>(promise: Promise<T>, what: string) =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);

  return {
    async next(): Promise<SseMessage> {
      const queued = queue.shift();
      if (queued) return queued;
      if (done) throw new Error('the stream has ended');
      const message = await within(
        new Promise<SseMessage | undefined>((resolve) => waiting.push(resolve)),
        'event',
      );
      if (!message) throw new Error('the stream has ended');
      return message;
    },
    async ended(): Promise<boolean> {
      await within(pump, 'end of stream');
      return queue.length === 0;
    },
    heartbeats: () => heartbeats,
    async close(): Promise<void> {
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}
