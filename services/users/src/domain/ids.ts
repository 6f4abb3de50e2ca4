const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids this service stores are UUIDs; anything else in an event cannot name one of them. */
export const isUuid = (value: string): boolean => UUID.test(value);
