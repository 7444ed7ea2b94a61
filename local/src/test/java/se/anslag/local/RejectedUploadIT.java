package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.anslag.cli.ProjectRoot;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.SendOutKind;
import se.anslag.reader.HostilePdfs;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Uploads Anslag cannot act on end as REJECTED minutes with a reason for the clerk, and minutes
 * read only in part as NEEDS_CLERK with the facts to supply: nothing is sent, nothing is retried
 * into a dead-letter queue, and the upload itself is left as it was. Each upload of the same file
 * gets its own receipt.
 */
class RejectedUploadIT {
  private static final Path ROOT = ProjectRoot.find();
  private static final Path SAMPLE_TEXT = ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt");
  private static final LocalDate ADJUSTED_ON = LocalDate.of(2024, 2, 19);
  private static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);

  @RegisterExtension static final SampleWorkflow sample = new SampleWorkflow();
  private LocalWorkflow workflow;

  @BeforeEach
  void useTheSampleWorkflow() {
    workflow = sample.get();
  }

  static Stream<Arguments> uploadsThatAreNotMinutes() {
    var png = new byte[256];
    byte[] header = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
    System.arraycopy(header, 0, png, 0, header.length);
    for (int i = header.length; i < png.length; i++) {
      png[i] = (byte) (i * 37);
    }
    return Stream.of(
        Arguments.of("uploads/inkopslista.txt",
            "Inköpslista\nMjölk\nÄgg\nSmör\nKaffe\n".getBytes(StandardCharsets.UTF_8),
            "does not look like minutes"),
        Arguments.of("uploads/skannat-protokoll.png", png, "neither a PDF nor a text file"));
  }

  @ParameterizedTest
  @MethodSource("uploadsThatAreNotMinutes")
  void anUploadThatIsNotMinutesIsRejectedWithTheReasonAndLeftUntouched(String key, byte[] content, String reason) {
    put(key, content, Map.of("adjusted-on", ADJUSTED_ON.toString()));

    var drained = workflow.process();

    assertRejected(drained.deadLettered(), key).satisfies(minutes ->
        assertThat(minutes.statusDetail()).contains(reason));
    var stored = workflow.cloud().s3().getObjectAsBytes(b -> b.bucket(protocolsBucket()).key(key));
    assertThat(stored.asByteArray()).isEqualTo(content);
    assertThat(stored.response().metadata()).containsEntry("adjusted-on", ADJUSTED_ON.toString());
  }

  static Stream<Arguments> filesThatMustNotTakeIntakeDown() {
    return Stream.of(
        Arguments.of("uploads/stort-protokoll.pdf", HostilePdfs.ofSize(30L * 1024 * 1024),
            "The file is 30 MB; files larger than 20 MB are not accepted.",
            "Filen är större än 20 MB och har därför inte lästs alls."),
        Arguments.of("uploads/bomb.pdf", HostilePdfs.decompressionBomb(300L * 1024 * 1024),
            "The PDF is not read: its content unpacks to more than 64 MB by page 2",
            "Skäl: The PDF is not read"));
  }

  @ParameterizedTest
  @MethodSource("filesThatMustNotTakeIntakeDown")
  void aFileTooLargeOrABombIsRejectedWithTheLimitAndTheUploaderGetsTheReceipt(String key, byte[] content,
      String reason, String inTheReceipt) {
    var uploader = "anna.ek@ludvika.example.org";
    put(key, content, Map.of("uploaded-by", uploader));

    var drained = workflow.process();

    assertRejected(drained.deadLettered(), key).satisfies(minutes ->
        assertThat(minutes.statusDetail()).startsWith(reason));
    assertThat(SesMailbox.clerkMails(workflow.cloud())).singleElement().satisfies(receipt -> {
      assertThat(receipt.to()).containsExactly(uploader);
      assertThat(receipt.subject()).isEqualTo("Kvitto: protokollet " + key + " kunde inte tas emot");
      assertThat(receipt.text()).contains(inTheReceipt);
    });
    assertThat(workflow.cloud().s3().getObjectAsBytes(b -> b.bucket(protocolsBucket()).key(key)).asByteArray())
        .isEqualTo(content);
  }

  @Test
  void minutesOfAnOrganNotInTheSetupAreRejectedNamingItAndTheClosestKnownOrgan() throws IOException {
    var text = Files.readString(SAMPLE_TEXT, StandardCharsets.UTF_8);
    assertThat(text).contains("Organ Gemensamma servicenämnden");
    var otherOrgan = text.replace("Organ Gemensamma servicenämnden", "Organ Gemensamma överförmyndarnämnden");
    var key = "uploads/overformyndarnamnden-2024-02-14.txt";
    put(key, otherOrgan.getBytes(StandardCharsets.UTF_8), datesAsAClerkGivesThem());

    var drained = workflow.process();

    assertRejected(drained.deadLettered(), key).satisfies(minutes -> {
      assertThat(minutes.organ()).isEqualTo("Gemensamma överförmyndarnämnden");
      assertThat(minutes.statusDetail())
          .contains("'Gemensamma överförmyndarnämnden' is not in the municipality's setup")
          .contains("closest known organ is 'Gemensamma servicenämnden'");
    });
  }

  @Test
  void anAdjustmentDateInTheMetadataNotWrittenYearMonthDayIsRejectedNamingTheMetadata() throws IOException {
    var key = "uploads/gsn-2024-02-14.txt";
    put(key, Files.readAllBytes(SAMPLE_TEXT), Map.of("adjusted-on", "19/2/2024", "posted-on", POSTED_ON.toString()));

    var drained = workflow.process();

    assertRejected(drained.deadLettered(), key).satisfies(minutes ->
        assertThat(minutes.statusDetail()).contains("adjusted-on").contains("'19/2/2024'").contains("YYYY-MM-DD"));
    assertThat(SesMailbox.clerkMails(workflow.cloud())).singleElement().satisfies(receipt ->
        assertThat(receipt.to()).containsExactly("gsn.sekreterare@ludvika.example.org"));
  }

  @Test
  void rejectedMinutesUploadedAgainWithCorrectedMetadataAreDispatched() throws IOException {
    var key = "uploads/gsn-2024-02-14.txt";
    var content = Files.readAllBytes(SAMPLE_TEXT);
    put(key, content, Map.of("adjusted-on", "19/2/2024"));
    workflow.process();
    assertThat(workflow.minutesFromUpload(key).orElseThrow().status()).isEqualTo(MinutesStatus.REJECTED);

    put(key, content, datesAsAClerkGivesThem());
    var drained = workflow.process();

    assertThat(drained.deadLettered()).isZero();
    var minutes = workflow.minutesFromUpload(key).orElseThrow();
    assertThat(minutes.status()).isEqualTo(MinutesStatus.DISPATCHED);
    assertThat(minutes.statusDetail()).isNull();
    assertThat(minutes.adjustedOn()).isEqualTo(ADJUSTED_ON);
    assertThat(SesMailbox.decisionMails(workflow.cloud())).hasSize(18);
    assertThat(SesMailbox.clerkMails(workflow.cloud())).extracting(SesMailbox.Mail::subject).as("a receipt per upload")
        .contains("Kvitto: protokollet " + key + " kunde inte tas emot",
            "Kvitto: Gemensamma servicenämnden 2024-02-14 mottaget");
  }

  @Test
  void minutesReadInPartAreHeldForTheClerkAndDispatchedOnceTheSameFileComesWithTheMissingFacts() throws IOException {
    // The sample as a flattened transcript may give it: the organ's and the meeting date's lines lost
    var text = Files.readString(SAMPLE_TEXT, StandardCharsets.UTF_8);
    assertThat(text).contains("Organ Gemensamma servicenämnden", "Sammanträdesdatum 2024-02-14 ");
    var content = text.replace("Organ Gemensamma servicenämnden", "").replace("Sammanträdesdatum 2024-02-14 ", "")
        .getBytes(StandardCharsets.UTF_8);
    var key = "uploads/gsn-utan-datum.txt";
    var uploader = "anna.ek@ludvika.example.org";
    put(key, content, Map.of("adjusted-on", ADJUSTED_ON.toString(), "uploaded-by", uploader));

    var held = workflow.process();

    assertThat(held.deadLettered()).isZero();
    var minutes = workflow.minutesFromUpload(key).orElseThrow();
    assertThat(minutes.status()).isEqualTo(MinutesStatus.NEEDS_CLERK);
    assertThat(minutes.statusDetail()).contains("meeting date").contains("meeting-date");
    assertThat(workflow.stores().notices().notices(minutes.id())).as("notices").isEmpty();
    assertThat(SesMailbox.decisionMails(workflow.cloud())).as("decisions mailed").isEmpty();
    assertThat(SesMailbox.clerkMails(workflow.cloud())).singleElement().satisfies(receipt -> {
      assertThat(receipt.subject()).isEqualTo("Kvitto: protokollet " + key + " behöver kompletteras");
      assertThat(receipt.text()).contains("Sammanträdesdatum: hittades inte i protokollet")
          .contains("meeting-date = sammanträdesdatum skrivet ÅÅÅÅ-MM-DD");
    });
    assertThat(workflow.cloud().s3().getObjectAsBytes(b -> b.bucket(protocolsBucket()).key(key)).asByteArray())
        .isEqualTo(content);

    put(key, content, Map.of("adjusted-on", ADJUSTED_ON.toString(), "posted-on", POSTED_ON.toString(),
        "organ", "gemensamma-servicenamnden", "meeting-date", "2024-02-14", "uploaded-by", uploader));
    var drained = workflow.process();

    assertThat(drained.deadLettered()).isZero();
    var dispatched = workflow.minutesFromUpload(key).orElseThrow();
    assertThat(dispatched.id()).isEqualTo(minutes.id());
    assertThat(dispatched.status()).isEqualTo(MinutesStatus.DISPATCHED);
    assertThat(dispatched.meetingDate()).isEqualTo(LocalDate.of(2024, 2, 14));
    assertThat(workflow.stores().notices().notices(dispatched.id())).hasSize(2);
    assertThat(SesMailbox.decisionMails(workflow.cloud())).hasSize(18);
    assertThat(SesMailbox.clerkMails(workflow.cloud())).extracting(SesMailbox.Mail::subject)
        .contains("Kvitto: Gemensamma servicenämnden 2024-02-14 mottaget");
  }

  // ------------------------------------------------------------------ helpers

  private String protocolsBucket() {
    return workflow.cloud().physicalId("ProtocolsBucket");
  }

  private static Map<String, String> datesAsAClerkGivesThem() {
    return Map.of("adjusted-on", ADJUSTED_ON.toString(), "posted-on", POSTED_ON.toString());
  }

  private void put(String key, byte[] content, Map<String, String> metadata) {
    workflow.cloud().s3().putObject(b -> b.bucket(protocolsBucket()).key(key).metadata(new HashMap<>(metadata)),
        RequestBody.fromBytes(content));
  }

  /** The minutes of the upload are REJECTED, and nothing followed from them. */
  private org.assertj.core.api.ObjectAssert<MinutesRecord> assertRejected(int deadLettered, String key) {
    assertThat(deadLettered).as("messages in dead-letter queues").isZero();
    var minutes = workflow.minutesFromUpload(key).orElseThrow(() -> new AssertionError("no minutes record for " + key));
    assertThat(minutes.status()).isEqualTo(MinutesStatus.REJECTED);
    assertThat(minutes.statusDetail()).isNotBlank();
    assertThat(workflow.stores().minutes().paragraphs(minutes.id())).isEmpty();
    assertThat(workflow.stores().notices().notices(minutes.id())).isEmpty();
    // The one thing that may follow is the receipt telling the organ's clerk, when the organ is known.
    assertThat(workflow.stores().sendOuts().sendOuts(minutes.id())).allMatch(s -> s.kind() == SendOutKind.RECEIPT);
    assertThat(SesMailbox.decisionMails(workflow.cloud())).as("decisions mailed").isEmpty();
    assertThat(SesMailbox.clerkMails(workflow.cloud())).allMatch(mail -> mail.subject().startsWith("Kvitto: ")
        && mail.text().contains(minutes.statusDetail()));
    return assertThat(minutes);
  }
}
