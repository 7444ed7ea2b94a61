package se.anslag.ports;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.anslag.domain.Subscription;
import se.anslag.domain.SubscriptionTokens;

/**
 * The subscription store in memory, with the DynamoDB store's rules: a confirmed subscription is never
 * replaced by a request, a confirmation needs the request's current token unexpired, expired items are
 * absent, a counter refuses past its limit. Thread-safe.
 */
public final class InMemorySubscriptions implements SubscriptionStore {
  private final Map<String, Subscription> subscriptions = new TreeMap<>();
  private final Map<String, String> confirmTokenHashes = new HashMap<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private final Map<String, NoticeMailing> mailings = new HashMap<>();

  @Override
  public synchronized Optional<Subscription> find(String subscriptionId, Instant now) {
    return Optional.ofNullable(subscriptions.get(subscriptionId)).filter(s -> !s.isExpired(now));
  }

  @Override
  public synchronized boolean putPending(Subscription pending, String confirmTokenHash) {
    var existing = subscriptions.get(pending.id());
    if (existing != null && existing.isConfirmed()) {
      return false;
    }
    subscriptions.put(pending.id(), pending);
    confirmTokenHashes.put(pending.id(), confirmTokenHash);
    return true;
  }

  @Override
  public synchronized Optional<Subscription> findByConfirmToken(String tokenHash) {
    return confirmTokenHashes.entrySet().stream().filter(e -> e.getValue().equals(tokenHash))
        .map(e -> subscriptions.get(e.getKey())).filter(s -> s != null && !s.isConfirmed()).findFirst();
  }

  @Override
  public synchronized Optional<Subscription> confirm(Subscription pending, String confirmTokenHash,
      String unsubscribeToken, Instant now) {
    var current = subscriptions.get(pending.id());
    if (current == null || current.isConfirmed() || current.isExpired(now)
        || !confirmTokenHash.equals(confirmTokenHashes.get(pending.id()))) {
      return Optional.empty();
    }
    var confirmed = current.confirmed(now, unsubscribeToken);
    subscriptions.put(confirmed.id(), confirmed);
    confirmTokenHashes.remove(confirmed.id());
    return Optional.of(confirmed);
  }

  @Override
  public synchronized Optional<Subscription> findByUnsubscribeToken(String tokenHash) {
    return subscriptions.values().stream().filter(s -> s.unsubscribeToken() != null
        && SubscriptionTokens.hash(s.unsubscribeToken()).equals(tokenHash)).findFirst();
  }

  @Override
  public synchronized void delete(String subscriptionId) {
    subscriptions.remove(subscriptionId);
    confirmTokenHashes.remove(subscriptionId);
  }

  @Override
  public synchronized List<Subscription> confirmedOn(String boardId) {
    return subscriptions.values().stream().filter(s -> s.isConfirmed() && s.boardId().equals(boardId)).toList();
  }

  @Override
  public synchronized boolean takeRequest(String key, String window, int limit, Instant expiresAt) {
    var counter = key + "/" + window;
    int taken = counters.getOrDefault(counter, 0);
    if (taken >= limit) {
      return false;
    }
    counters.put(counter, taken + 1);
    return true;
  }

  @Override
  public synchronized Optional<NoticeMailing> mailing(String minutesId, String boardId) {
    return Optional.ofNullable(mailings.get(minutesId + "/" + boardId));
  }

  @Override
  public synchronized void beginMailing(NoticeMailing mailing) {
    mailings.putIfAbsent(mailing.minutesId() + "/" + mailing.boardId(), mailing);
  }

  @Override
  public synchronized void markMailingQueued(String minutesId, String boardId, int subscribers) {
    mailings.computeIfPresent(minutesId + "/" + boardId,
        (key, m) -> new NoticeMailing(minutesId, boardId, m.pageKey(), true, subscribers));
  }
}
