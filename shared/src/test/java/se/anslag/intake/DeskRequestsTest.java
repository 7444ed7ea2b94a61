package se.anslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.anslag.domain.HistoryEntry;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.RecipientFix;
import se.anslag.domain.RetryRequest;
import se.anslag.domain.ReviewDecision;
import se.anslag.domain.ReviewPolicy;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.WithdrawalRequest;
import se.anslag.ports.SendOutStore;
import se.anslag.ports.SampleWorld;
import se.anslag.reader.MinutesReader;
import se.anslag.setup.MunicipalSetup;
import se.anslag.setup.Organ;

/** The clerk's requests from the desk as intake handles them: the work, then one history entry each. */
class DeskRequestsTest {
  private static final String KEY = "uploads/gsn-2024-02-14.txt";
  private static final Instant CLICKED = Instant.parse("2024-02-20T07:15:00Z");

  private final SampleWorld world = new SampleWorld();
  private final ProtocolIntake intake = new ProtocolIntake(world.objects, world.records, world.records,
      world.records, world.records, new MinutesReader(), world.queue, world.clock);
  private final DeskRequests requests = new DeskRequests(intake,
      new Resend(world.records, world.records, world.records, world.queue),
      new Withdrawal(world.records, world.records, world.queue, world.clock), world.records, world.clock);

  private String awaitingReview() {
    var organ = SampleWorld.SETUP.organs().getFirst();
    world.records.replaceSetup(new MunicipalSetup(SampleWorld.SETUP.boards(), List.of(
        new Organ(organ.slug(), organ.name(), organ.aliases(), organ.boardIds(), organ.clerkAddress(),
            organ.takedownPolicy(), organ.publishMinutesDocument(), ReviewPolicy.REQUIRED)),
        SampleWorld.SETUP.directory().stream().filter(entry -> !entry.name().equals("IT-chef")).toList()));
    world.upload(KEY, SampleWorld.sampleText(), Map.of("adjusted-on", "2024-02-19"));
    return intake.receive(new UploadEvent(SampleWorld.PROTOCOLS, KEY)).minutesId();
  }

  @Test
  void eachRequestIsDoneAndRecordedOnceWithTheClerkAndTheTimeTheyActed() {
    var minutesId = awaitingReview();
    var publish = new ReviewDecision(minutesId, ReviewDecision.Action.PUBLISH, LocalDate.of(2024, 2, 21), null,
        SampleWorld.CLERK);

    requests.handle(new RecipientFix(minutesId, "IT-chef", "it-chef@ludvika.example.org", null, SampleWorld.CLERK),
        "message-1", CLICKED);
    requests.handle(publish, "message-2", CLICKED.plusSeconds(60));
    requests.handle(publish, "message-2", CLICKED.plusSeconds(60)); // redelivered
    requests.handle(new RetryRequest(minutesId, SampleWorld.CLERK), "message-3", null);

    assertThat(world.records.findMinutes(minutesId).orElseThrow().status()).isEqualTo(MinutesStatus.DISPATCHED);
    assertThat(deskActions(minutesId)).extracting(HistoryEntry::action, HistoryEntry::clerk, HistoryEntry::at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Rättade mottagaren IT-chef", SampleWorld.CLERK, CLICKED),
            org.assertj.core.groups.Tuple.tuple("Publicerade", SampleWorld.CLERK, CLICKED.plusSeconds(60)),
            org.assertj.core.groups.Tuple.tuple("Skickade misslyckade utskick igen", SampleWorld.CLERK,
                world.clock.instant()));
    assertThat(deskActions(minutesId).get(0).detail()).isEqualTo("E-post till it-chef@ludvika.example.org");
    assertThat(deskActions(minutesId).get(1).detail()).isEqualTo("Anslås 2024-02-21. Status: DISPATCHED");
    assertThat(deskActions(minutesId).get(2).detail()).isEqualTo("0 utskick");
  }

  @Test
  void aRejectionIsRecordedWithItsReason() {
    var minutesId = awaitingReview();

    requests.handle(new ReviewDecision(minutesId, ReviewDecision.Action.REJECT, null, "Fel version.",
        SampleWorld.CLERK), "message-1", CLICKED);

    assertThat(deskActions(minutesId)).singleElement().satisfies(entry -> {
      assertThat(entry.action()).isEqualTo("Avvisade");
      assertThat(entry.detail()).isEqualTo("Fel version.");
    });
  }

  @Test
  void aWithdrawalCancelsWhatIsPendingLeavesWhatIsBeingSentAndStaysWithdrawn() {
    var minutesId = awaitingReview();
    requests.handle(new ReviewDecision(minutesId, ReviewDecision.Action.PUBLISH, null, null, SampleWorld.CLERK),
        "message-1", CLICKED);
    var planned = world.records.sendOuts(minutesId);
    assertThat(planned).extracting(s -> s.status()).contains(SendOutStatus.PENDING);
    var beingSent = planned.stream().filter(s -> s.kind() == SendOutKind.EMAIL).findFirst().orElseThrow();
    assertThat(world.records.claimSendOut(minutesId, SendOutStore.SendOutKey.of(beingSent), world.clock.instant(),
        java.time.Duration.ofMinutes(2))).isPresent();
    long pendingBefore = planned.stream().filter(s -> s.status() == SendOutStatus.PENDING).count() - 1;
    var withdrawal = new WithdrawalRequest(minutesId, "Fel protokoll.", SampleWorld.CLERK);

    requests.handle(withdrawal, "message-2", CLICKED.plusSeconds(60));
    requests.handle(withdrawal, "message-2", CLICKED.plusSeconds(60)); // redelivered

    var minutes = world.records.findMinutes(minutesId).orElseThrow();
    assertThat(minutes.status()).isEqualTo(MinutesStatus.WITHDRAWN);
    assertThat(minutes.statusDetail()).isEqualTo("Fel protokoll.");
    var after = world.records.sendOuts(minutesId);
    assertThat(after).filteredOn(s -> s.status() == SendOutStatus.CANCELLED).hasSize((int) pendingBefore)
        .allSatisfy(s -> assertThat(s.detail()).isEqualTo("Anslaget återkallades innan utskicket gick iväg; inget skickat"));
    assertThat(after).noneMatch(s -> s.status() == SendOutStatus.PENDING);
    assertThat(world.records.findSendOut(minutesId, beingSent.paragraph(), beingSent.target()).orElseThrow().status())
        .isEqualTo(SendOutStatus.SENDING);
    assertThat(world.queue.boardRefreshes()).contains("minutes " + minutesId + " withdrawn");
    assertThat(deskActions(minutesId)).extracting(HistoryEntry::action)
        .containsExactly("Publicerade", "Återkallade anslaget");
    assertThat(deskActions(minutesId).get(1).detail())
        .isEqualTo("Fel protokoll. (" + pendingBefore + " utskick stoppade)");

    // The same file again does not post what the clerk withdrew.
    intake.receive(new UploadEvent(SampleWorld.PROTOCOLS, KEY));

    assertThat(world.records.findMinutes(minutesId).orElseThrow().status()).isEqualTo(MinutesStatus.WITHDRAWN);
  }

  @Test
  void aCorrectionPublishedAfterAWithdrawalLeavesTheWithdrawalStandingAndSendsWhatWasCancelled() {
    var withdrawnId = awaitingReview();
    requests.handle(new ReviewDecision(withdrawnId, ReviewDecision.Action.PUBLISH, null, null, SampleWorld.CLERK),
        "message-1", CLICKED);
    requests.handle(new WithdrawalRequest(withdrawnId, "Fel protokoll.", SampleWorld.CLERK), "message-2",
        CLICKED.plusSeconds(60));
    // The decisions' send-outs; the clerk's receipt of the correction is its own.
    var cancelled = world.records.sendOuts(withdrawnId).stream()
        .filter(s -> s.status() == SendOutStatus.CANCELLED && !s.kind().isClerkMail())
        .map(s -> s.paragraph() + " " + s.target()).toList();
    assertThat(cancelled).isNotEmpty();

    world.upload("uploads/rattat.txt", SampleWorld.sampleText().replace("Bokslut 2023", "Bokslut för 2023"),
        Map.of("adjusted-on", "2024-02-19"));
    var correctionId = intake.receive(new UploadEvent(SampleWorld.PROTOCOLS, "uploads/rattat.txt")).minutesId();
    requests.handle(new ReviewDecision(correctionId, ReviewDecision.Action.PUBLISH, null, null, SampleWorld.CLERK),
        "message-3", CLICKED.plusSeconds(120));

    assertThat(world.records.findMinutes(withdrawnId).orElseThrow().status()).isEqualTo(MinutesStatus.WITHDRAWN);
    assertThat(world.records.findMinutes(withdrawnId).orElseThrow().statusDetail()).isEqualTo("Fel protokoll.");
    assertThat(world.records.findMinutes(correctionId).orElseThrow().status()).isEqualTo(MinutesStatus.DISPATCHED);
    // Every decision the withdrawal stopped goes out with the correction.
    assertThat(world.records.sendOuts(correctionId)).filteredOn(s -> cancelled.contains(s.paragraph() + " " + s.target()))
        .hasSize(cancelled.size()).allSatisfy(s -> assertThat(s.status()).isEqualTo(SendOutStatus.PENDING));
  }

  /** The history without the upload's entry, which intake writes when it reads the file (ProtocolIntakeTest). */
  private java.util.List<HistoryEntry> deskActions(String minutesId) {
    return world.records.history(minutesId).stream().filter(entry -> !entry.action().equals(HistoryEntry.UPLOADED)).toList();
  }
}
