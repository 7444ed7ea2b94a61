package se.anslag.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one key scheme of Anslag's one DynamoDB table, keys {@code pk}/{@code sk} and the global
 * secondary index {@code gsi1} ({@code gsi1pk}/{@code gsi1sk}). Each store owns some of the items;
 * the README's "Records in DynamoDB" lists them with the access patterns.
 *
 * <pre>
 * pk                             sk                       gsi1pk           gsi1sk             store
 * MINUTES#{id}                   META                     MINUTES          {receivedAt}#{id}  minutes (+ the send-outs' settle count)
 * MINUTES#{id}                   PARAGRAPH#{nnn}                                              minutes
 * MINUTES#{id}                   HISTORY#{key}                                                minutes (the clerks' actions)
 * MEETING#{organ}#{meetingDate}  CURRENT                                                      minutes (the current version)
 * MINUTES#{id}                   NOTICE#{board}           BOARD#{board}    {postedOn}#{id}    notices
 * MINUTES#{id}                   SENDOUT#{nnn}#{target}   SESMSG#{sesId}   SENDOUT            send-outs; their history and
 *                                                         (once SES accepted the mail)        delivery events: delivery events
 * SETUP                          BOARD#{id} | ORGAN#{slug} | RECIPIENT#{normalized name}      setup
 * UPLOADS#{clerk}                {hour}                                                       upload slots (TTL expiresAt)
 * SUBSCRIPTION#{id}              META                     SUBCONFIRM#{hash} {id}              subscriptions: pending (TTL expiresAt)
 *                                                         FOLLOWERS#{board} {organ|*}#{id}    confirmed; gsi2pk SUBUNSUB#{hash}
 * SUBLIMIT#{kind}#{hash}         {hour}                                                       subscription request counters (TTL)
 * MINUTES#notices-{minutesId}    MAILING#{board}                                              subscriptions: a notice's mailing
 * MINUTES#notices-{minutesId}    SENDOUT#000#subscriber:{board}:{id}                          send-outs: the notice's mails (TTL)
 * MINUTES#subscription-{id}      SENDOUT#000#confirm:{hash prefix}                            send-outs: confirmation mails (TTL)
 * </pre>
 *
 * A minutes record whose organ is known is also on the organ index {@code gsi2}: {@code gsi2pk}
 * {@code ORGAN#{organSlug}}, {@code gsi2sk} {@code {receivedAt}#{id}} (the clerk desk's list).
 *
 * Idempotency rests on conditional writes, not transactions: the local DynamoDB emulator has none,
 * and each write stands on its own.
 */
final class TableKeys {
  static final String PK = "pk";
  static final String SK = "sk";
  static final String INDEX = "gsi1";
  static final String INDEX_PK = "gsi1pk";
  static final String INDEX_SK = "gsi1sk";

  static final String ORGAN_INDEX = "gsi2";
  static final String ORGAN_INDEX_PK = "gsi2pk";
  static final String ORGAN_INDEX_SK = "gsi2sk";
  static final String UPLOADS_PREFIX = "UPLOADS#";

  static final String META = "META";
  static final String MINUTES_INDEX_PK = "MINUTES";
  static final String PARAGRAPH_PREFIX = "PARAGRAPH#";
  static final String HISTORY_PREFIX = "HISTORY#";
  static final String NOTICE_PREFIX = "NOTICE#";
  static final String SENDOUT_PREFIX = "SENDOUT#";
  static final String CURRENT = "CURRENT";
  static final String SES_MESSAGE_INDEX_SK = "SENDOUT";

  static final String SETUP_PK = "SETUP";
  static final String SETUP_BOARD_PREFIX = "BOARD#";
  static final String SETUP_ORGAN_PREFIX = "ORGAN#";
  static final String SETUP_RECIPIENT_PREFIX = "RECIPIENT#";
  static final String SUBSCRIPTION_LIMIT_PREFIX = "SUBLIMIT#";

  private TableKeys() {}

  static String minutesPk(String minutesId) {
    return "MINUTES#" + minutesId;
  }

  static String minutesIndexSk(Instant receivedAt, String minutesId) {
    return receivedAt + "#" + minutesId;
  }

  static String organIndexPk(String organSlug) {
    return "ORGAN#" + organSlug;
  }

  static String paragraphSk(int number) {
    return PARAGRAPH_PREFIX + "%03d".formatted(number);
  }

  static String meetingPk(String organSlug, LocalDate meetingDate) {
    return "MEETING#" + organSlug + "#" + meetingDate;
  }

  static String noticeSk(String boardId) {
    return NOTICE_PREFIX + boardId;
  }

  static String boardIndexPk(String boardId) {
    return "BOARD#" + boardId;
  }

  static String boardIndexSk(LocalDate postedOn, String minutesId) {
    return postedOn + "#" + minutesId;
  }

  static String sendOutSk(int paragraph, String target) {
    return SENDOUT_PREFIX + "%03d#%s".formatted(paragraph, target);
  }

  static String sesMessageIndexPk(String sesMessageId) {
    return "SESMSG#" + sesMessageId;
  }

  static String subscriptionPk(String subscriptionId) {
    return "SUBSCRIPTION#" + subscriptionId;
  }

  static String subscriptionConfirmIndexPk(String tokenHash) {
    return "SUBCONFIRM#" + tokenHash;
  }

  static String subscriptionUnsubscribeIndexPk(String tokenHash) {
    return "SUBUNSUB#" + tokenHash;
  }

  static String followersIndexPk(String boardId) {
    return "FOLLOWERS#" + boardId;
  }

  static String followersIndexSk(String organSlug, String subscriptionId) {
    return (organSlug == null ? "*" : organSlug) + "#" + subscriptionId;
  }

  static String mailingSk(String boardId) {
    return "MAILING#" + boardId;
  }

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
  }
}
