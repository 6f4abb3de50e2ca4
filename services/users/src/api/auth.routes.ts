import { login } from '../domain/authentication.js';
import { resendVerification, verifyEmail } from '../domain/email-verification.js';
import { requestPasswordReset, resetPassword } from '../domain/password-reset.js';
import { getProfile } from '../domain/profile.js';
import { register } from '../domain/registration.js';
import { logout, refresh } from '../domain/sessions.js';
import {
  Accepted,
  ForgotPasswordBody,
  LoginBody,
  RefreshBody,
  RegisterBody,
  RegisteredUser,
  ResetPasswordBody,
  TokenBody,
  TokenPair,
} from './auth.schemas.js';
import { userId } from './auth-hooks.js';
import { Bearer, NoContent, responses } from './common.schemas.js';
import { clientOf, type RouteContext } from './context.js';
import { registeredView } from './views.js';

const tags = ['auth'];

export function authRoutes({ app, deps, auth }: RouteContext) {
  app.post(
    '/api/v1/auth/register',
    {
      schema: {
        tags,
        summary: 'Create a customer account',
        description: 'Sends a verification link to the email address. Emits user.registered.v1.',
        body: RegisterBody,
        response: responses({ 201: RegisteredUser }),
      },
    },
    async (request, reply) => {
      const user = await register(deps, request.body);
      return reply.code(201).send(registeredView(user));
    },
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
