/** The name anonymised reviews are shown under. */
export const FORMER_CUSTOMER = 'Former customer';

/** The writes of one `user.deleted.v1`, in the transaction of its inbox entry. */
export interface ErasureWrites {
  /** Waits for that user's review writes and purchase events in progress, and holds off new ones. */
  lockUser(userId: string): Promise<void>;
  /** Remembers the erasure, so that later events and requests about this user store nothing. */
  forget(userId: string): Promise<void>;
  /**
   * Gives each of the user's reviews the author name and a random pseudonym of its own in place
   * of the user id (so one person's reviews cannot be linked together), and drops its verified
   * mark. Rating, title, body and votes received stay.
   */
  anonymiseReviews(userId: string, authorName: string): Promise<void>;
  /** Gives each helpful vote the user cast a random pseudonym: the counts stay, the voter is gone. */
  anonymiseVotes(userId: string): Promise<void>;
  dropPurchases(userId: string): Promise<void>;
  /**
   * Deletes this service's already-published events that name the user (review.created/deleted,
   * which the relay keeps for days): they would tie the anonymous reviews back to the id.
   * Unpublished ones stay, so that their consumers still hear about them.
   */
  erasePublishedEvents(userId: string): Promise<void>;
}

export interface AccountErasureDeps {
  /** The writes of the one `user.deleted.v1` being handled. */
  erasure: ErasureWrites;
}

/**
 * The rule for a deleted account: its reviews stay (they are part of every product's rating,
 * which must not move) but keep nothing personal. The verified mark goes too: the purchases that
 * proved it are erased, and a purchase event arriving after the erasure cannot be tied to the
 * anonymous review, so dropping the mark is the one rule that ends the same whatever the order.
 * Idempotent: a second erasure finds nothing left to change.
 */
export class AccountErasure {
  constructor(private readonly deps: AccountErasureDeps) {}

  async forget(userId: string): Promise<void> {
    const { erasure: tx } = this.deps;
    await tx.lockUser(userId);
    await tx.forget(userId);
    await tx.anonymiseReviews(userId, FORMER_CUSTOMER);
    await tx.anonymiseVotes(userId);
    await tx.dropPurchases(userId);
    await tx.erasePublishedEvents(userId);
  }
}
