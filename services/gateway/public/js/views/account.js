// @ts-check
import { fields, h, notice, problemText, show } from '../dom.js';

/**
 * @typedef {import('../app.js').View} View
 * @typedef {import('../api.js').ApiProblem} ApiProblem
 */

/**
 * Sign in, then back to where the shopper was going; a shopper held back is offered an unlock link.
 * @type {View}
 */
export async function login(main, { query, shop }) {
  const status = h('div');
  const next = query.get('next') || '/';
  /**
   * @param {string} email
   * @param {unknown} error
   */
  const offerUnlock = (email, error) =>
    show(
      status,
      notice('error', problemText(error)),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: async () => {
            await shop.api.post('/api/v1/auth/unlock', { email }, { auth: false }).catch(() => {});
            show(status, notice('ok', `If an account uses ${email}, a link to sign in again is on its way.`));
          },
        },
        'Email me a link to unlock my account',
      ),
    );
  show(
    main,
    h('h1', {}, 'Sign in'),
    form(
      [
        field('Email', 'email', 'email', 'username'),
        field('Password', 'password', 'password', 'current-password'),
      ],
      'Sign in',
      status,
      async ({ email, password }) => {
        try {
          await shop.api.login(email, password);
        } catch (error) {
          if (/** @type {ApiProblem} */ (error).code === 'too_many_attempts')
            return offerUnlock(email, error);
          throw error;
        }
        shop.signedInChanged();
        shop.go(next.startsWith('/') ? next : '/');
      },
    ),
    h(
      'p',
      {},
      h('a', { href: '#/register' }, 'Create an account'),
      ' · ',
      h('a', { href: '#/forgot' }, 'Forgot your password?'),
    ),
  );
}

/** @type {View} */
export async function register(main, { shop }) {
  const status = h('div');
  show(
    main,
    h('h1', {}, 'Create an account'),
    form(
      [
        field('Name', 'name', 'text', 'name'),
        field('Email', 'email', 'email', 'email'),
        field(
          'Password (12 characters or more; a few unrelated words work well)',
          'password',
          'password',
          'new-password',
          { minlength: 12 },
        ),
      ],
      'Create my account',
      status,
      async ({ name, email, password }) => {
        // The answer is the same whether or not the address already has an account (202): the
        // sign-in that follows tells the new account apart, and says nothing to anyone else.
        await shop.api.post('/api/v1/auth/register', { name, email, password }, { auth: false });
        try {
          await shop.api.login(email, password);
        } catch (error) {
          if (/** @type {ApiProblem} */ (error).status !== 401) throw error;
          return show(
            main,
            h('h1', {}, 'Check your mail'),
            notice(
              'ok',
              `We sent a mail to ${email}. If you already have an account, sign in or reset your password.`,
            ),
            h(
              'p',
              {},
              h('a', { href: '#/login' }, 'Sign in'),
              ' · ',
              h('a', { href: '#/forgot' }, 'Forgot your password?'),
            ),
          );
        }
        shop.signedInChanged();
        show(
          main,
          h('h1', {}, `Welcome, ${name}`),
          notice('ok', `We sent a link to ${email} to confirm your address.`),
          h('p', {}, h('a', { href: '#/' }, 'Start shopping')),
        );
      },
    ),
  );
}

/** @type {View} */
export async function forgot(main, { shop }) {
  const status = h('div');
  show(
    main,
    h('h1', {}, 'Forgot your password?'),
    form([field('Email', 'email', 'email', 'email')], 'Send me a link', status, async ({ email }) => {
      await shop.api.post('/api/v1/auth/forgot-password', { email }, { auth: false });
      show(
        status,
        notice('ok', 'If an account uses this address, a link to choose a new password is on its way.'),
      );
    }),
  );
}

/**
 * The page the verification mail links to (/verify-email#token=…).
 * @type {View}
 */
export async function verifyEmail(main, { query, shop }) {
  try {
    await shop.api.post('/api/v1/auth/verify-email', { token: query.get('token') ?? '' }, { auth: false });
    show(
      main,
      h('h1', {}, 'Address confirmed'),
      notice('ok', 'Thank you: your email address is confirmed.'),
      h('p', {}, h('a', { href: '#/' }, 'Back to the shop')),
    );
  } catch (error) {
    show(
      main,
      h('h1', {}, 'This link does not work'),
      notice('error', problemText(error)),
      h('p', {}, 'Links work once and expire; sign in to ask for a new one.'),
    );
  }
}

/**
 * The page the unlock mail links to (/unlock#token=…): clears the failed sign-ins that held the
 * account back.
 * @type {View}
 */
export async function unlock(main, { query, shop }) {
  try {
    await shop.api.post('/api/v1/auth/unlock/confirm', { token: query.get('token') ?? '' }, { auth: false });
    show(
      main,
      h('h1', {}, 'Account unlocked'),
      notice('ok', 'You can sign in again. If you did not ask for this, change your password.'),
      h('p', {}, h('a', { href: '#/login' }, 'Sign in')),
    );
  } catch (error) {
    show(
      main,
      h('h1', {}, 'This link does not work'),
      notice('error', problemText(error)),
      h('p', {}, 'Links work once and expire; ask for a new one from the sign-in page.'),
    );
  }
}

/**
 * The page the reset mail links to (/reset-password#token=…).
 * @type {View}
 */
export async function resetPassword(main, { query, shop }) {
  const status = h('div');
  show(
    main,
    h('h1', {}, 'Choose a new password'),
    form(
      [field('New password', 'password', 'password', 'new-password', { minlength: 12 })],
      'Save it',
      status,
      async ({ password }) => {
        await shop.api.post(
          '/api/v1/auth/reset-password',
          { token: query.get('token') ?? '', password },
          { auth: false },
        );
        show(
          main,
          h('h1', {}, 'Password changed'),
          notice('ok', 'Every session was signed out.'),
          h('p', {}, h('a', { href: '#/login' }, 'Sign in')),
        );
      },
    ),
  );
}

/**
 * @param {string} label
 * @param {string} name
 * @param {string} type
 * @param {AutoFill} autocomplete
 * @param {Record<string, unknown>} [extra]
 */
function field(label, name, type, autocomplete, extra = {}) {
  return h('label', {}, label, h('input', { name, type, autocomplete, required: true, ...extra }));
}

/**
 * A form whose submit runs `action` with its fields, showing the API's objection when there is one.
 * @param {HTMLElement[]} inputs
 * @param {string} submit
 * @param {HTMLElement} status
 * @param {(values: Record<string, string>) => Promise<unknown>} action
 */
function form(inputs, submit, status, action) {
  return h(
    'form',
    {
      class: 'stack narrow',
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        const form = /** @type {HTMLFormElement} */ (event.target);
        const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
        button.disabled = true;
        try {
          await action(fields(form));
        } catch (error) {
          show(status, notice('error', problemText(error)));
        } finally {
          button.disabled = false;
        }
      },
    },
    inputs,
    status,
    h('button', { type: 'submit' }, submit),
  );
}
