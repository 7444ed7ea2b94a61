package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The board's publishing on the emulators: the minutes document where allowed, and no needless writes. */
class BoardPublishingIT {
  private static final Path SAMPLES = SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples");
  private static final LocalDate POSTED_ON = SampleWorkflow.POSTED_ON;
  private static final String NOTICE_PAGE = "ludvika/anslag/gemensamma-servicenamnden/2024-02-14/index.html";

  @TempDir Path temp;
  /** Each test loads the sample setup with or without the minutes document. */
  @RegisterExtension static final SampleWorkflow sample = SampleWorkflow.withoutSetup();
  private LocalWorkflow workflow;

  @BeforeEach
  void useTheSampleWorkflow() {
    workflow = sample.get();
  }

  private Path sampleSetup(boolean publishDocument) throws Exception {
    var setup = Files.readString(SampleWorkflow.SAMPLE_SETUP)
        .replace("publishMinutesDocument: false", "publishMinutesDocument: " + publishDocument);
    return Files.writeString(temp.resolve("setup.yaml"), setup);
  }

  @Test
  void theMinutesDocumentIsPublishedWhileTheNoticeIsUpWhereTheOrganAllowsIt() throws Exception {
    workflow.loadSetup(sampleSetup(true));
    var pdf = SAMPLES.resolve("gsn-2024-02-14.pdf");

    var key = workflow.upload(pdf, LocalDate.of(2024, 2, 19), POSTED_ON);
    workflow.process();

    var minutes = workflow.minutesFromUpload(key).orElseThrow();
    var documentKey = "protokoll/" + minutes.id().substring(0, 16) + "/gemensamma-servicenamnden-2024-02-14.pdf";
    assertThat(workflow.siteFile(documentKey)).hasValueSatisfying(bytes ->
        assertThat(bytes).isEqualTo(readAll(pdf)));
    assertThat(siteText(NOTICE_PAGE)).contains("/" + documentKey);

    workflow.runDailySchedule(LocalDate.of(2024, 3, 13));

    assertThat(workflow.siteFile(documentKey)).as("document after takedown").isEmpty();
    assertThat(siteText(NOTICE_PAGE)).contains("Anslaget är nedtaget").doesNotContain("protokoll/");
  }

  @Test
  void anUploadOverwrittenAfterIntakeReadItIsNotPublishedInItsPlace() throws Exception {
    workflow.loadSetup(sampleSetup(true));
    var pdf = SAMPLES.resolve("gsn-2024-02-14.pdf");
    var tomorrow = POSTED_ON.plusDays(1);
    // Posted tomorrow: read and recorded today, the document is not public yet.
    var key = workflow.upload(pdf, LocalDate.of(2024, 2, 19), tomorrow);
    workflow.process();
    var minutes = workflow.minutesFromUpload(key).orElseThrow();
    // s3rver keeps no versions and sends no x-amz-version-id: the record has none, and the board can only
    // read the current object (on AWS it reads the version recorded here, and publishes it).
    assertThat(minutes.sourceVersionId()).isNull();
    var other = Files.createDirectories(temp.resolve("other")).resolve(pdf.getFileName());
    Files.writeString(other, "Inte ett protokoll.\n");
    assertThat(workflow.upload(other, null, null)).isEqualTo(key);
    workflow.process();

    workflow.runDailySchedule(tomorrow);

    assertThat(siteText(NOTICE_PAGE)).as("the notice is up").contains("Sista dag för överklagande")
        .doesNotContain("protokoll/");
    assertThat(siteKeys().keySet()).noneMatch(k -> k.startsWith("protokoll/"));
  }

  @Test
  void noDocumentIsPublishedWhereTheOrganDoesNotAllowIt() throws Exception {
    workflow.loadSetup(sampleSetup(false));

    workflow.upload(SAMPLES.resolve("gsn-2024-02-14.pdf"), LocalDate.of(2024, 2, 19),
        POSTED_ON);
    workflow.process();

    assertThat(siteKeys().keySet()).noneMatch(k -> k.startsWith("protokoll/"));
    assertThat(siteText(NOTICE_PAGE)).doesNotContain("protokoll/");
  }

  @Test
  void renderingUnchangedRecordsAgainRewritesNoFile() throws Exception {
    workflow.loadSetup(sampleSetup(true));
    workflow.upload(SAMPLES.resolve("gsn-2024-02-14.txt"), LocalDate.of(2024, 2, 19),
        POSTED_ON);
    workflow.process();
    var before = siteKeys();

    workflow.runDailySchedule(POSTED_ON);

    assertThat(siteKeys()).isEqualTo(before);
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every site key with its last-modified time: a rewrite changes the time. */
  private Map<String, String> siteKeys() {
    return workflow.cloud().s3().listObjectsV2(b -> b.bucket(workflow.cloud().physicalId("SiteBucket"))).contents()
        .stream().collect(Collectors.toMap(o -> o.key(), o -> o.eTag() + " " + o.lastModified()));
  }

  private String siteText(String key) {
    return new String(workflow.siteFile(key).orElseThrow(), StandardCharsets.UTF_8);
  }
}
