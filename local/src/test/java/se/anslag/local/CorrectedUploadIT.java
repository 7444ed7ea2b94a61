package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.anslag.cli.ProjectRoot;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;

/**
 * A corrected upload of the same minutes becomes version 2: the changed paragraph goes out again
 * marked "Rättelse", a recipient added to an unchanged paragraph gets it, and nobody else gets anything.
 */
class CorrectedUploadIT {
  private static final Path ROOT = ProjectRoot.find();
  private static final Path SAMPLE_TEXT = ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt");
  private static final LocalDate ADJUSTED_ON = LocalDate.of(2024, 2, 19);
  private static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);
  private static final String CLERK = "gsn.sekreterare@ludvika.example.org";
  private static final List<String> PARAGRAPH_3_ADDRESSES = List.of("kommunstyrelsen@ludvika.example.org",
      "verksamhetscontroller@ludvika.example.org", "registrator@ludvika.example.org",
      "registrator@smedjebacken.example.org", "revisorerna@ludvika.example.org", "ekonomienheten@ludvika.example.org");
  private static final String ADDED_TO_PARAGRAPH_6 = "revisorerna@ludvika.example.org";
  private static final String NOTICE_PAGE = "anslag/gemensamma-servicenamnden/2024-02-14/index.html";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  @RegisterExtension static final SampleWorkflow sample = new SampleWorkflow();
  private LocalWorkflow workflow;

  @BeforeEach
  void useTheSampleWorkflow() {
    workflow = sample.get();
  }

  @Test
  void aCorrectedUploadSendsOnlyTheChangedParagraphMarkedRattelseAndTheAddedRecipient() throws IOException {
    var firstKey = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);
    assertThat(workflow.process().deadLettered()).isZero();
    var first = workflow.minutesFromUpload(firstKey).orElseThrow();
    var mailIdsBefore = new HashSet<>(SesMailbox.mails(workflow.cloud()).stream().map(SesMailbox.Mail::messageId).toList());

    var correctedKey = workflow.upload(correctedCopy(), ADJUSTED_ON, POSTED_ON);
    var drained = workflow.process();

    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var second = workflow.minutesFromUpload(correctedKey).orElseThrow();
    assertThat(second.status()).isEqualTo(MinutesStatus.DISPATCHED);
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.supersedes()).isEqualTo(first.id());
    var old = workflow.stores().minutes().findMinutes(first.id()).orElseThrow();
    assertThat(old.status()).isEqualTo(MinutesStatus.SUPERSEDED);
    assertThat(old.statusDetail()).contains("version 2");

    var newMails = SesMailbox.mails(workflow.cloud()).stream()
        .filter(mail -> !mailIdsBefore.contains(mail.messageId()))
        .filter(mail -> !mail.to().contains(CLERK)).toList();
    var expected = new ArrayList<String>();
    PARAGRAPH_3_ADDRESSES.forEach(address -> expected.add("3 " + address));
    expected.add("6 " + ADDED_TO_PARAGRAPH_6);
    assertThat(newMails).extracting(mail -> paragraphOf(mail.subject()) + " " + String.join(",", mail.to()))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(newMails).filteredOn(mail -> paragraphOf(mail.subject()).equals("3")).allSatisfy(mail -> {
      assertThat(mail.subject()).startsWith("Rättelse: ");
      assertThat(mail.text()).contains("Detta utdrag ersätter det utdrag av § 3 som skickades tidigare.")
          .contains("fördelningsnyckel 2025 enligt reviderad bilaga");
    });
    assertThat(newMails).filteredOn(mail -> paragraphOf(mail.subject()).equals("6"))
        .allSatisfy(mail -> assertThat(mail.subject()).doesNotContain("Rättelse"));

    var sendOuts = workflow.stores().sendOuts().sendOuts(second.id());
    assertThat(sendOuts).allSatisfy(sendOut -> assertThat(sendOut.status().isTerminal()).isTrue());
    assertThat(sendOuts).filteredOn(s -> s.paragraph() != 3 && s.kind() == SendOutKind.EMAIL
            && !(s.paragraph() == 6 && s.target().equals(ADDED_TO_PARAGRAPH_6)))
        .isNotEmpty()
        .allSatisfy(s -> {
          assertThat(s.status()).isEqualTo(SendOutStatus.UNCHANGED);
          assertThat(s.detail()).startsWith("sent with version 1 on ");
        });
    assertThat(sendOuts).filteredOn(s -> s.kind() == SendOutKind.CASE_FILE)
        .extracting(s -> s.paragraph() + " " + s.status())
        .containsExactlyInAnyOrder("1 UNCHANGED", "2 UNCHANGED", "3 FILED", "4 UNCHANGED", "5 UNCHANGED", "6 UNCHANGED");

    for (var board : List.of("ludvika", "smedjebacken")) {
      var feed = JSON.readTree(workflow.siteFile(board + "/anslag.json").orElseThrow());
      var forTheMeeting = new ArrayList<String>();
      feed.path("data").forEach(notice -> {
        if (notice.path("meeting").path("date").asText().equals("2024-02-14")) {
          forTheMeeting.add(notice.path("web").asText());
        }
      });
      assertThat(forTheMeeting).as("notices of the meeting on %s", board).containsExactly(NOTICE_PAGE);
      var page = new String(workflow.siteFile(board + "/" + NOTICE_PAGE).orElseThrow(), StandardCharsets.UTF_8);
      assertThat(page).contains("Driftbudget och fördelningsnyckel 2025");
    }
  }

  /** The sample with § 3's decision changed and a recipient added under § 6. */
  private Path correctedCopy() throws IOException {
    var text = Files.readString(SAMPLE_TEXT);
    var decision3 = "fördelningsnyckel 2025 enligt bilaga daterad 12 februari 2024.";
    var recipients6 = "IT-chef fvb till Samordningsgruppen";
    assertThat(text).contains(decision3).contains(recipients6);
    var corrected = text.replace(decision3, "fördelningsnyckel 2025 enligt reviderad bilaga daterad 19 februari 2024.")
        .replace(recipients6, recipients6 + "\nRevisorerna");
    var file = temp.resolve("gsn-2024-02-14-rattad.txt");
    Files.writeString(file, corrected);
    return file;
  }

  /** "… § 3 Driftbudget …" -> "3". */
  private static String paragraphOf(String subject) {
    var matcher = java.util.regex.Pattern.compile("§ (\\d+) ").matcher(subject);
    assertThat(matcher.find()).as("subject names a paragraph: %s", subject).isTrue();
    return matcher.group(1);
  }
}
