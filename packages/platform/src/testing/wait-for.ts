/**
 * Polls until `check` stops throwing (eventual consistency across events), or fails with its last error.
 * Give every assert inside `check` a message: without one, node:assert re-reads and parses the source
 * file to build a message on each failure, which under tsx takes long enough to starve the event loop.
 */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  { timeoutMs = 10_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
