import { ReviewCreated, ReviewDeleted } from '@shop/contracts';
import type { PoolClient } from '@shop/platform';
import type { ErasureWrites } from '../domain/account-erasure.js';
import { lockUser } from './user-lock.js';

/** Pseudonyms are random per row and say only that the person is gone. */
const PSEUDONYM = `'former-customer:' || gen_random_uuid()`;

export function erasureRepository(client: PoolClient): ErasureWrites {
  return {
    lockUser: (userId) => lockUser(client, userId, 'exclusive'),

    async forget(userId) {
      await client.query('INSERT INTO forgotten_users (user_id) VALUES ($1) ON CONFLICT DO NOTHING', [
        userId,
      ]);
    },

    async anonymiseReviews(userId, authorName) {
      // updated_at stays: the review's text did not change.
      await client.query(
        `UPDATE reviews SET user_id = ${PSEUDONYM}, author_name = $2, verified_purchase = false
         WHERE user_id = $1`,
        [userId, authorName],
      );
    },

    async anonymiseVotes(userId) {
      await client.query(`UPDATE review_votes SET user_id = ${PSEUDONYM} WHERE user_id = $1`, [userId]);
    },

    async dropPurchases(userId) {
      await client.query('DELETE FROM purchases WHERE user_id = $1', [userId]);
    },

    async erasePublishedEvents(userId) {
      // The platform's outbox table in this database; a rare scan of the relay's retention window.
      await client.query(
        `DELETE FROM outbox
         WHERE published_at IS NOT NULL AND event_type = ANY($2::text[])
           AND envelope -> 'payload' ->> 'userId' = $1`,
        [userId, [ReviewCreated.type, ReviewDeleted.type]],
      );
    },
  };
}
