import type { Actor } from './order.js';

/** The signed-in person asking: who they are and what their roles let them see and do. */
export interface Viewer {
  userId: string;
  admin: boolean;
  /** Support staff read every order but change none. */
  support: boolean;
}

export const canRead = (viewer: Viewer, ownerId: string) =>
  viewer.userId === ownerId || viewer.admin || viewer.support;

export const actorOf = (viewer: Viewer): Actor => ({
  kind: viewer.admin ? 'admin' : 'user',
  id: viewer.userId,
});
