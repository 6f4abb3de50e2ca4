/** Responses and events carry copies, so later changes never leak into what was already sent. */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}
