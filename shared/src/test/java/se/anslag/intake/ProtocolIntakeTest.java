package se.anslag.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.anslag.domain.HistoryEntry;
import se.anslag.domain.MeetingVersion;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.ReviewDecision;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutMessage;
import se.anslag.domain.SendOutStatus;
import se.anslag.ports.SampleWorld;
import se.anslag.reader.HostilePdfs;
import se.anslag.reader.MinutesReader;

/**
 * Intake on its ports, in memory: the sample minutes recorded, planned and queued; a repeated upload,
 * rejections and a correction. The expected counts are read off the sample's recipient lists and the
 * setup by hand (18 mails, 6 case files, the receipt).
 */
class ProtocolIntakeTest {
  private static final String KEY = "uploads/gsn-2024-02-14.txt";

  private final SampleWorld world = new SampleWorld();
  private final ProtocolIntake intake = new ProtocolIntake(world.objects, world.records, world.records,
      world.records, world.records, new MinutesReader(), world.queue, world.clock);

  private ProtocolIntake.IntakeResult receive(String key) {
    return intake.receive(new UploadEvent(SampleWorld.PROTOCOLS, key));
  }

  @Test
  void theSampleIsRecordedOnBothBoardsAndEveryDecisionQueuedOnceWithTheReceipt() {
    world.upload(KEY, SampleWorld.sampleText());

    var result = receive(KEY);

    assertThat(result.status()).isEqualTo(MinutesStatus.DISPATCHED);
    assertThat(result.alreadyProcessed()).isFalse();
    var minutes = world.records.findMinutes(result.minutesId()).orElseThrow();
    assertThat(minutes.status()).isEqualTo(MinutesStatus.DISPATCHED);
    assertThat(minutes.organSlug()).isEqualTo("gemensamma-servicenamnden");
    assertThat(minutes.meetingDate()).isEqualTo(LocalDate.of(2024, 2, 14));
    assertThat(minutes.adjustedOn()).isEqualTo(LocalDate.of(2024, 2, 19));
    assertThat(minutes.version()).isEqualTo(1);
    assertThat(world.records.paragraphs(result.minutesId())).hasSize(6);
    assertThat(world.records.notices(result.minutesId())).extracting(Notice::boardId)
        .containsExactlyInAnyOrder("ludvika", "smedjebacken");
    assertThat(world.records.notices(result.minutesId())).allSatisfy(notice -> {
      assertThat(notice.postedOnThisBoard()).isEqualTo(LocalDate.of(2024, 2, 20));
      assertThat(notice.dates().lastAppealDay()).isEqualTo(LocalDate.of(2024, 3, 12));
      assertThat(notice.dates().takedownOn()).isEqualTo(LocalDate.of(2024, 3, 13));
    });

    var sendOuts = world.records.sendOuts(result.minutesId());
    assertThat(sendOuts.stream().filter(s -> s.kind() == SendOutKind.EMAIL)).hasSize(18);
    assertThat(sendOuts.stream().filter(s -> s.kind() == SendOutKind.CASE_FILE)).hasSize(6);
    assertThat(sendOuts.stream().filter(s -> s.kind() == SendOutKind.RECEIPT)).singleElement()
        .extracting(SendOut::target).isEqualTo("receipt:" + SampleWorld.CLERK);
    assertThat(sendOuts).allMatch(s -> s.status() == SendOutStatus.PENDING);
    assertThat(world.queue.sendOuts()).hasSize(25).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(sendOuts.stream()
            .map(s -> new SendOutMessage(s.minutesId(), s.paragraph(), s.target())).toList());
    assertThat(world.queue.boardRefreshes()).hasSize(1);
    // A case file for each paragraph, since every one lists "Akten".
    assertThat(sendOuts.stream().filter(s -> s.kind() == SendOutKind.CASE_FILE).map(SendOut::paragraph))
        .containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void theSameUploadAgainChangesNothingAndQueuesNothing() {
    world.upload(KEY, SampleWorld.sampleText());
    var first = receive(KEY);
    var queued = world.queue.takeSendOuts();
    world.upload("uploads/again.txt", SampleWorld.sampleText());

    var again = receive("uploads/again.txt");

    assertThat(again.minutesId()).isEqualTo(first.minutesId());
    assertThat(again.alreadyProcessed()).isTrue();
    assertThat(again.status()).isEqualTo(MinutesStatus.DISPATCHED);
    assertThat(world.queue.sendOuts()).isEmpty();
    assertThat(world.records.listMinutes()).hasSize(1);
    assertThat(queued).hasSize(25);
  }

  @Test
  void everyUploadIsInTheMinutesHistoryOnceWithWhoeverUploadedIt() {
    world.upload(KEY, SampleWorld.sampleText());
    var first = receive(KEY);
    receive(KEY); // the same event redelivered
    world.upload("desk/2024-02-20/again.txt", SampleWorld.sampleText(), Map.of("uploaded-by", "gsn.sekreterare@ludvika.example.org"));
    receive("desk/2024-02-20/again.txt");

    assertThat(world.records.history(first.minutesId()))
        .extracting(HistoryEntry::action, HistoryEntry::clerk, HistoryEntry::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Laddade upp", "okänd (inte genom skrivbordet)", "gsn-2024-02-14.txt"),
            org.assertj.core.groups.Tuple.tuple("Laddade upp", "gsn.sekreterare@ludvika.example.org", "again.txt"));
  }

  @Test
  void anOrganTheSetupDoesNotKnowIsRejectedAndTheRecordSaysWhy() {
    world.upload(KEY, SampleWorld.sampleText().replace("Gemensamma servicenämnden", "Gemensamma byggnämnden"));

    var result = receive(KEY);

    assertThat(result.status()).isEqualTo(MinutesStatus.REJECTED);
    assertThat(result.detail()).startsWith("The organ 'Gemensamma byggnämnden' is not in the municipality's setup")
        .contains("the closest known organ is 'Gemensamma servicenämnden'");
    assertThat(world.records.findMinutes(result.minutesId()).orElseThrow().status()).isEqualTo(MinutesStatus.REJECTED);
    assertThat(world.queue.sendOuts()).as("no clerk is known to tell").isEmpty();
    assertThat(world.records.notices(result.minutesId())).isEmpty();
  }

  @Test
  void aBadAdjustmentDateIsRejectedAndTheClerkToldThroughTheMailer() {
    world.upload(KEY, SampleWorld.sampleText(), Map.of("adjusted-on", "19/2 2024"));

    var result = receive(KEY);

    assertThat(result.status()).isEqualTo(MinutesStatus.REJECTED);
    assertThat(result.detail()).isEqualTo(
        "The upload's metadata adjusted-on is '19/2 2024', not a date written YYYY-MM-DD");
    assertThat(world.queue.sendOuts()).singleElement()
        .isEqualTo(new SendOutMessage(result.minutesId(), 0, "receipt:" + SampleWorld.CLERK));
  }

  @Test
  void aFileOfThirtyMegabytesIsRejectedUnreadNamingItsSizeAndTheUploaderToldOnce() {
    var key = "uploads/stort-protokoll.pdf";
    var uploader = "anna.ek@ludvika.example.org";
    world.objects.upload(SampleWorld.PROTOCOLS, key, HostilePdfs.ofSize(30L * 1024 * 1024),
        Map.of("uploaded-by", uploader), world.clock.instant());

    var result = receive(key);
    var again = receive(key);

    assertThat(result.status()).isEqualTo(MinutesStatus.REJECTED);
    assertThat(result.detail()).isEqualTo("The file is 30 MB; files larger than 20 MB are not accepted.");
    assertThat(again.minutesId()).as("the same event again").isEqualTo(result.minutesId());
    assertThat(world.records.listMinutes()).singleElement().satisfies(minutes -> {
      assertThat(minutes.status()).isEqualTo(MinutesStatus.REJECTED);
      assertThat(minutes.sourceKey()).isEqualTo(key);
      assertThat(minutes.organ()).isNull();
      assertThat(minutes.warnings()).extracting(w -> w.code()).containsExactly("FILE_TOO_LARGE");
    });
    assertThat(world.records.sendOuts(result.minutesId())).singleElement().satisfies(receipt -> {
      assertThat(receipt.kind()).isEqualTo(SendOutKind.RECEIPT);
      assertThat(receipt.address()).isEqualTo(uploader);
    });
    assertThat(world.objects.get(SampleWorld.PROTOCOLS, key).content()).hasSize(30 * 1024 * 1024);
  }

  @Test
  void aFileTooLargeToReadWhoseMetadataNamesTheOrganReachesItsClerk() {
    var key = "uploads/stort-protokoll.pdf";
    world.objects.upload(SampleWorld.PROTOCOLS, key, new byte[(int) MinutesReader.MAX_BYTES + 1],
        Map.of("organ", "gemensamma-servicenamnden", "uploaded-by", "anna.ek@ludvika.example.org"), world.clock.instant());

    var result = receive(key);

    assertThat(result.detail()).isEqualTo("The file is 21 MB; files larger than 20 MB are not accepted.");
    assertThat(world.records.findMinutes(result.minutesId()).orElseThrow().organSlug())
        .isEqualTo("gemensamma-servicenamnden");
    assertThat(world.queue.sendOuts()).singleElement()
        .isEqualTo(new SendOutMessage(result.minutesId(), 0, "receipt:" + SampleWorld.CLERK));
  }

  @Test
  void aFileOfExactlyTheLimitIsRead() {
    var text = SampleWorld.sampleText();
    var padded = text + " ".repeat((int) MinutesReader.MAX_BYTES - text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    world.upload(KEY, padded);

    var result = receive(KEY);

    assertThat(result.status()).isEqualTo(MinutesStatus.DISPATCHED);
  }

  @Test
  void aDecompressionBombIsRejectedAsUnreadableAndTheUploaderTold() {
    var key = "uploads/bomb.pdf";
    world.objects.upload(SampleWorld.PROTOCOLS, key, HostilePdfs.decompressionBomb(300L * 1024 * 1024),
        Map.of("uploaded-by", "anna.ek@ludvika.example.org"), world.clock.instant());

    var result = receive(key);

    assertThat(result.status()).isEqualTo(MinutesStatus.REJECTED);
    assertThat(result.detail()).contains("page 2").contains("64 MB");
    assertThat(world.queue.sendOuts()).singleElement().extracting(SendOutMessage::target)
        .isEqualTo("receipt:anna.ek@ludvika.example.org");
  }

  /** The sample as a transcript may give it: the organ's line and the meeting date's line lost. */
  private static String sampleWithoutOrganAndMeetingDate() {
    var text = SampleWorld.sampleText();
    assertThat(text).contains("Organ Gemensamma servicenämnden", "Sammanträdesdatum 2024-02-14 ");
    return text.replace("Organ Gemensamma servicenämnden", "").replace("Sammanträdesdatum 2024-02-14 ", "");
  }

  @Test
  void minutesReadInPartAreHeldForTheClerkWithNothingPostedOrSentAndTheUploaderTold() {
    world.upload(KEY, sampleWithoutOrganAndMeetingDate(), Map.of("adjusted-on", "2024-02-19",
        "uploaded-by", "anna.ek@ludvika.example.org"));

    var result = receive(KEY);

    assertThat(result.status()).isEqualTo(MinutesStatus.NEEDS_CLERK);
    var minutes = world.records.findMinutes(result.minutesId()).orElseThrow();
    assertThat(minutes.status()).isEqualTo(MinutesStatus.NEEDS_CLERK);
    assertThat(minutes.meetingDate()).isNull();
    assertThat(minutes.warnings()).extracting(w -> w.code()).contains("MEETING_DATE_NOT_FOUND");
    assertThat(minutes.statusDetail()).contains("read only in part").contains("meeting date")
        .contains("metadata organ").contains("meeting-date");
    assertThat(world.records.notices(result.minutesId())).as("notices").isEmpty();
    assertThat(world.records.currentVersion("gemensamma-servicenamnden", LocalDate.of(2024, 2, 14))).isEmpty();
    // The organ may be read from its decisions, but the clerk's receipt of the upload is all that is sent.
    assertThat(world.records.sendOuts(result.minutesId())).singleElement().satisfies(receipt -> {
      assertThat(receipt.kind()).isEqualTo(SendOutKind.RECEIPT);
      assertThat(receipt.address()).isIn(SampleWorld.CLERK, "anna.ek@ludvika.example.org");
    });
    assertThat(world.queue.sendOuts()).hasSize(1);
  }

  @Test
  void theSameFileUploadedAgainWithTheMissingFactsInItsMetadataIsDispatchedWithAReceiptOfItsOwn() {
    var text = sampleWithoutOrganAndMeetingDate();
    world.upload(KEY, text, Map.of("adjusted-on", "2024-02-19", "uploaded-by", "anna.ek@ludvika.example.org"));
    var held = intake.receive(new UploadEvent(SampleWorld.PROTOCOLS, KEY, null, "0055AED6DCD90281E5"));
    assertThat(held.status()).isEqualTo(MinutesStatus.NEEDS_CLERK);

    world.upload(KEY, text, Map.of("adjusted-on", "2024-02-19", "posted-on", "2024-02-20",
        "organ", "gemensamma-servicenamnden", "meeting-date", "2024-02-14"));
    var result = intake.receive(new UploadEvent(SampleWorld.PROTOCOLS, KEY, null, "0055AED6DCD90281F2"));

    assertThat(result.minutesId()).as("the same bytes").isEqualTo(held.minutesId());
    assertThat(result.status()).isEqualTo(MinutesStatus.DISPATCHED);
    var minutes = world.records.findMinutes(result.minutesId()).orElseThrow();
    assertThat(minutes.organSlug()).isEqualTo("gemensamma-servicenamnden");
    assertThat(minutes.meetingDate()).isEqualTo(LocalDate.of(2024, 2, 14));
    assertThat(minutes.warnings()).extracting(w -> w.code())
        .doesNotContain("MEETING_DATE_NOT_FOUND", "ORGAN_NOT_FOUND", "ORGAN_FROM_DECISIONS");
    assertThat(world.records.notices(result.minutesId())).hasSize(2);
    var sendOuts = world.records.sendOuts(result.minutesId());
    assertThat(sendOuts.stream().filter(s -> s.kind() == SendOutKind.EMAIL)).hasSize(18);
    assertThat(sendOuts.stream().filter(s -> s.kind() == SendOutKind.RECEIPT)).as("one receipt per upload")
        .hasSize(2).extracting(SendOut::target).doesNotHaveDuplicates();
  }

  @Test
  void anOrganInTheMetadataThatTheSetupDoesNotKnowIsRejectedNamingTheKnownOnes() {
    world.upload(KEY, sampleWithoutOrganAndMeetingDate(), Map.of("adjusted-on", "2024-02-19", "organ", "byggnamnden",
        "meeting-date", "2024-02-14"));

    var result = receive(KEY);

    assertThat(result.status()).isEqualTo(MinutesStatus.REJECTED);
    assertThat(result.detail()).startsWith("The upload's metadata organ is 'byggnamnden', which is no organ of the setup")
        .contains("gemensamma-servicenamnden (Gemensamma servicenämnden)");
  }

  @Test
  void aMeetingDateInTheMetadataNotWrittenYearMonthDayIsRejectedNamingIt() {
    world.upload(KEY, sampleWithoutOrganAndMeetingDate(), Map.of("adjusted-on", "2024-02-19",
        "organ", "gemensamma-servicenamnden", "meeting-date", "14 februari"));

    var result = receive(KEY);

    assertThat(result.status()).isEqualTo(MinutesStatus.REJECTED);
    assertThat(result.detail()).isEqualTo(
        "The upload's metadata meeting-date is '14 februari', not a date written YYYY-MM-DD");
  }

  /** The sample's setup with its organ's minutes reviewed before anything is posted or sent. */
  private void reviewRequired() {
    var organ = SampleWorld.SETUP.organs().getFirst();
    world.records.replaceSetup(new se.anslag.setup.MunicipalSetup(SampleWorld.SETUP.boards(), List.of(
        new se.anslag.setup.Organ(organ.slug(), organ.name(), organ.aliases(), organ.boardIds(), organ.clerkAddress(),
            organ.takedownPolicy(), organ.publishMinutesDocument(), se.anslag.domain.ReviewPolicy.REQUIRED)),
        SampleWorld.SETUP.directory()));
  }

  @Test
  void minutesOfAnOrganThatReviewsWaitWithTheirParagraphsAndNothingPostedOrSent() {
    reviewRequired();
    world.upload(KEY, SampleWorld.sampleText(), Map.of("adjusted-on", "2024-02-19"));

    var result = receive(KEY);

    assertThat(result.status()).isEqualTo(MinutesStatus.AWAITING_REVIEW);
    assertThat(world.records.findMinutes(result.minutesId()).orElseThrow().status())
        .isEqualTo(MinutesStatus.AWAITING_REVIEW);
    assertThat(world.records.paragraphs(result.minutesId())).hasSize(6);
    assertThat(world.records.notices(result.minutesId())).isEmpty();
    assertThat(world.records.sendOuts(result.minutesId())).isEmpty();
    assertThat(world.queue.sendOuts()).isEmpty();
    assertThat(world.records.currentVersion("gemensamma-servicenamnden", LocalDate.of(2024, 2, 14)))
        .as("no claim on the meeting before publishing").isEmpty();
  }

  @Test
  void publishedReviewedMinutesArePostedOnTheDayTheClerkPickedAndSentOnceAlsoWhenPublishedTwice() {
    reviewRequired();
    world.upload(KEY, SampleWorld.sampleText(), Map.of("adjusted-on", "2024-02-19"));
    var awaiting = receive(KEY);
    var publish = new ReviewDecision(awaiting.minutesId(), ReviewDecision.Action.PUBLISH, LocalDate.of(2024, 2, 21),
        null, SampleWorld.CLERK);

    var published = intake.review(publish);
    var again = intake.review(publish);

    assertThat(published.status()).isEqualTo(MinutesStatus.DISPATCHED);
    assertThat(again.alreadyProcessed()).isTrue();
    assertThat(world.records.notices(awaiting.minutesId())).extracting(Notice::postedOnThisBoard)
        .containsOnly(LocalDate.of(2024, 2, 21)).hasSize(2);
    assertThat(world.records.sendOuts(awaiting.minutesId()).stream().filter(s -> s.kind() == SendOutKind.EMAIL))
        .hasSize(18);
    assertThat(world.queue.sendOuts()).as("each send-out queued once, with the receipt").hasSize(25);
  }

  @Test
  void minutesRejectedInReviewKeepTheReasonAndNothingFollows() {
    reviewRequired();
    world.upload(KEY, SampleWorld.sampleText(), Map.of("adjusted-on", "2024-02-19"));
    var awaiting = receive(KEY);

    var rejected = intake.review(new ReviewDecision(awaiting.minutesId(), ReviewDecision.Action.REJECT, null,
        "Fel version", SampleWorld.CLERK));
    var publishedAfter = intake.review(new ReviewDecision(awaiting.minutesId(), ReviewDecision.Action.PUBLISH, null,
        null, SampleWorld.CLERK));

    assertThat(rejected.status()).isEqualTo(MinutesStatus.REJECTED);
    assertThat(publishedAfter.alreadyProcessed()).isTrue();
    assertThat(world.records.findMinutes(awaiting.minutesId()).orElseThrow().statusDetail())
        .isEqualTo("Rejected in review by " + SampleWorld.CLERK + ": Fel version");
    assertThat(world.records.notices(awaiting.minutesId())).isEmpty();
    assertThat(world.queue.sendOuts()).isEmpty();
  }

  @Test
  void aCorrectionSupersedesTheFirstVersionAndSendsOnlyTheChangedParagraphAgain() {
    world.upload(KEY, SampleWorld.sampleText());
    var first = receive(KEY);
    world.queue.takeSendOuts();
    // The mailer has sent version 1 (CorrectionBeforeSendingTest: a correction before that).
    world.records.sendOuts(first.minutesId()).forEach(s -> world.records.updateSendOut(
        s.withStatus(s.kind() == SendOutKind.CASE_FILE ? SendOutStatus.FILED : SendOutStatus.SENT, world.clock.instant(),
            null, null)));
    var corrected = SampleWorld.sampleText().replace("godkänner förslag om ny", "godkänner det reviderade förslaget om ny");
    assertThat(corrected).isNotEqualTo(SampleWorld.sampleText());
    world.upload("uploads/rattelse.txt", corrected);

    var second = receive("uploads/rattelse.txt");

    var record = world.records.findMinutes(second.minutesId()).orElseThrow();
    assertThat(record.version()).isEqualTo(2);
    assertThat(record.supersedes()).isEqualTo(first.minutesId());
    assertThat(world.records.findMinutes(first.minutesId()).orElseThrow().status()).isEqualTo(MinutesStatus.SUPERSEDED);
    assertThat(world.records.currentVersion("gemensamma-servicenamnden", LocalDate.of(2024, 2, 14)))
        .map(MeetingVersion::currentMinutesId).contains(second.minutesId());
    var sendOuts = world.records.sendOuts(second.minutesId());
    // § 3 changed: its 6 mails and its case file go out again; every other decision is UNCHANGED.
    assertThat(sendOuts.stream().filter(s -> s.status() == SendOutStatus.PENDING && !s.kind().isClerkMail())
        .map(SendOut::paragraph)).hasSize(7).containsOnly(3);
    assertThat(sendOuts.stream().filter(s -> s.status() == SendOutStatus.UNCHANGED)).hasSize(17)
        .allSatisfy(s -> assertThat(s.detail()).matches("(sent|filed) with version 1 on 2024-02-20T08:00:00Z"));
    assertThat(world.queue.sendOuts()).hasSize(8)
        .allMatch(m -> m.paragraph() == 3 || m.target().equals("receipt:" + SampleWorld.CLERK));
  }

  @Test
  void aCorrectionArrivingWhileTheFirstVersionIsStillRecordedIsRetriedLater() {
    world.upload(KEY, SampleWorld.sampleText());
    var first = receive(KEY);
    var recording = world.records.findMinutes(first.minutesId()).orElseThrow();
    world.records.putMinutes(recording.withStatus(MinutesStatus.RECEIVED, null));
    world.upload("uploads/rattelse.txt", SampleWorld.sampleText().replace("godkänner förslag om ny", "godkänner nu"));

    assertThatThrownBy(() -> receive("uploads/rattelse.txt"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is still being recorded")
        .hasMessageContaining("is retried after it");
    assertThat(world.records.listMinutes()).hasSize(1);
    assertThat(List.of(first.minutesId())).containsExactly(world.records.currentVersion("gemensamma-servicenamnden",
        LocalDate.of(2024, 2, 14)).orElseThrow().currentMinutesId());
  }
}
