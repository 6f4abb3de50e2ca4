import { decodeCursor, encodeCursor } from '@shop/platform';
import { changeAccess, getUser, listUsers } from '../domain/user-administration.js';
import { AccessPatch, AdminUser, AdminUserPage, UserListQuery, UserParams } from './admin.schemas.js';
import { userId } from './auth-hooks.js';
import { Bearer, CreatedKey, responses } from './common.schemas.js';
import type { RouteContext } from './context.js';
import { adminUserView } from './views.js';

const tags = ['admin'];

export function adminRoutes({ app, deps, auth }: RouteContext) {
  app.get(
    '/api/v1/users',
    {
      onRequest: auth.role('admin', 'support'),
      schema: {
        tags,
        summary: 'Search accounts (admin, support)',
        description: 'Newest first. q is matched literally in email and name.',
        security: Bearer,
        querystring: UserListQuery,
        response: responses({ 200: AdminUserPage }),
      },
    },
    async (request) => {
      const { q, role, status, limit, cursor } = request.query;
      const page = await listUsers(deps, {
        ...(q === undefined ? {} : { text: q }),
        ...(role === undefined ? {} : { role }),
        ...(status === undefined ? {} : { status }),
        ...(cursor === undefined ? {} : { after: decodeCursor(cursor, CreatedKey) }),
        limit,
      });
      return { items: page.items.map(adminUserView), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      onRequest: auth.role('admin', 'support'),
      schema: {
        tags,
        summary: 'One account (admin, support)',
        security: Bearer,
        params: UserParams,
        response: responses({ 200: AdminUser }),
      },
    },
    async (request) => adminUserView(await getUser(deps, request.params.id)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      onRequest: auth.role('admin'),
      schema: {
        tags,
        summary: "Change an account's roles or disable it (admin)",
        description: 'Not your own account. Disabling signs the account out everywhere.',
        security: Bearer,
        params: UserParams,
        body: AccessPatch,
        response: responses({ 200: AdminUser }),
      },
    },
    async (request) =>
      adminUserView(await changeAccess(deps, userId(request), request.params.id, request.body)),
  );
}
