package se.anslag.ports;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import se.anslag.domain.SendOut;

/**
 * The send-outs of each set of minutes with their claims: created once, claimed by one mailer at a
 * time (a claim older than the stale limit may be taken over), settled with a history entry each
 * time, and counted as settled once each, so the last one tells the mailer to summarize.
 */
public interface SendOutStore {
  /** Which send-out of a set of minutes: its paragraph (0 for the clerk's mails) and target. */
  record SendOutKey(int paragraph, String target) {
    public static SendOutKey of(SendOut sendOut) {
      return new SendOutKey(sendOut.paragraph(), sendOut.target());
    }
  }

  /** How far the send-outs of one set of minutes have come: settled of expected (receipt included). */
  record SettleProgress(int settled, int expected) {
    public boolean complete() {
      return expected > 0 && settled >= expected;
    }
  }

  /** SES's record that it accepted a send-out's mail: the message id and the attempt that sent it. */
  record Acceptance(String messageId, int attempt) {}

  /** Creates the send-out unless it exists: a second intake of the same minutes changes nothing. */
  boolean createSendOut(SendOut sendOut);

  /** The send-out, read consistently. */
  Optional<SendOut> findSendOut(String minutesId, int paragraph, String target);

  /** Every send-out of the minutes, by paragraph and target. */
  List<SendOut> sendOuts(String minutesId);

  /**
   * Claims a send-out for sending: PENDING, or SENDING by a claim older than {@code staleAfter}
   * (its mailer died). Returns the claimed record with its attempts counted, or empty when there is
   * no such send-out, another mailer has it, or it is done.
   */
  Optional<SendOut> claimSendOut(String minutesId, SendOutKey sendOut, Instant now, Duration staleAfter);

  /**
   * Cancels a send-out that is still PENDING (CANCELLED, with the detail, in its history): one
   * conditional write, so a send-out a mailer claimed meanwhile (SENDING) is left to it and is sent
   * once, not lost. Returns false when it was not PENDING.
   */
  boolean cancelPending(String minutesId, SendOutKey sendOut, Instant now, String detail);

  /** Records the outcome of a send-out (or puts it back to PENDING) and appends it to its history. */
  void updateSendOut(SendOut sendOut);

  /** Records how many send-outs (all but the summary) the minutes have; intake sets it once planned. */
  void expectSettlements(String minutesId, int count);

  /**
   * Counts send-outs of one set of minutes as settled, once however often each is counted; returns
   * the progress after, or (0, 0) when the minutes are gone.
   */
  SettleProgress recordSettled(String minutesId, Collection<SendOutKey> settled);

  /** What SES reported accepting for a send-out, read consistently; empty when no Send event came. */
  Optional<Acceptance> acceptance(SendOut sendOut);
}
