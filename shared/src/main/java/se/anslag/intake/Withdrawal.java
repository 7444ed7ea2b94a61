package se.anslag.intake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.logging.Logger;
import javax.inject.Inject;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.WithdrawalRequest;
import se.anslag.ports.MinutesStore;
import se.anslag.ports.SendOutStore;
import se.anslag.ports.WorkQueue;

/**
 * Withdraws published minutes whose notice was posted in error (the clerk's request from the desk):
 * the minutes become WITHDRAWN with the reason, every send-out still PENDING is cancelled, and the
 * boards are asked to refresh, which then show the notice as a withdrawn record with the reason.
 *
 * <p>Order matters for the mailer. The status is written first, then each PENDING send-out is
 * cancelled with a conditional write ({@link SendOutStore#cancelPending}), the mailer's claim turned
 * round: of the two writes one wins. A send-out a mailer has claimed (SENDING) is being sent and is
 * left to it, so it is sent once and recorded; one that it puts back to PENDING later (a transient
 * failure) comes back claimed a second time, and the mailer then reads the minutes WITHDRAWN and
 * cancels it itself. The cancelled ones count as settled, so the list's totals and the clerk's
 * summary still come out.
 *
 * <p>Safe to repeat: a redelivered request finds the minutes WITHDRAWN and only cancels and
 * refreshes again, which changes nothing more.
 */
public final class Withdrawal {
  private static final Logger LOG = Logger.getLogger(Withdrawal.class.getName());

  private final MinutesStore minutes;
  private final SendOutStore sendOuts;
  private final WorkQueue queues;
  private final Clock clock;

  @Inject
  public Withdrawal(MinutesStore minutes, SendOutStore sendOuts, WorkQueue queues, Clock clock) {
    this.minutes = minutes;
    this.sendOuts = sendOuts;
    this.queues = queues;
    this.clock = clock;
  }

  /** What a withdrawal did: whether it applied (the minutes were published) and how many send-outs it stopped. */
  public record Result(boolean withdrawn, int cancelled) {}

  public Result withdraw(WithdrawalRequest request) {
    var found = minutes.findMinutes(request.minutesId());
    if (found.isEmpty()) {
      LOG.warning(() -> "Withdrawal by " + request.clerk() + " of unknown minutes " + request.minutesId());
      return new Result(false, 0);
    }
    var record = found.get();
    if (record.status() != MinutesStatus.DISPATCHED && record.status() != MinutesStatus.WITHDRAWN) {
      // The desk refuses these; a request that raced a change of status changes nothing.
      LOG.info(() -> "Minutes " + record.id() + " are " + record.status() + ", not published: the withdrawal by "
          + request.clerk() + " changes nothing");
      return new Result(false, 0);
    }
    if (record.status() == MinutesStatus.DISPATCHED) {
      minutes.putMinutes(record.withStatus(MinutesStatus.WITHDRAWN, request.reason()));
    }
    var now = clock.instant();
    var cancelled = new ArrayList<SendOutStore.SendOutKey>();
    for (var sendOut : sendOuts.sendOuts(record.id())) {
      // The summary reports to the clerk what happened, the withdrawal included: it goes out.
      if (sendOut.status() == SendOutStatus.PENDING && sendOut.kind() != SendOutKind.SUMMARY) {
        var key = SendOutStore.SendOutKey.of(sendOut);
        if (sendOuts.cancelPending(record.id(), key, now, WithdrawalRequest.CANCELLED_DETAIL)) {
          cancelled.add(key);
        }
      }
    }
    if (!cancelled.isEmpty()) {
      // Counted at once for the desk's totals; the mailer, whose messages for them still come,
      // counts them again (a set: once) and sends the summary when the last one is settled.
      sendOuts.recordSettled(record.id(), cancelled);
    }
    queues.requestBoardRefresh("minutes " + record.id() + " withdrawn", record.id());
    LOG.info(() -> "Minutes " + record.id() + " withdrawn by " + request.clerk() + "; " + cancelled.size()
        + " pending send-out(s) cancelled");
    return new Result(true, cancelled.size());
  }
}
