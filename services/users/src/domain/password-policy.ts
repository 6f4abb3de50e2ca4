import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { WeakPassword } from './errors.js';

/**
 * NIST SP 800-63B: long enough, no composition rules, and not a common, breached-looking
 * or account-related password. "Common" is judged by zxcvbn against its list of the most
 * used passwords and keyboard/sequence/repeat patterns, with the account's own email and
 * name as extra words.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
/** zxcvbn score 3: about 10^8 guesses or more, "safely unguessable" for an online attacker. */
const MIN_SCORE = 3;
const ANALYSED_LENGTH = 64;

let estimator: ZxcvbnFactory | undefined;

export function assertStrongPassword(
  password: string,
  context: { email?: string; name?: string },
  field = 'password',
): void {
  const length = [...password.normalize('NFKC')].length;
  if (length < MIN_PASSWORD_LENGTH) throw weak(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (length > MAX_PASSWORD_LENGTH) throw weak(field, `must be at most ${MAX_PASSWORD_LENGTH} characters`);
  // Levenshtein matching would multiply the (synchronous) cost by ten: left off.
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const userWords = [context.email, context.email?.split('@')[0], context.name].filter(
    (w): w is string => typeof w === 'string' && w.length > 0,
  );
  // The estimate runs on the event loop and grows with length; the first 64 characters tell enough.
  const result = estimator.check([...password].slice(0, ANALYSED_LENGTH).join(''), userWords);
  if (result.score < MIN_SCORE) {
    const hint = result.feedback.warning ? describe(result.feedback.warning) : 'is too easy to guess';
    throw weak(field, hint);
  }
}

function weak(field: string, message: string): WeakPassword {
  return new WeakPassword({
    detail: `The password ${message}.`,
    fields: [{ field: `body.${field}`, message }],
  });
}

/** zxcvbn's warning keys, in words. */
function describe(warning: string): string {
  switch (warning) {
    case 'userInputs':
      return 'contains your email or name';
    case 'topTen':
    case 'topHundred':
    case 'common':
    case 'similarToCommon':
      return 'is one of the most commonly used passwords';
    case 'straightRow':
    case 'keyPattern':
      return 'is a keyboard pattern';
    case 'simpleRepeat':
    case 'extendedRepeat':
      return 'repeats characters or a short pattern';
    case 'sequences':
      return 'is a simple sequence';
    case 'dates':
    case 'recentYears':
      return 'is mostly a date or a year';
    default:
      return 'is too easy to guess';
  }
}
