const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a string is a UUID: ids the services store are, so anything else (in a path, an event)
 * cannot name one of them and is answered without asking the database, which would reject it.
 */
export const isUuid = (value: string): boolean => UUID.test(value);
