import { deleteAccount } from '../domain/account-deletion.js';
import { changePassword, getProfile, updateProfile } from '../domain/profile.js';
import { userId } from './auth-hooks.js';
import { Bearer, NoContent, responses } from './common.schemas.js';
import { clientOf, type RouteContext } from './context.js';
import { AccountDeletion, PasswordChange, Profile, ProfilePatch } from './profile.schemas.js';
import { profileView } from './views.js';

const tags = ['profile'];

export function profileRoutes({ app, deps, auth }: RouteContext) {
  app.get(
    '/api/v1/users/me',
    {
      onRequest: auth.user,
      schema: { tags, summary: 'Your profile', security: Bearer, response: responses({ 200: Profile }) },
    },
    async (request) => profileView(await getProfile(deps, userId(request))),
  );

  app.patch(
    '/api/v1/users/me',
    {
      onRequest: auth.user,
      schema: {
        tags,
        summary: 'Change your name, email or preferences',
        security: Bearer,
        body: ProfilePatch,
        response: responses({ 200: Profile }),
      },
    },
    async (request) =>
      profileView(await updateProfile(deps, userId(request), request.body, clientOf(request).ip)),
  );

  app.post(
    '/api/v1/users/me/password',
    {
      onRequest: auth.user,
      schema: {
        tags,
        summary: 'Change your password',
        description: 'Signs out every other session of the account.',
        security: Bearer,
        body: PasswordChange,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const principal = { userId: userId(request), sessionId: request.principal!.sessionId };
      await changePassword(deps, principal, request.body, clientOf(request).ip);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/users/me',
    {
      onRequest: auth.user,
      schema: {
        tags,
        summary: 'Delete your account',
        description:
          'Needs your password. Personal data is erased (the id stays for past orders) and user.deleted.v1 is emitted.',
        security: Bearer,
        body: AccountDeletion,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await deleteAccount(deps, userId(request), request.body.password, clientOf(request).ip);
      return reply.code(204).send(null);
    },
  );
}
