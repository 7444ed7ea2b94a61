package se.anslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.RecipientFix;
import se.anslag.domain.ReviewDecision;
import se.anslag.domain.ReviewPolicy;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutMessage;
import se.anslag.domain.SendOutStatus;
import se.anslag.ports.SampleWorld;
import se.anslag.reader.MinutesReader;
import se.anslag.setup.DirectoryEntry;
import se.anslag.setup.MunicipalSetup;
import se.anslag.setup.Organ;

/**
 * The clerk's fix of an unknown recipient from the desk, on intake's ports in memory. The sample's
 * directory here lacks "Digitaliseringsrådet" (§ 2) and "IT-chef" (§ 6), so both lines are unknown;
 * the addresses the fixes give are the expected targets.
 */
class RecipientFixTest {
  private static final String KEY = "uploads/gsn-2024-02-14.txt";
  private static final String DIGITALISATION = "digitalisering@ludvika.example.org";

  private final SampleWorld world = new SampleWorld();
  private final ProtocolIntake intake = new ProtocolIntake(world.objects, world.records, world.records,
      world.records, world.records, new MinutesReader(), world.queue, world.clock);
  private final Resend resend = new Resend(world.records, world.records, world.records, world.queue);

  private void setupWithout(ReviewPolicy review) {
    var organ = SampleWorld.SETUP.organs().getFirst();
    world.records.replaceSetup(new MunicipalSetup(SampleWorld.SETUP.boards(), List.of(
        new Organ(organ.slug(), organ.name(), organ.aliases(), organ.boardIds(), organ.clerkAddress(),
            organ.takedownPolicy(), organ.publishMinutesDocument(), review)),
        SampleWorld.SETUP.directory().stream()
            .filter(entry -> !List.of("Digitaliseringsrådet", "IT-chef").contains(entry.name())).toList()));
  }

  private String dispatched() {
    setupWithout(ReviewPolicy.NONE);
    world.upload(KEY, SampleWorld.sampleText());
    var minutesId = intake.receive(new UploadEvent(SampleWorld.PROTOCOLS, KEY)).minutesId();
    world.queue.takeSendOuts();
    return minutesId;
  }

  private List<SendOut> unresolved(String minutesId) {
    return world.records.sendOuts(minutesId).stream().filter(s -> s.status() == SendOutStatus.UNRESOLVED).toList();
  }

  @Test
  void anAddressForAnUnknownLineOfPublishedMinutesIsStoredAndSentTo() {
    var minutesId = dispatched();
    assertThat(unresolved(minutesId)).extracting(SendOut::paragraph).containsExactlyInAnyOrder(2, 6);

    var result = resend.fixRecipient(
        new RecipientFix(minutesId, "Digitaliseringsrådet", DIGITALISATION, null, SampleWorld.CLERK),
        world.clock.instant());

    assertThat(result.created()).singleElement().satisfies(created -> {
      assertThat(created.paragraph()).isEqualTo(2);
      assertThat(created.target()).isEqualTo(DIGITALISATION);
      assertThat(created.kind()).isEqualTo(SendOutKind.EMAIL);
    });
    assertThat(world.queue.sendOuts()).containsExactly(new SendOutMessage(minutesId, 2, DIGITALISATION));
    assertThat(unresolved(minutesId)).extracting(SendOut::paragraph).containsExactly(6);
    assertThat(world.records.loadSetup().directoryEntry("Digitaliseringsrådet")).get()
        .extracting(DirectoryEntry::addresses).isEqualTo(List.of(DIGITALISATION));
  }

  @Test
  void anUnknownLineMadeAnAliasOfAKnownRecipientIsSentToThatRecipientsAddress() {
    var minutesId = dispatched();

    var result = resend.fixRecipient(new RecipientFix(minutesId, "IT-chef", null, "Kommunstyrelsen", SampleWorld.CLERK),
        world.clock.instant());

    assertThat(result.created()).extracting(SendOut::paragraph, SendOut::target)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(6, "kommunstyrelsen@ludvika.example.org"));
    assertThat(world.records.loadSetup().directoryEntry("Kommunstyrelsen").orElseThrow().aliases())
        .containsExactly("KS", "IT-chef");
  }

  @Test
  void theSameFixTwiceCreatesNothingMore() {
    var minutesId = dispatched();
    var fix = new RecipientFix(minutesId, "Digitaliseringsrådet", DIGITALISATION, null, SampleWorld.CLERK);
    resend.fixRecipient(fix, world.clock.instant());
    var sendOutsAfterFirst = world.records.sendOuts(minutesId).size();

    var again = resend.fixRecipient(fix, world.clock.instant());

    assertThat(again.created()).isEmpty();
    assertThat(world.records.sendOuts(minutesId)).hasSize(sendOutsAfterFirst);
    assertThat(world.records.loadSetup().directory()).filteredOn(e -> e.name().equals("Digitaliseringsrådet"))
        .hasSize(1);
  }

  @Test
  void aFixBeforePublishingSendsNothingAndThePublicationSendsToTheFixedAddress() {
    setupWithout(ReviewPolicy.REQUIRED);
    world.upload(KEY, SampleWorld.sampleText(), Map.of("adjusted-on", "2024-02-19"));
    var awaiting = intake.receive(new UploadEvent(SampleWorld.PROTOCOLS, KEY));
    assertThat(awaiting.status()).isEqualTo(MinutesStatus.AWAITING_REVIEW);

    var result = resend.fixRecipient(
        new RecipientFix(awaiting.minutesId(), "Digitaliseringsrådet", DIGITALISATION, null, SampleWorld.CLERK),
        world.clock.instant());

    assertThat(result.created()).isEmpty();
    assertThat(world.queue.sendOuts()).isEmpty();
    assertThat(world.records.sendOuts(awaiting.minutesId())).isEmpty();

    intake.review(new ReviewDecision(awaiting.minutesId(), ReviewDecision.Action.PUBLISH, LocalDate.of(2024, 2, 20),
        null, SampleWorld.CLERK));

    assertThat(world.records.sendOuts(awaiting.minutesId())).filteredOn(s -> s.paragraph() == 2)
        .extracting(SendOut::target).contains(DIGITALISATION);
    assertThat(unresolved(awaiting.minutesId())).extracting(SendOut::paragraph).containsExactly(6);
  }
}
