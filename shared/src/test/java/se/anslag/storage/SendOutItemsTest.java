package se.anslag.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;

/** Which send-out items DynamoDB's TTL may remove, and when. */
class SendOutItemsTest {
  private static final Instant CREATED = Instant.parse("2024-02-20T07:05:00Z");
  /** 30 days after {@link #CREATED}: past every queue's retention (at most 14 days). */
  private static final long THIRTY_DAYS_LATER = Instant.parse("2024-03-21T07:05:00Z").getEpochSecond();

  @Test
  void aSubscriberNoticeExpiresThirtyDaysAfterItWasCreated() {
    var item = SendOutItems.toItem(SendOut.subscriberNotice("gsn-2024-02-14", "ludvika", "abc123", CREATED));

    assertThat(item.values().get("expiresAt").n()).isEqualTo(Long.toString(THIRTY_DAYS_LATER));
  }

  @Test
  void aConfirmationMailExpiresThirtyDaysAfterItWasCreated() {
    var item = SendOutItems.toItem(SendOut.subscriptionConfirmation("abc123", "0123456789abcdef0123", CREATED));

    assertThat(item.values().get("expiresAt").n()).isEqualTo(Long.toString(THIRTY_DAYS_LATER));
  }

  @Test
  void anUpdatedSubscriberNoticeKeepsTheDayOfItsCreation() {
    var sent = SendOut.subscriberNotice("gsn-2024-02-14", "ludvika", "abc123", CREATED)
        .withStatus(se.anslag.domain.SendOutStatus.SENT, Instant.parse("2024-03-01T10:00:00Z"), null, "ses-1");

    assertThat(SendOutItems.toItem(sent).values().get("expiresAt").n()).isEqualTo(Long.toString(THIRTY_DAYS_LATER));
  }

  @Test
  void theMinutesOwnSendOutsDoNotExpire() {
    var receipt = SendOut.toClerk("gsn-2024-02-14", SendOutKind.RECEIPT, "clerk@example.org", "GSN", CREATED);
    var summary = SendOut.toClerk("gsn-2024-02-14", SendOutKind.SUMMARY, "clerk@example.org", "GSN", CREATED);

    assertThat(SendOutItems.toItem(receipt).values()).doesNotContainKey("expiresAt");
    assertThat(SendOutItems.toItem(summary).values()).doesNotContainKey("expiresAt");
  }
}
