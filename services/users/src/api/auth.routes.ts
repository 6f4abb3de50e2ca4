import { login } from '../domain/authentication.js';
import { resendVerification, verifyEmail } from '../domain/email-verification.js';
import { requestPasswordReset, resetPassword } from '../domain/password-reset.js';
import { getProfile } from '../domain/profile.js';
import { register } from '../domain/registration.js';
import { logout, refresh } from '../domain/sessions.js';
import { confirmUnlock, requestUnlock } from '../domain/unlock.js';
import {
  Accepted,
  ForgotPasswordBody,
  LoginBody,
  RefreshBody,
  RegisterBody,
  Registration,
  ResetPasswordBody,
  TokenBody,
  TokenPair,
  UnlockBody,
} from './auth.schemas.js';
import { userId } from './auth-hooks.js';
import { Bearer, NoContent, responses } from './common.schemas.js';
import { clientOf, type RouteContext } from './context.js';

const tags = ['auth'];

export function authRoutes({ app, deps, auth }: RouteContext) {
  app.post(
    '/api/v1/auth/register',
    {
      schema: {
        tags,
        summary: 'Create a customer account',
        description:
          'Answers 202 with the same body whether or not the address already has an account. A free address gets the account (it can sign in at once), a verification link and user.registered.v1; the owner of a taken one is told by mail that someone tried.',
        body: RegisterBody,
        response: responses({ 202: Registration }),
      },
    },
    async (request, reply) => reply.code(202).send(await register(deps, request.body)),
  );

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in with email and password',
        description:
          'Answers an access token (JWT, ~15 min) and a single-use refresh token. Failed attempts are throttled per account and per client address (429 with Retry-After).',
        body: LoginBody,
        response: responses({ 200: TokenPair }),
      },
    },
    async (request) => login(deps, request.body, clientOf(request)),
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      schema: {
        tags,
        summary: 'Trade a refresh token for a new token pair',
        description:
          'Each refresh token works once. Presenting a used one signs out its whole session (reuse detection).',
        body: RefreshBody,
        response: responses({ 200: TokenPair }),
      },
    },
    async (request) => refresh(deps, request.body.refreshToken),
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags,
        summary: 'End the session of a refresh token',
        body: RefreshBody,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await logout(deps, request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/verify-email',
    {
      schema: {
        tags,
        summary: 'Confirm an email address with the token from the mailed link',
        body: TokenBody,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await verifyEmail(deps, request.body.token);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/verify-email/resend',
    {
      onRequest: auth.user,
      schema: {
        tags,
        summary: 'Send a new verification link for the address waiting to be confirmed',
        security: Bearer,
        response: responses({ 202: Accepted }),
      },
    },
    async (request, reply) => {
      await resendVerification(deps, await getProfile(deps, userId(request)));
      return reply.code(202).send({ message: 'If an address needs confirming, a new link is on its way.' });
    },
  );

  app.post(
    '/api/v1/auth/forgot-password',
    {
      schema: {
        tags,
        summary: 'Mail a password reset link',
        description: 'Answers the same whether or not an account has this email.',
        body: ForgotPasswordBody,
        response: responses({ 202: Accepted }),
      },
    },
    async (request, reply) => {
      await requestPasswordReset(deps, request.body, clientOf(request).ip);
      return reply
        .code(202)
        .send({ message: 'If an account exists for this email, a reset link is on its way.' });
    },
  );

  app.post(
    '/api/v1/auth/unlock',
    {
      schema: {
        tags,
        summary: 'Mail a link that clears the failed sign-ins of an account',
        description:
          'Answers the same whether or not an account has this email. At most 3 mails per account per hour (silently), 30 requests per client address per hour (429).',
        body: UnlockBody,
        response: responses({ 202: Accepted }),
      },
    },
    async (request, reply) => {
      await requestUnlock(deps, request.body, clientOf(request).ip);
      return reply
        .code(202)
        .send({ message: 'If an account exists for this email, an unlock link is on its way.' });
    },
  );

  app.post(
    '/api/v1/auth/unlock/confirm',
    {
      schema: {
        tags,
        summary: 'Clear the failed sign-ins of an account with the token from the unlock link',
        description: 'Single use; 400 invalid_token when used, expired or stale.',
        body: TokenBody,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await confirmUnlock(deps, request.body.token);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/reset-password',
    {
      schema: {
        tags,
        summary: 'Choose a new password with the token from the reset link',
        description: 'Signs out every session of the account.',
        body: ResetPasswordBody,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await resetPassword(deps, request.body);
      return reply.code(204).send(null);
    },
  );
}
