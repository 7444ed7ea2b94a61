package se.anslag.subscriptions;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.compose.MailHeaders;
import se.anslag.config.SubscriptionConfig;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutMessage;
import se.anslag.domain.Subscription;
import se.anslag.domain.SubscriptionTokens;
import se.anslag.ports.SendOutStore;
import se.anslag.ports.SetupStore;
import se.anslag.ports.SubscriptionStore;
import se.anslag.ports.WorkQueue;
import se.anslag.setup.MunicipalSetup;

/**
 * Subscribing, confirming and unsubscribing (double opt-in). What the requester learns does not
 * depend on the address's state: a new, pending and confirmed address get the same answer, and only
 * a new or pending one gets a confirmation mail. Logs name a subscription by its id, never the address.
 */
@Singleton
public final class Subscriptions {
  private static final Logger LOG = Logger.getLogger(Subscriptions.class.getName());
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  private final SubscriptionStore store;
  private final SendOutStore sendOuts;
  private final SetupStore setup;
  private final WorkQueue queues;
  private final SubscriptionConfig config;

  @Inject
  public Subscriptions(SubscriptionStore store, SendOutStore sendOuts, SetupStore setup, WorkQueue queues,
      SubscriptionConfig config) {
    this.store = store;
    this.sendOuts = sendOuts;
    this.setup = setup;
    this.queues = queues;
    this.config = config;
  }

  /** What a subscription request came to, as far as the requester may learn it. */
  public enum Request {
    /** New, pending or confirmed: the same for all three. */
    ACCEPTED,
    INVALID_ADDRESS,
    UNKNOWN_BOARD,
    /** Too many requests for the address or from the source within the hour. */
    LIMITED
  }

  /** The board and organ a form names, with their names for the pages. */
  public record Followed(String boardId, String boardName, String organSlug, String organName) {}

  /** The board and organ, when the setup has them (and the organ posts on that board). */
  public Optional<Followed> followed(String boardId, String organSlug) {
    MunicipalSetup current = setup.loadSetup();
    var board = current.board(boardId);
    if (board.isEmpty()) {
      return Optional.empty();
    }
    if (organSlug == null) {
      return Optional.of(new Followed(boardId, board.get().name(), null, null));
    }
    return current.organs().stream().filter(o -> o.slug().equals(organSlug) && o.boardIds().contains(boardId))
        .findFirst().map(o -> new Followed(boardId, board.get().name(), organSlug, o.name()));
  }

  public Request subscribe(String address, String boardId, String organSlug, String sourceIp, Instant now) {
    if (address == null || !MailHeaders.isValidAddress(Subscription.normalize(address))) {
      return Request.INVALID_ADDRESS;
    }
    if (boardId == null || followed(boardId, organSlug).isEmpty()) {
      return Request.UNKNOWN_BOARD;
    }
    var normalized = Subscription.normalize(address);
    var window = HOUR.format(now);
    var windowEnds = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    // The source first: a flood from one place must not use up the address's own requests.
    if (!store.takeRequest("source#" + Subscription.sha256(sourceIp == null ? "" : sourceIp), window,
        config.perSourcePerHour(), windowEnds)
        || !store.takeRequest("address#" + Subscription.sha256(normalized), window, config.perAddressPerHour(),
            windowEnds)) {
      LOG.info(() -> "Subscription request refused: too many within the hour");
      return Request.LIMITED;
    }
    var pending = Subscription.pending(normalized, boardId, organSlug, now, now.plus(config.confirmWithin()));
    var existing = store.find(pending.id(), now);
    if (existing.isPresent() && existing.get().isConfirmed()) {
      LOG.info(() -> "Subscription " + pending + ": confirmed already; nothing sent");
      return Request.ACCEPTED;
    }
    var token = SubscriptionTokens.newToken();
    var tokenHash = SubscriptionTokens.hash(token);
    if (!store.putPending(pending, tokenHash)) {
      return Request.ACCEPTED; // confirmed in between
    }
    var confirmation = SendOut.subscriptionConfirmation(pending.id(), tokenHash, now);
    sendOuts.createSendOut(confirmation);
    queues.enqueueSendOuts(List.of(new SendOutMessage(confirmation.minutesId(), confirmation.paragraph(),
        confirmation.target(), token)));
    LOG.info(() -> "Subscription " + pending + ": confirmation queued as " + confirmation.target());
    return Request.ACCEPTED;
  }

  /** What following a confirmation link came to. */
  public sealed interface Confirmation {
    record Confirmed(Subscription subscription) implements Confirmation {}

    record Expired() implements Confirmation {}

    record Unknown() implements Confirmation {}
  }

  public Confirmation confirm(String token, Instant now) {
    if (!SubscriptionTokens.isWellFormed(token)) {
      return new Confirmation.Unknown();
    }
    var hash = SubscriptionTokens.hash(token);
    var pending = store.findByConfirmToken(hash);
    if (pending.isEmpty()) {
      return new Confirmation.Unknown();
    }
    if (pending.get().isExpired(now)) {
      return new Confirmation.Expired();
    }
    var confirmed = store.confirm(pending.get(), hash, SubscriptionTokens.newToken(), now);
    if (confirmed.isEmpty()) {
      // Another request replaced this one's token, or the link was followed twice at once.
      return new Confirmation.Unknown();
    }
    LOG.info(() -> "Subscription " + confirmed.get() + " confirmed");
    return new Confirmation.Confirmed(confirmed.get());
  }

  /** The confirmed subscription an unsubscribe link is for. */
  public Optional<Subscription> ofUnsubscribeToken(String token) {
    return SubscriptionTokens.isWellFormed(token) ? store.findByUnsubscribeToken(SubscriptionTokens.hash(token))
        : Optional.empty();
  }

  /** Ends the subscription of the link at once; true when there was one. */
  public boolean unsubscribe(String token) {
    var subscription = ofUnsubscribeToken(token);
    subscription.ifPresent(s -> {
      store.delete(s.id());
      LOG.info(() -> "Subscription " + s + " ended by its unsubscribe link");
    });
    return subscription.isPresent();
  }
}
