import { problems, type App } from '@shop/platform';
import type { AccountDeletion as AccountDeletions } from '../domain/account-deletion.js';
import type { Profile as Profiles } from '../domain/profile.js';
import { clientOf, userId, type AuthHooks } from './auth-hooks.js';
import { NoContent } from './common.schemas.js';
import { AccountDeletion, PasswordChange, Profile, ProfilePatch } from './profile.schemas.js';
import { profileView } from './profile.views.js';

const tags = ['profile'];

export interface ProfileRoutesDeps {
  auth: AuthHooks;
  profile: Profiles;
  deletion: AccountDeletions;
}

export function registerProfileRoutes(app: App, { auth, profile, deletion }: ProfileRoutesDeps): void {
  app.get(
    '/api/v1/users/me',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'getMyProfile',
        tags,
        summary: 'Your profile',
        response: { 200: Profile, ...problems(401, 404) },
      },
    },
    async (request) => profileView(await profile.get(userId(request))),
  );

  app.patch(
    '/api/v1/users/me',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'updateMyProfile',
        tags,
        summary: 'Change your name, email or preferences',
        body: ProfilePatch,
        response: { 200: Profile, ...problems(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request) => profileView(await profile.update(userId(request), request.body, clientOf(request).ip)),
  );

  app.post(
    '/api/v1/users/me/password',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'changeMyPassword',
        tags,
        summary: 'Change your password',
        description: 'Signs out every other session of the account.',
        body: PasswordChange,
        response: { 204: NoContent, ...problems(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const principal = { userId: userId(request), sessionId: request.principal!.sessionId };
      await profile.changePassword(principal, request.body, clientOf(request).ip);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/users/me',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'deleteMyAccount',
        tags,
        summary: 'Delete your account',
        description:
          'Needs your password. Personal data is erased (the id stays for past orders) and user.deleted.v1 is emitted.',
        body: AccountDeletion,
        response: { 204: NoContent, ...problems(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      await deletion.delete(userId(request), request.body.password, clientOf(request).ip);
      return reply.code(204).send(null);
    },
  );
}
