/** A reason the stack cannot start, worded for one line on a terminal. */
export class LauncherError extends Error {
  override name = 'LauncherError';
}
