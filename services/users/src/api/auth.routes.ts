import { problems, type App } from '@shop/platform';
import type { Authentication } from '../domain/authentication.js';
import type { EmailVerification } from '../domain/email-verification.js';
import type { PasswordReset } from '../domain/password-reset.js';
import type { Registration as Registrations } from '../domain/registration.js';
import type { Sessions } from '../domain/sessions.js';
import type { Unlock } from '../domain/unlock.js';
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
import { clientOf, userId, type AuthHooks } from './auth-hooks.js';
import { NoContent } from './common.schemas.js';

const tags = ['auth'];

export interface AuthRoutesDeps {
  auth: AuthHooks;
  registration: Registrations;
  authentication: Authentication;
  sessions: Sessions;
  verification: EmailVerification;
  passwordReset: PasswordReset;
  unlock: Unlock;
}

export function registerAuthRoutes(app: App, deps: AuthRoutesDeps): void {
  const { auth, registration, authentication, sessions, verification, passwordReset, unlock } = deps;

  app.post(
    '/api/v1/auth/register',
    {
      schema: {
        operationId: 'registerAccount',
        tags,
        summary: 'Create a customer account',
        description:
          'Answers 202 with the same body whether or not the address already has an account. A free address gets the account (it can sign in at once), a verification link and user.registered.v1; the owner of a taken one is told by mail that someone tried.',
        body: RegisterBody,
        response: { 202: Registration, ...problems(400, 503) },
      },
    },
    async (request, reply) => reply.code(202).send(await registration.register(request.body)),
  );

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        operationId: 'signIn',
        tags,
        summary: 'Sign in with email and password',
        description:
          'Answers an access token (JWT, ~15 min) and a single-use refresh token. Failed attempts are throttled per account and per client address (429 with Retry-After).',
        body: LoginBody,
        response: { 200: TokenPair, ...problems(400, 401, 403, 429, 503) },
      },
    },
    async (request) => authentication.login(request.body, clientOf(request)),
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      schema: {
        operationId: 'refreshSession',
        tags,
        summary: 'Trade a refresh token for a new token pair',
        description:
          'Each refresh token works once. Presenting a used one signs out its whole session (reuse detection).',
        body: RefreshBody,
        response: { 200: TokenPair, ...problems(400, 401) },
      },
    },
    async (request) => sessions.refresh(request.body.refreshToken),
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        operationId: 'signOut',
        tags,
        summary: 'End the session of a refresh token',
        body: RefreshBody,
        response: { 204: NoContent, ...problems(400) },
      },
    },
    async (request, reply) => {
      await sessions.logout(request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/verify-email',
    {
      schema: {
        operationId: 'verifyEmail',
        tags,
        summary: 'Confirm an email address with the token from the mailed link',
        body: TokenBody,
        response: { 204: NoContent, ...problems(400, 409) },
      },
    },
    async (request, reply) => {
      await verification.verify(request.body.token);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/verify-email/resend',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'resendEmailVerification',
        tags,
        summary: 'Send a new verification link for the address waiting to be confirmed',
        response: { 202: Accepted, ...problems(401, 404, 429) },
      },
    },
    async (request, reply) => {
      await verification.resend(userId(request));
      return reply.code(202).send({ message: 'If an address needs confirming, a new link is on its way.' });
    },
  );

  app.post(
    '/api/v1/auth/forgot-password',
    {
      schema: {
        operationId: 'requestPasswordReset',
        tags,
        summary: 'Mail a password reset link',
        description: 'Answers the same whether or not an account has this email.',
        body: ForgotPasswordBody,
        response: { 202: Accepted, ...problems(400, 429) },
      },
    },
    async (request, reply) => {
      await passwordReset.request(request.body, clientOf(request).ip);
      return reply
        .code(202)
        .send({ message: 'If an account exists for this email, a reset link is on its way.' });
    },
  );

  app.post(
    '/api/v1/auth/unlock',
    {
      schema: {
        operationId: 'requestUnlock',
        tags,
        summary: 'Mail a link that clears the failed sign-ins of an account',
        description:
          'Answers the same whether or not an account has this email. At most 3 mails per account per hour (silently), 30 requests per client address per hour (429).',
        body: UnlockBody,
        response: { 202: Accepted, ...problems(400, 429) },
      },
    },
    async (request, reply) => {
      await unlock.request(request.body, clientOf(request).ip);
      return reply
        .code(202)
        .send({ message: 'If an account exists for this email, an unlock link is on its way.' });
    },
  );

  app.post(
    '/api/v1/auth/unlock/confirm',
    {
      schema: {
        operationId: 'confirmUnlock',
        tags,
        summary: 'Clear the failed sign-ins of an account with the token from the unlock link',
        description: 'Single use; 400 invalid_token when used, expired or stale.',
        body: TokenBody,
        response: { 204: NoContent, ...problems(400) },
      },
    },
    async (request, reply) => {
      await unlock.confirm(request.body.token);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/reset-password',
    {
      schema: {
        operationId: 'resetPassword',
        tags,
        summary: 'Choose a new password with the token from the reset link',
        description: 'Signs out every session of the account.',
        body: ResetPasswordBody,
        response: { 204: NoContent, ...problems(400, 503) },
      },
    },
    async (request, reply) => {
      await passwordReset.reset(request.body);
      return reply.code(204).send(null);
    },
  );
}
