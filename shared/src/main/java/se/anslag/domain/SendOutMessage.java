package se.anslag.domain;

/**
 * One queue message: send this paragraph of these minutes to this target.
 *
 * @param token for a SUBSCRIPTION_CONFIRMATION only: the confirmation token its link carries, which the
 *     table holds only as a hash, so the message is the one place the mailer can read it from; null
 *     otherwise (and in messages queued before the field existed)
 */
public record SendOutMessage(String minutesId, int paragraph, String target, String token) {
  public SendOutMessage(String minutesId, int paragraph, String target) {
    this(minutesId, paragraph, target, null);
  }

  @Override
  public String toString() {
    // Logged on failures: never the token.
    return "SendOutMessage[" + minutesId + ", " + paragraph + ", " + target + (token == null ? "" : ", token") + "]";
  }
}
