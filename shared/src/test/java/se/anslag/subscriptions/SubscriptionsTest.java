package se.anslag.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import se.anslag.board.BoardSite;
import se.anslag.config.SubscriptionConfig;
import se.anslag.publish.NoticeMailings;
import se.anslag.compose.ClerkMailComposer;
import se.anslag.compose.DecisionMailComposer;
import se.anslag.compose.SubscriberMailComposer;
import se.anslag.domain.SendOutMessage;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.Subscription;
import se.anslag.intake.ProtocolIntake;
import se.anslag.intake.UploadEvent;
import se.anslag.ports.FailureKinds;
import se.anslag.ports.SampleWorld;
import se.anslag.publish.BoardPublisher;
import se.anslag.reader.MinutesReader;
import se.anslag.sending.DecisionMailer;

/**
 * Subscriptions on their ports, in memory: the same answer for every state of an address, one
 * confirmation per request and none to a confirmed address, the link's expiry, the request limits,
 * and a new notice mailed once to each confirmed subscriber and to no one else.
 */
class SubscriptionsTest {
  private static final Pattern CONFIRM_LINK = Pattern.compile("https://anslag\\.example\\.se/api/subscriptions/confirm\\?token=([A-Za-z0-9_-]{43})");
  private static final Pattern UNSUBSCRIBE_LINK =
      Pattern.compile("https://anslag\\.example\\.se/api/subscriptions/unsubscribe\\?token=([A-Za-z0-9_-]{43})");

  private final SampleWorld world = new SampleWorld();
  private final SubscriptionConfig config = new SubscriptionConfig(Map.of("SITE_URL", "https://anslag.example.se",
      "SUBSCRIBE_PER_ADDRESS_PER_HOUR", "5", "SUBSCRIBE_PER_SOURCE_PER_HOUR", "8"));
  private final Subscriptions subscriptions =
      new Subscriptions(world.subscriptions, world.records, world.records, world.queue, config);
  private final DecisionMailer mailer = new DecisionMailer(world.records, world.records, world.records,
      world.records, world.mail, world.objects, FailureKinds.PORTS, new DecisionMailComposer(),
      new ClerkMailComposer(), world.queue, SampleWorld.CONFIG, world.clock, world.subscriptions,
      new SubscriberMailComposer(), config);
  private final BoardPublisher board = new BoardPublisher(world.records, world.records, world.records, world.objects,
      SampleWorld.CONFIG, new BoardSite(), world.clock,
      new NoticeMailings(world.subscriptions, world.records, world.queue, world.clock));

  @Test
  void theAnswerIsTheSameForANewAPendingAndAConfirmedAddressAndOnlyRequestsThatCanConfirmGetAMail() {
    var asNew = subscriptions.subscribe("Ada@Example.se", "ludvika", null, "192.0.2.1", world.clock.instant());
    var asPending = subscriptions.subscribe("ada@example.se", "ludvika", null, "192.0.2.1", world.clock.instant());
    confirm(deliverAndTakeLink(CONFIRM_LINK, 2).get(1));
    var asConfirmed = subscriptions.subscribe("ada@example.se ", "ludvika", null, "192.0.2.1", world.clock.instant());

    assertThat(List.of(asNew, asPending, asConfirmed)).containsOnly(Subscriptions.Request.ACCEPTED);
    assertThat(world.queue.takeSendOuts()).as("nothing is queued for a confirmed address").isEmpty();
    assertThat(world.mail.sent()).hasSize(2).allSatisfy(sent -> assertThat(sent.mail().to()).isEqualTo("ada@example.se"));
  }

  @Test
  void aConfirmationLinkWorksOnceAndNotAfterItsDay() {
    subscriptions.subscribe("bo@example.se", "ludvika", null, "192.0.2.2", world.clock.instant());
    var token = deliverAndTakeLink(CONFIRM_LINK, 1).getFirst();
    world.clock.advance(Duration.ofHours(24));

    assertThat(subscriptions.confirm(token, world.clock.instant())).isInstanceOf(Subscriptions.Confirmation.Expired.class);
    assertThat(subscriptions.confirm("x".repeat(43), world.clock.instant()))
        .isInstanceOf(Subscriptions.Confirmation.Unknown.class);
    assertThat(world.subscriptions.find(Subscription.idOf("bo@example.se", "ludvika", null), world.clock.instant()))
        .as("an expired request is absent before TTL removes it").isEmpty();

    subscriptions.subscribe("bo@example.se", "ludvika", null, "192.0.2.2", world.clock.instant());
    var fresh = deliverAndTakeLink(CONFIRM_LINK, 1).getFirst();
    assertThat(subscriptions.confirm(fresh, world.clock.instant())).isInstanceOf(Subscriptions.Confirmation.Confirmed.class);
    assertThat(subscriptions.confirm(fresh, world.clock.instant())).isInstanceOf(Subscriptions.Confirmation.Unknown.class);
  }

  @Test
  void requestsAreLimitedPerAddressAndPerSourceWithinTheHour() {
    for (int i = 0; i < 5; i++) {
      assertThat(subscriptions.subscribe("cilla@example.se", "ludvika", null, "192.0.2." + i, world.clock.instant()))
          .isEqualTo(Subscriptions.Request.ACCEPTED);
    }
    assertThat(subscriptions.subscribe("cilla@example.se", "ludvika", null, "192.0.2.9", world.clock.instant()))
        .isEqualTo(Subscriptions.Request.LIMITED);
    for (int i = 0; i < 8; i++) {
      subscriptions.subscribe("d" + i + "@example.se", "ludvika", null, "198.51.100.7", world.clock.instant());
    }
    assertThat(subscriptions.subscribe("e@example.se", "ludvika", null, "198.51.100.7", world.clock.instant()))
        .isEqualTo(Subscriptions.Request.LIMITED);
    world.clock.advance(Duration.ofHours(1));
    assertThat(subscriptions.subscribe("e@example.se", "ludvika", null, "198.51.100.7", world.clock.instant()))
        .isEqualTo(Subscriptions.Request.ACCEPTED);
  }

  @Test
  void aNewNoticeIsMailedOnceToEachConfirmedSubscriberOfItsBoardOrOrganAndToNoOneElse() {
    subscriptions.subscribe("board@example.se", "ludvika", null, "192.0.2.1", world.clock.instant());
    subscriptions.subscribe("organ@example.se", "ludvika", "gemensamma-servicenamnden", "192.0.2.1", world.clock.instant());
    subscriptions.subscribe("both@example.se", "ludvika", null, "192.0.2.1", world.clock.instant());
    subscriptions.subscribe("both@example.se", "ludvika", "gemensamma-servicenamnden", "192.0.2.1", world.clock.instant());
    subscriptions.subscribe("pending@example.se", "ludvika", null, "192.0.2.1", world.clock.instant());
    var links = deliverAndTakeLink(CONFIRM_LINK, 5);
    links.subList(0, 4).forEach(this::confirm);

    var minutesId = dispatchTheSample();
    board.publish(List.of(minutesId));
    board.publish(List.of(minutesId)); // the change run and the daily run: queued once
    var noticeMessages = world.queue.takeSendOuts().stream().filter(m -> m.minutesId().startsWith("notices-")).toList();
    mailer.deliver(noticeMessages);
    mailer.deliver(noticeMessages); // redelivered: the claims absorb it

    var sent = world.mail.sent().stream().filter(s -> s.mail().subject().startsWith("Nytt anslag")).toList();
    assertThat(sent).extracting(s -> s.mail().to())
        .containsExactlyInAnyOrder("board@example.se", "organ@example.se", "both@example.se");
    var mail = sent.getFirst().mail();
    assertThat(mail.extraHeaders()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    assertThat(mail.extraHeaders().get("List-Unsubscribe")).matches("<" + UNSUBSCRIBE_LINK.pattern() + ">");
    assertThat(mail.text()).contains("Gemensamma servicenämnden", "20 februari 2024", "12 mars 2024", "13 mars 2024",
        "https://anslag.example.se/ludvika/anslag/gemensamma-servicenamnden/2024-02-14/");
    assertThat(UNSUBSCRIBE_LINK.matcher(mail.text()).find()).isTrue();
  }

  @Test
  void oneClickUnsubscribeEndsTheSubscriptionAndANoticeMailQueuedBeforeIsNotSent() {
    subscriptions.subscribe("frida@example.se", "ludvika", null, "192.0.2.1", world.clock.instant());
    confirm(deliverAndTakeLink(CONFIRM_LINK, 1).getFirst());
    var minutesId = dispatchTheSample();
    board.publish(List.of(minutesId));
    var noticeMessages = world.queue.takeSendOuts().stream().filter(m -> m.minutesId().startsWith("notices-")).toList();
    var subscription = world.subscriptions.confirmedOn("ludvika").getFirst();

    assertThat(subscriptions.unsubscribe(subscription.unsubscribeToken())).isTrue();
    mailer.deliver(noticeMessages);

    assertThat(world.subscriptions.find(subscription.id(), world.clock.instant())).isEmpty();
    assertThat(world.records.findSendOut(noticeMessages.getFirst().minutesId(), 0, noticeMessages.getFirst().target())
        .orElseThrow().status()).isEqualTo(SendOutStatus.CANCELLED);
    assertThat(world.mail.sent()).hasSize(1); // the confirmation only
  }

  private String dispatchTheSample() {
    world.upload("uploads/gsn.txt", SampleWorld.sampleText());
    var minutesId = new ProtocolIntake(world.objects, world.records, world.records, world.records, world.records,
        new MinutesReader(), world.queue, world.clock).receive(new UploadEvent(SampleWorld.PROTOCOLS, "uploads/gsn.txt"))
        .minutesId();
    world.queue.takeSendOuts(); // the decisions: not what these tests are about
    return minutesId;
  }

  private void confirm(String token) {
    assertThat(subscriptions.confirm(token, world.clock.instant())).isInstanceOf(Subscriptions.Confirmation.Confirmed.class);
  }

  /** Delivers the queued confirmations and returns the tokens of their links, in order. */
  private List<String> deliverAndTakeLink(Pattern link, int expected) {
    List<SendOutMessage> messages = world.queue.takeSendOuts();
    assertThat(messages).hasSize(expected);
    int before = world.mail.sent().size();
    mailer.deliver(messages);
    // The mailer works on several threads: the mails are matched to the messages by their send-out header.
    var tokenByTarget = new java.util.HashMap<String, String>();
    world.mail.sent().subList(before, world.mail.sent().size()).forEach(sent -> {
      var matcher = link.matcher(sent.mail().text());
      assertThat(matcher.find()).as(sent.mail().text()).isTrue();
      tokenByTarget.put(sent.sendOut().target(), matcher.group(1));
    });
    return messages.stream().map(m -> tokenByTarget.get(m.target())).toList();
  }
}
