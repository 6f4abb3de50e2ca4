/**
 * What the NATS adapter calls things: its streams, the subjects of events, replays and dead
 * letters (which the deployments' NATS permissions name), and the settings BUS_URL carries.
 */

export const EVENTS_STREAM = 'SHOP_EVENTS';
export const DEAD_STREAM = 'SHOP_DEAD_LETTERS';
/** Durable names and subject tokens allow no dots or wildcards. */
export const token = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');
/**
 * The service a subscription belongs to (subscriptions are named `<service>.<what>`): replays and
 * dead letters sit under its name, so NATS permissions can give each service its own subjects
 * (`replay.users.>`, `dead.users.>`) as they give it its own events (`events.user.>`).
 */
const owner = (subscription: string) => token(subscription.split('.', 1)[0]!);

/** The stream names and subjects of one stack: the plain ones, or all of them under a prefix. */
export function namesOf(prefix: string | undefined) {
  const at = (subject: string) => (prefix ? `${prefix}.${subject}` : subject);
  const replays = (subscription: string) => `replay.${owner(subscription)}.${token(subscription)}`;
  return {
    stream: (name: string) => (prefix ? `${prefix}_${name}` : name),
    at,
    /** A subject as the permissions and messages speak of it, without the stack's prefix. */
    plain: (subject: string) => (prefix ? subject.slice(prefix.length + 1) : subject),
    event: (type: string) => at(`events.${type}`),
    /** Replays are addressed to one subscription only, so other consumers never see them again. */
    replay: (subscription: string, type: string) => at(`${replays(subscription)}.${type}`),
    replays: (subscription: string) => at(`${replays(subscription)}.>`),
    dead: (subscription: string) => at(`dead.${owner(subscription)}.${token(subscription)}`),
  };
}

/** nats.js does not read credentials from a URL; take them (and our own options) out of it. */
export function parseNatsUrl(value: string) {
  const urls = value.split(',').map((part) => new URL(part.includes('://') ? part : `nats://${part}`));
  const first = urls[0]!;
  const whole = (name: string, min: number, max: number) => {
    const given = first.searchParams.get(name);
    const number = Number(given);
    return given !== null && Number.isInteger(number) && number >= min && number <= max ? number : undefined;
  };
  const streamPrefix = first.searchParams.get('streamPrefix') ?? undefined;
  return {
    servers: urls.map((url) => `${url.protocol}//${url.host}`),
    user: first.username ? decodeURIComponent(first.username) : undefined,
    pass: first.username ? decodeURIComponent(first.password) : undefined,
    replicas: whole('replicas', 1, 5) ?? 1,
    retryLimit: whole('retryLimit', 0, 100),
    // At most the streams' duplicate window (10 min), which keeps a lost terminate from a second dead letter.
    ackWaitSeconds: whole('ackWaitSeconds', 1, 600),
    streamPrefix,
  };
}

/** A prefix is a subject token and part of a stream name: nothing that would change their meaning. */
export function checkedPrefix(prefix: string | undefined): string | undefined {
  if (!prefix) return undefined;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(prefix))
    throw new Error(`BUS_URL: streamPrefix may hold only letters, digits, _ and - (got "${prefix}")`);
  return prefix;
}
