package se.anslag.publish;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.logging.Logger;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutMessage;
import se.anslag.domain.Subscription;
import se.anslag.ports.SendOutStore;
import se.anslag.ports.SubscriptionStore;
import se.anslag.ports.WorkQueue;

/**
 * Queues one mail per confirmed subscriber for a notice that has just appeared on a board.
 *
 * <p>The board run calls this, not intake: a notice is new to the public on the day it goes up on the
 * board (a reviewed one may be posted days after intake, a joint committee's on each board on its own
 * day), and the run calls it after the site is written, so the mail's link works when it arrives.
 *
 * <p>Exactly once per subscriber rests on the send-outs, as for decisions: each is created by a
 * conditional write keyed on (minutes, board, subscription) and claimed before it is sent. The mailing
 * record ({@code MAILING#{board}}) marks the fan-out done, so the daily and change runs after it cost
 * one read; a run that died half-way is repeated whole by the next, and the creates and claims absorb
 * the repeat.
 */
@Singleton
public final class NoticeMailings {
  private static final Logger LOG = Logger.getLogger(NoticeMailings.class.getName());
  /** The queue takes ten messages per request; the work queue splits larger lists itself. */
  private static final int CHUNK = 100;

  private final SubscriptionStore store;
  private final SendOutStore sendOuts;
  private final WorkQueue queues;
  private final Clock clock;

  @Inject
  public NoticeMailings(SubscriptionStore store, SendOutStore sendOuts, WorkQueue queues, Clock clock) {
    this.store = store;
    this.sendOuts = sendOuts;
    this.queues = queues;
    this.clock = clock;
  }

  /**
   * Queues the mails of a notice on the board, unless queued before. Only a notice posted on this board
   * today or yesterday is new (yesterday: a nightly run retried after midnight); the notices already up
   * when subscriptions began, or when a subscriber confirmed, are not mailed.
   *
   * @param pageKey the notice's page in the site, as the board run placed it
   * @return how many mails were queued (0 when queued before or not new)
   */
  public int queue(String minutesId, String boardId, String organSlug, LocalDate postedOnThisBoard, String pageKey,
      LocalDate today) {
    if (postedOnThisBoard.isBefore(today.minusDays(1)) || postedOnThisBoard.isAfter(today)) {
      return 0;
    }
    var mailing = store.mailing(minutesId, boardId);
    if (mailing.isPresent() && mailing.get().queued()) {
      return 0;
    }
    // First, so that the mailer finds the page of the notice however soon a message arrives.
    store.beginMailing(new SubscriptionStore.NoticeMailing(minutesId, boardId, pageKey, false, 0));
    // One mail per address: of a board-wide and an organ subscription of the same address, the organ's,
    // whose unsubscribe link the mail then carries. The order makes a repeated run choose the same one.
    var byAddress = new LinkedHashMap<String, Subscription>();
    store.confirmedOn(boardId).stream().filter(s -> s.follows(boardId, organSlug))
        .sorted(Comparator.comparing((Subscription s) -> s.organSlug() == null).thenComparing(Subscription::id))
        .forEach(s -> byAddress.putIfAbsent(s.address(), s));
    var now = clock.instant();
    var messages = new ArrayList<SendOutMessage>();
    for (var subscription : byAddress.values()) {
      var sendOut = SendOut.subscriberNotice(minutesId, boardId, subscription.id(), now);
      sendOuts.createSendOut(sendOut); // false on a repeated run: queued again below, the claim absorbs it
      messages.add(new SendOutMessage(sendOut.minutesId(), sendOut.paragraph(), sendOut.target()));
      if (messages.size() == CHUNK) {
        queues.enqueueSendOuts(messages);
        messages.clear();
      }
    }
    if (!messages.isEmpty()) {
      queues.enqueueSendOuts(messages);
    }
    store.markMailingQueued(minutesId, boardId, byAddress.size());
    LOG.info(() -> "Notice of minutes " + minutesId.substring(0, 12) + " on board " + boardId + ": "
        + byAddress.size() + " subscriber mail(s) queued");
    return byAddress.size();
  }
}
