import { Type } from 'typebox';
import { defineEvent } from './define-event.js';

export const UserRegistered = defineEvent(
  'user.registered.v1',
  Type.Object({ userId: Type.String(), email: Type.String(), name: Type.String() }),
);

/** The account is gone: other services drop or anonymise what they keep about this user. */
export const UserDeleted = defineEvent('user.deleted.v1', Type.Object({ userId: Type.String() }));
