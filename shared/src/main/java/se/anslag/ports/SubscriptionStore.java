package se.anslag.ports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.anslag.domain.Subscription;

/**
 * The subscriptions to new notices, the counters that limit requests, and the record that the mails
 * of one notice on one board have been queued. An expired pending subscription or counter is absent
 * here, whether or not DynamoDB's TTL has removed it yet.
 */
public interface SubscriptionStore {
  /** The queued mails of one notice on one board: where its page is, and whether they are all queued. */
  record NoticeMailing(String minutesId, String boardId, String pageKey, boolean queued, int subscribers) {}

  /** The subscription, read consistently; empty when absent or expired. */
  Optional<Subscription> find(String subscriptionId, Instant now);

  /**
   * Stores a pending request with the hash of its confirmation token, replacing a pending (or
   * expired) one; returns false and changes nothing when the subscription is confirmed.
   */
  boolean putPending(Subscription pending, String confirmTokenHash);

  /** The subscription whose pending request has this confirmation token hash (expired included). */
  Optional<Subscription> findByConfirmToken(String tokenHash);

  /**
   * Confirms the pending request of this confirmation token, not expired at {@code now}; returns the
   * confirmed subscription, or empty when the token is no longer the request's or it expired.
   */
  Optional<Subscription> confirm(Subscription pending, String confirmTokenHash, String unsubscribeToken, Instant now);

  /** The confirmed subscription whose unsubscribe token has this hash. */
  Optional<Subscription> findByUnsubscribeToken(String tokenHash);

  /** Deletes the subscription and with it the address; nothing when it is gone already. */
  void delete(String subscriptionId);

  /** Every confirmed subscription to the board or an organ on it (the index lags the table a little). */
  List<Subscription> confirmedOn(String boardId);

  /**
   * Takes one of {@code limit} requests of a window for a counter ({@code key}: a kind and a hash),
   * which expires at {@code expiresAt}; false when all are taken.
   */
  boolean takeRequest(String key, String window, int limit, Instant expiresAt);

  /** The mailing of the notice of these minutes on this board, when one was begun. */
  Optional<NoticeMailing> mailing(String minutesId, String boardId);

  /** Records the mailing begun (not queued), unless it exists. */
  void beginMailing(NoticeMailing mailing);

  /** Records that every mail of the mailing is queued. */
  void markMailingQueued(String minutesId, String boardId, int subscribers);
}
