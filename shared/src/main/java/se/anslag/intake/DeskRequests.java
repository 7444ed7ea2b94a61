package se.anslag.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;
import javax.inject.Inject;
import se.anslag.domain.DeskRequest;
import se.anslag.domain.HistoryEntry;
import se.anslag.domain.RecipientFix;
import se.anslag.domain.RetryRequest;
import se.anslag.domain.ReviewDecision;
import se.anslag.domain.WithdrawalRequest;
import se.anslag.ports.MinutesStore;

/**
 * What intake does with a clerk's request from the desk: the work ({@link ProtocolIntake#review},
 * {@link Resend}, {@link Withdrawal}), then the entry in the minutes' history with the clerk and the time they acted.
 * The entry is written after the work, so a request that fails is retried whole and recorded once.
 */
public final class DeskRequests {
  private static final Logger LOG = Logger.getLogger(DeskRequests.class.getName());

  private final ProtocolIntake intake;
  private final Resend resend;
  private final Withdrawal withdrawal;
  private final MinutesStore minutes;
  private final Clock clock;

  @Inject
  public DeskRequests(ProtocolIntake intake, Resend resend, Withdrawal withdrawal, MinutesStore minutes, Clock clock) {
    this.intake = intake;
    this.resend = resend;
    this.withdrawal = withdrawal;
    this.minutes = minutes;
    this.clock = clock;
  }

  /**
   * @param requestId what tells this request from another (the queue message's id: the same on redelivery)
   * @param requestedAt when the desk handed it on, or null when not known (then: now)
   */
  public void handle(DeskRequest request, String requestId, Instant requestedAt) {
    var now = clock.instant();
    String action;
    String detail;
    switch (request) {
      case ReviewDecision review -> {
        var result = intake.review(review);
        action = review.action() == ReviewDecision.Action.PUBLISH ? "Publicerade" : "Avvisade";
        detail = review.action() == ReviewDecision.Action.PUBLISH
            ? (review.postedOn() == null ? "" : "Anslås " + review.postedOn() + ". ") + "Status: " + result.status()
            : review.reason();
        LOG.info(() -> "Review decision " + review.action() + " on minutes " + review.minutesId() + ": "
            + result.status() + (result.detail() == null ? "" : " (" + result.detail() + ")"));
      }
      case RecipientFix fix -> {
        var result = resend.fixRecipient(fix, now);
        action = "Rättade mottagaren " + fix.name();
        detail = (fix.address() != null ? "E-post till " + fix.address() : "Samma som " + fix.aliasOf())
            + (result.created().isEmpty() ? "" : "; " + result.created().size() + " nya utskick");
        // The name is printed in public minutes; the address the clerk gave is not logged.
        LOG.info(() -> "Recipient fix by the desk on minutes " + fix.minutesId() + " for '" + fix.name() + "': "
            + result.created().size() + " send-out(s) created, " + result.queued() + " queued");
      }
      case WithdrawalRequest withdraw -> {
        var result = withdrawal.withdraw(withdraw);
        action = "Återkallade anslaget";
        detail = withdraw.reason() + (result.withdrawn() ? " (" + result.cancelled() + " utskick " + (result.cancelled() == 1 ? "stoppat)" : "stoppade)")
            : " (inte publicerat: inget ändrat)");
      }
      case RetryRequest retry -> {
        var result = resend.resend(retry.minutesId(), true, now);
        action = "Skickade misslyckade utskick igen";
        detail = result.retried().size() + " utskick";
        LOG.info(() -> "Retry by the desk of the failed send-outs of minutes " + retry.minutesId() + ": "
            + result.retried().size() + " retried");
      }
    }
    minutes.addHistory(request.minutesId(),
        new HistoryEntry(requestId, requestedAt == null ? now : requestedAt, action, request.clerk(), detail));
  }
}
