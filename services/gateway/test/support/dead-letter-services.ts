import { randomUUID } from 'node:crypto';
import {
  createApp,
  createGuards,
  createTokenVerifier,
  registerDeadLetterRoutes,
  type Bus,
  type DeadLetter,
} from '@shop/platform';
import type { TestIssuer } from '@shop/platform/testing';

export interface DeadLetterService {
  url: string;
  letters: DeadLetter[];
  replayed: string[];
  close(): Promise<void>;
}

/**
 * A service as far as its dead letters go: the platform's real admin routes and token guards,
 * over a bus that keeps its dead letters in a list (the bus itself is tested in the platform).
 */
export async function startDeadLetterService(
  name: string,
  issuer: TestIssuer,
  letters: { subscription: string; type: string; failedAt: string }[],
): Promise<DeadLetterService> {
  const state = {
    letters: letters.map((letter) => ({
      id: randomUUID(),
      subscription: letter.subscription,
      failedAt: letter.failedAt,
      error: 'handler kept failing',
      event: {
        id: randomUUID(),
        type: letter.type,
        source: 'elsewhere',
        aggregateId: randomUUID(),
        occurredAt: letter.failedAt,
        payload: { n: 1 },
      },
    })),
    replayed: [] as string[],
  };
  const bus = {
    deadLetters: async (subscriptions: string[]) =>
      state.letters.filter((letter) => subscriptions.includes(letter.subscription)),
    replayDeadLetter: async (subscription: string, id: string) => {
      const found = state.letters.some((l) => l.subscription === subscription && l.id === id);
      if (found) state.replayed.push(id);
      return found;
    },
  } as unknown as Bus;
  const app = await createApp({ service: name, logLevel: 'silent' });
  const guards = createGuards(createTokenVerifier({ jwks: issuer.jwks, issuer: issuer.issuer }), {
    service: 'test',
  });
  const subscriptions = [...new Set(letters.map((letter) => letter.subscription))];
  registerDeadLetterRoutes(app, { bus, subscriptions, guards });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, ...state, close: () => app.close() };
}
