import { decodeCursor, encodeCursor, problems, type App } from '@shop/platform';
import type { UserAdministration } from '../domain/user-administration.js';
import { AccessPatch, AdminUser, AdminUserPage, UserListQuery, UserParams } from './admin.schemas.js';
import { adminUserView } from './admin.views.js';
import { userId, type AuthHooks } from './auth-hooks.js';
import { CreatedKey } from './common.schemas.js';

const tags = ['admin'];

export interface AdminRoutesDeps {
  auth: AuthHooks;
  administration: UserAdministration;
}

export function registerAdminRoutes(app: App, { auth, administration }: AdminRoutesDeps): void {
  app.get(
    '/api/v1/users',
    {
      onRequest: auth.role('admin', 'support'),
      schema: {
        operationId: 'listUsers',
        tags,
        summary: 'Search accounts (admin, support)',
        description: 'Newest first. q is matched literally in email and name.',
        querystring: UserListQuery,
        response: { 200: AdminUserPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { q, role, status, limit, cursor } = request.query;
      const page = await administration.list({
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
        operationId: 'getUser',
        tags,
        summary: 'One account (admin, support)',
        params: UserParams,
        response: { 200: AdminUser, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => adminUserView(await administration.get(request.params.id)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      onRequest: auth.role('admin'),
      schema: {
        operationId: 'updateUserAccess',
        tags,
        summary: "Change an account's roles or disable it (admin)",
        description: 'Not your own account. Disabling signs the account out everywhere.',
        params: UserParams,
        body: AccessPatch,
        response: { 200: AdminUser, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      adminUserView(await administration.changeAccess(userId(request), request.params.id, request.body)),
  );
}
