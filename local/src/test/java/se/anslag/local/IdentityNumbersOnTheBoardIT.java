package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.anslag.board.WrittenFormsOnTheBoard;
import se.anslag.board.WrittenIdentityNumbers;
import se.anslag.board.WrittenIdentityNumbers.WrittenForm;
import se.anslag.cli.ProjectRoot;
import se.anslag.domain.Warning;

/**
 * The hand-written forms of personal identity numbers as paragraph titles of the sample minutes, through
 * upload, intake and the board on the emulators: what the board wrote to the site bucket (both boards' notice
 * pages, Atom feeds and JSON lists) shows each title as the list says, and the clerk is warned of exactly the
 * paragraphs that held a number, in the record and in the receipt mail.
 */
class IdentityNumbersOnTheBoardIT {
  private static final Path ROOT = ProjectRoot.find();
  private static final Path SAMPLE_TEXT = ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt");
  private static final LocalDate ADJUSTED_ON = LocalDate.of(2024, 2, 19);
  private static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);
  private static final String NOTICE_PAGE = "anslag/gemensamma-servicenamnden/2024-02-14/index.html";
  private static final String WARNING = "the title or case number contains a personal identity number";
  /**
   * Forms the reader does not read whole as a title, left to the unit tests of the board and the warning: a
   * paragraph heading, a case number or the decision's heading in the text; a line break anywhere but right
   * after a hyphen that breaks a figure (the reader continues a title only there, so the title ends before
   * the last four digits and only the date reaches the board); a soft hyphen as the only separator (the
   * reader drops soft hyphens, which leaves the run-together form, which needs a right check digit).
   */
  private static final Pattern NOT_READ_WHOLE_AS_A_TITLE = Pattern.compile(
      "§|Dnr|^Beslut|\\(\\p{Lu}+/\\d{4}:\\d+\\)$|\\n(?<![0-9]-\\n)|[0-9]\u00AD[0-9]{4}(?![0-9])");
  /** What the reader leaves out of every line (TextLines): soft hyphens, zero-width characters, byte order marks. */
  private static final Pattern DROPPED_BY_THE_READER = Pattern.compile("[\u00AD\u200B-\u200D\uFEFF]");

  private LocalWorkflow workflow;

  @AfterEach
  void stop() {
    if (workflow != null) {
      workflow.close();
    }
  }

  @Test
  void everyWrittenFormInATitleIsRedactedOnTheSiteAndWarnedOfAtIntake(@TempDir Path work) throws Exception {
    var written = new LinkedHashMap<Integer, WrittenForm>();
    for (var form : WrittenIdentityNumbers.all()) {
      if (!NOT_READ_WHOLE_AS_A_TITLE.matcher(form.text()).find()) {
        written.put(written.size() + 1, form);
      }
    }
    var minutes = Files.writeString(work.resolve("gsn-2024-02-14-identity-numbers.txt"), minutesWith(written),
        StandardCharsets.UTF_8);
    workflow = LocalWorkflow.start(ROOT, LocalWorkflow.clockAt(POSTED_ON), System.err);
    workflow.loadSetup(ROOT.resolve("local/setup/sample-setup.yaml"));

    var key = workflow.upload(minutes, ADJUSTED_ON, POSTED_ON);
    var drained = workflow.process();

    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var record = workflow.minutesFromUpload(key).orElseThrow();
    // The reader read each title whole (its spaces and invisible characters aside), so what the board shows of
    // it is the redactor's doing: the board is checked against the titles as stored.
    var asRead = new LinkedHashMap<Integer, WrittenForm>();
    for (var paragraph : workflow.stores().minutes().paragraphs(record.id())) {
      var form = written.get(paragraph.number());
      assertThat(visible(paragraph.title())).as("title of § %d as read", paragraph.number()).isEqualTo(visible(form.text()));
      asRead.put(paragraph.number(), new WrittenForm(form.line(), paragraph.title(),
          form.mustBeRedacted() ? DROPPED_BY_THE_READER.matcher(form.redacted()).replaceAll("") : paragraph.title()));
    }
    assertThat(asRead).hasSameSizeAs(written);
    var site = siteFiles();
    for (var board : List.of("ludvika", "smedjebacken")) {
      WrittenFormsOnTheBoard.check(site, board, board + "/" + NOTICE_PAGE, asRead);
    }
    var titles = written;

    var warned = new ArrayList<Integer>();
    var expected = new ArrayList<Integer>();
    titles.forEach((number, form) -> {
      if (form.mustBeRedacted()) {
        expected.add(number);
      }
    });
    for (Warning warning : record.warnings()) {
      if (warning.code().equals("PERSONAL_IDENTITY_NUMBER")) {
        warned.add(Integer.parseInt(warning.message().replaceAll("^§ (\\d+):.*", "$1")));
      }
    }
    assertThat(warned).as("paragraphs the clerk is warned of").containsExactlyElementsOf(expected);
    var receipt = SesMailbox.clerkMails(workflow.cloud()).stream()
        .filter(mail -> mail.subject().startsWith("Kvitto")).findFirst().orElseThrow().text().replaceAll("\\s+", " ");
    for (var number : titles.keySet()) {
      var line = "§ " + number + ": " + WARNING;
      if (expected.contains(number)) {
        assertThat(receipt).as("receipt, § %d", number).contains(line);
      } else {
        assertThat(receipt).as("receipt, § %d", number).doesNotContain(line);
      }
    }
  }

  /** The text without its spaces, line breaks and the characters the reader drops. */
  private static String visible(String text) {
    return DROPPED_BY_THE_READER.matcher(text).replaceAll("").replaceAll("[\\s\\p{Z}]", "");
  }

  /** The sample's first page, then one short paragraph per title, each sent to the case file only. */
  private static String minutesWith(Map<Integer, WrittenForm> titles) throws Exception {
    var sample = Files.readString(SAMPLE_TEXT);
    var text = new StringBuilder(sample.substring(0, sample.indexOf(" § 1  Dnr"))
        .replace("§ 1-6", "§ 1-" + titles.size()));
    titles.forEach((number, form) -> text.append(" § ").append(number).append("  Dnr 2024/").append(number)
        .append(" \n\n \n\n").append(form.text()).append(" \n\nBeslut \n")
        .append("Gemensamma servicenämnden noterar informationen. \n______ \n \n\nBeslut skickas till \nAkten \n"));
    return text.toString();
  }

  private Map<String, byte[]> siteFiles() {
    var s3 = workflow.cloud().s3();
    var bucket = workflow.cloud().physicalId("SiteBucket");
    var files = new TreeMap<String, byte[]>();
    for (var object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
      files.put(object.key(), s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asByteArray());
    }
    return files;
  }
}
