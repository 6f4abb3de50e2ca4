import type { Static, TSchema } from 'typebox';

/** An event contract: its versioned name and the schema of its payload. */
export interface EventContract<T extends string = string, S extends TSchema = TSchema> {
  type: T;
  schema: S;
}

export function defineEvent<T extends string, S extends TSchema>(type: T, schema: S): EventContract<T, S> {
  if (!/^[a-z_]+\.[a-z_]+\.v\d+$/.test(type))
    throw new Error(`Event names are <aggregate>.<past_tense>.v<N>: ${type}`);
  return { type, schema };
}

export type PayloadOf<C> = C extends EventContract<string, infer S> ? Static<S> : never;
