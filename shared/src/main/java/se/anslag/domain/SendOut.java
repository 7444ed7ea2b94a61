package se.anslag.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One decision (§) to one recipient address, or to the case file, or a recipient line that
 * could not be resolved. Keyed on (minutes, paragraph, target) so that each address gets each
 * decision once even when two printed lines reach it.
 *
 * @param target the e-mail address, {@code case-file}, {@code unresolved:<printed name>}, or for the
 *     organ's clerk {@code receipt:<address>} and {@code summary:<address>} (paragraph 0)
 * @param recipientNames the printed names that lead to this target
 * @param qualifier "för kännedom", "för åtgärd", "fvb till X", or null
 */
public record SendOut(
    String minutesId,
    int paragraph,
    String target,
    SendOutKind kind,
    List<String> recipientNames,
    String qualifier,
    SendOutStatus status,
    int attempts,
    String sesMessageId,
    Instant createdAt,
    Instant updatedAt,
    String detail) {

  public static final String CASE_FILE_TARGET = "case-file";
  /** The paragraph number of the clerk's receipt and summary, which belong to no paragraph. */
  public static final int CLERK_MAIL_PARAGRAPH = 0;
  private static final String RECEIPT_PREFIX = "receipt:";
  private static final String SUMMARY_PREFIX = "summary:";
  /**
   * Subscriber mails are send-outs of their own owner ids, which {@link #minutesId} holds and which keep
   * them out of the minutes' own send-outs (the clerk's receipt and summary, the settle count, status).
   */
  private static final String NOTICE_MAILS_PREFIX = "notices-";
  private static final String SUBSCRIPTION_PREFIX = "subscription-";
  private static final String CONFIRM_PREFIX = "confirm:";
  private static final String SUBSCRIBER_PREFIX = "subscriber:";
  /**
   * How long a subscriber mail's send-out is kept after it was created. It names the subscription's id,
   * which anyone who knows the address can compute, so it must not stay for ever; but it is the claim that
   * makes the mail go once, so it must outlive every message that may still ask for the mail: a queue
   * message lives at most fourteen days (a dead-letter queue's retention, redriven), and 30 days leaves
   * room for a late SES delivery event to find it too.
   */
  public static final Duration SUBSCRIBER_MAIL_KEPT = Duration.ofDays(30);

  /** The owner id of the subscriber mails of the notices of one set of minutes. */
  public static String noticeMailsOf(String minutesId) {
    return NOTICE_MAILS_PREFIX + minutesId;
  }

  /** A new notice mail to one confirmed subscription: one per notice, board and subscription. */
  public static SendOut subscriberNotice(String minutesId, String boardId, String subscriptionId, Instant now) {
    return new SendOut(noticeMailsOf(minutesId), CLERK_MAIL_PARAGRAPH,
        SUBSCRIBER_PREFIX + boardId + ":" + subscriptionId, SendOutKind.SUBSCRIBER_NOTICE, List.of(), null,
        SendOutStatus.PENDING, 0, null, now, now, null);
  }

  /** A new confirmation mail of one request, keyed on its token's hash (a prefix: the hash is not secret). */
  public static SendOut subscriptionConfirmation(String subscriptionId, String confirmTokenHash, Instant now) {
    return new SendOut(SUBSCRIPTION_PREFIX + subscriptionId, CLERK_MAIL_PARAGRAPH,
        CONFIRM_PREFIX + confirmTokenHash.substring(0, 16), SendOutKind.SUBSCRIPTION_CONFIRMATION, List.of(), null,
        SendOutStatus.PENDING, 0, null, now, now, null);
  }

  /**
   * When the record may be forgotten (DynamoDB's TTL): a subscriber mail {@link #SUBSCRIBER_MAIL_KEPT}
   * after it was created; none for a decision or a clerk's mail, which are the minutes' delivery record.
   */
  public Optional<Instant> expiresAt() {
    return kind.isSubscriberMail() ? Optional.of(createdAt.plus(SUBSCRIBER_MAIL_KEPT)) : Optional.empty();
  }

  /** The subscription a subscriber mail goes to. */
  public String subscriptionId() {
    return switch (kind) {
      case SUBSCRIPTION_CONFIRMATION -> minutesId.substring(SUBSCRIPTION_PREFIX.length());
      case SUBSCRIBER_NOTICE -> target.substring(target.lastIndexOf(':') + 1);
      default -> throw new IllegalStateException(kind + " is not a subscriber mail");
    };
  }

  /** The minutes whose notice a SUBSCRIBER_NOTICE tells of. */
  public String noticeMinutesId() {
    return minutesId.substring(NOTICE_MAILS_PREFIX.length());
  }

  /** The board whose notice a SUBSCRIBER_NOTICE tells of. */
  public String noticeBoardId() {
    return target.substring(SUBSCRIBER_PREFIX.length(), target.lastIndexOf(':'));
  }

  /** A new clerk's receipt or summary (kind RECEIPT or SUMMARY), keyed on the clerk's address. */
  public static SendOut toClerk(String minutesId, SendOutKind kind, String clerkAddress, String organ, Instant now) {
    return switch (kind) {
      case RECEIPT -> receipt(minutesId, null, clerkAddress, organ + ", sekreterare", now);
      case SUMMARY -> new SendOut(minutesId, CLERK_MAIL_PARAGRAPH, SUMMARY_PREFIX + clerkAddress, kind,
          List.of(organ + ", sekreterare"), null, SendOutStatus.PENDING, 0, null, now, now, null);
      default -> throw new IllegalArgumentException(kind + " is not a mail to the clerk");
    };
  }

  /**
   * A new receipt of one upload ({@code upload}: a short token of its own, letters and digits, or
   * null for the one receipt of the minutes), keyed on it and the address: every upload of the same
   * bytes (a rejected one, then the fixed one) gets its receipt, and a retried intake the same one.
   */
  public static SendOut receipt(String minutesId, String upload, String address, String addressee, Instant now) {
    if (upload != null && !upload.matches("[A-Za-z0-9]+")) {
      throw new IllegalArgumentException("An upload token is letters and digits: '" + upload + "'");
    }
    var target = RECEIPT_PREFIX + (upload == null ? "" : upload + ":") + address;
    return new SendOut(minutesId, CLERK_MAIL_PARAGRAPH, target, SendOutKind.RECEIPT, List.of(addressee), null,
        SendOutStatus.PENDING, 0, null, now, now, null);
  }

  public SendOut {
    recipientNames = List.copyOf(recipientNames);
  }

  /**
   * The address a mail goes to: the target itself, or the clerk's address of a receipt or summary. Not for
   * a subscriber mail, whose address is the subscription's.
   */
  public String address() {
    if (kind.isSubscriberMail()) {
      throw new IllegalStateException("A subscriber mail's address is its subscription's, not on the send-out");
    }
    if (target.startsWith(RECEIPT_PREFIX) && kind == SendOutKind.RECEIPT) {
      return target.substring(target.lastIndexOf(':') + 1); // an address has no ':', an upload token neither
    }
    if (target.startsWith(SUMMARY_PREFIX) && kind == SendOutKind.SUMMARY) {
      return target.substring(SUMMARY_PREFIX.length());
    }
    return target;
  }

  public SendOut withStatus(SendOutStatus newStatus, Instant at, String newDetail, String messageId) {
    return new SendOut(
        minutesId, paragraph, target, kind, recipientNames, qualifier, newStatus, attempts,
        messageId == null ? sesMessageId : messageId, createdAt, at, newDetail);
  }
}
