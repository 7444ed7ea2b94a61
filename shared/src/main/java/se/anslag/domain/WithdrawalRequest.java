package se.anslag.domain;

/**
 * The clerk's request to withdraw published minutes whose notice was posted in error.
 *
 * @param reason why, in the clerk's words (at most 500 characters); the boards print it, redacted of
 *     personal identity numbers like every text they print
 */
public record WithdrawalRequest(String minutesId, String reason, String clerk) implements DeskRequest {
  /**
   * The detail of a send-out the withdrawal stopped, as the desk shows it (Swedish): written by intake for
   * what was PENDING and by the mailer for what it claims again afterwards.
   */
  public static final String CANCELLED_DETAIL = "Anslaget återkallades innan utskicket gick iväg; inget skickat";
}
