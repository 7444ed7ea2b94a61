package se.anslag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The `inspect` and `dates` commands as a person at the terminal sees them: stdout, stderr, exit status. */
class CommandLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SAMPLES = ProjectRoot.find().resolve("shared/src/test/resources/samples");

  /** What one run printed and returned. */
  private record Run(int exitCode, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }

    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private static Run anslag(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    int exitCode = AnslagCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private static List<String> fieldNames(JsonNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @ParameterizedTest
  @ValueSource(strings = {"gsn-2024-02-14.pdf", "gsn-2024-02-14.txt"})
  void inspectPrintsTheSpecifiedJsonWithTheNoticeDatesOfTheSample(String sample) throws IOException {
    var file = SAMPLES.resolve(sample).toString();

    var run = anslag("inspect", file, "--adjusted-on", "2024-02-19", "--posted-on", "2024-02-20");

    assertThat(run.exitCode()).as("exit status; stderr: %s", run.err()).isZero();
    var reading = run.json();
    assertThat(fieldNames(reading)).containsExactly("organ", "meetingDate", "paragraphRange", "storagePlace",
        "adjustedOn", "notice", "paragraphs", "warnings");
    assertThat(fieldNames(reading.get("paragraphRange"))).containsExactly("from", "to");
    assertThat(fieldNames(reading.get("notice"))).containsExactly("postedOn", "lastAppealDay", "takedownOn");
    assertThat(reading.get("paragraphs")).hasSize(6).allSatisfy(paragraph -> {
      assertThat(fieldNames(paragraph)).containsExactly("number", "caseNumber", "title", "decision", "recipients");
      assertThat(paragraph.get("recipients")).isNotEmpty().allSatisfy(recipient ->
          assertThat(fieldNames(recipient)).containsExactly("name", "qualifier", "raw"));
    });

    assertThat(reading.get("organ").asText()).isEqualTo("Gemensamma servicenämnden");
    assertThat(reading.get("meetingDate").asText()).isEqualTo("2024-02-14");
    assertThat(reading.get("paragraphRange").get("from").asInt()).isEqualTo(1);
    assertThat(reading.get("paragraphRange").get("to").asInt()).isEqualTo(6);
    assertThat(reading.get("storagePlace").asText()).contains("kanslienheten, stadshuset Ludvika");
    assertThat(reading.get("adjustedOn").asText()).isEqualTo("2024-02-19");
    assertThat(reading.get("notice").get("postedOn").asText()).isEqualTo("2024-02-20");
    assertThat(reading.get("notice").get("lastAppealDay").asText()).isEqualTo("2024-03-12");
    assertThat(reading.get("notice").get("takedownOn").asText()).isEqualTo("2024-03-13");
    assertThat(reading.get("warnings")).isEmpty();

    var first = reading.get("paragraphs").get(0);
    assertThat(first.get("number").asInt()).isEqualTo(1);
    assertThat(first.get("caseNumber").asText()).isEqualTo("2024/7");
    assertThat(first.get("title").asText()).isEqualTo("Begäran om överflyttning av investeringsmedel 2023-2024");
    assertThat(first.get("decision").asText()).startsWith("Gemensamma servicesnämnden föreslår kommunfullmäktige");
    assertThat(first.get("recipients")).extracting(r -> r.get("name").asText())
        .containsExactly("Kommunstyrelsen", "Samverkande kommuner", "Ekonomienheten", "Akten");
    var third = reading.get("paragraphs").get(2).get("recipients").get(0);
    assertThat(third.get("name").asText()).isEqualTo("Kommunstyrelsen");
    assertThat(third.get("qualifier").asText()).isEqualTo("för kännedom");
    assertThat(third.get("raw").asText()).contains("Kommunstyrelsen").contains("för kännedom");
  }

  @Test
  void inspectReportsALatePostingAsAWarningWithCodeAndMessage() throws IOException {
    var file = SAMPLES.resolve("gsn-2024-02-14.txt").toString();

    // Adjusted on Monday 19 February: the posting deadline is Wednesday the 21st.
    var run = anslag("inspect", file, "--adjusted-on", "2024-02-19", "--posted-on", "2024-02-26");

    assertThat(run.exitCode()).isZero();
    var warnings = run.json().get("warnings");
    assertThat(warnings).isNotEmpty().allSatisfy(warning -> {
      assertThat(fieldNames(warning)).containsExactly("code", "message");
      assertThat(warning.get("code").asText()).isNotBlank();
      assertThat(warning.get("message").asText()).isNotBlank();
    });
  }

  @Test
  void inspectOfAnEmptyFileFailsWithOneLineSayingItIsEmpty(@TempDir Path dir) throws IOException {
    var empty = Files.createFile(dir.resolve("tomt.txt"));

    var run = anslag("inspect", empty.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).singleElement().asString().contains("tomt.txt").contains("empty");
  }

  @Test
  void inspectOfAMissingFileFailsWithOneLineNamingTheFile(@TempDir Path dir) {
    var missing = dir.resolve("finns-inte.pdf");

    var run = anslag("inspect", missing.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).singleElement().asString().contains("finns-inte.pdf").contains("no such file");
  }

  @Test
  void inspectOfAFileThatIsNotMinutesFailsWithOneLineSayingWhatIsMissing(@TempDir Path dir) throws IOException {
    var shoppingList = Files.writeString(dir.resolve("inkop.txt"), "Mjölk\nÄgg\nSmör\nBröd\n", StandardCharsets.UTF_8);

    var run = anslag("inspect", shoppingList.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).singleElement().asString()
        .contains("inkop.txt").contains("does not look like minutes").contains("no organ");
  }

  @Test
  void inspectOfAPdfThatIsNotMinutesWritesOnlyTheProblemToStderrOfTheCommand(@TempDir Path dir) throws Exception {
    var pdf = dir.resolve("inkop.pdf");
    try (var document = new PDDocument()) {
      var page = new PDPage();
      document.addPage(page);
      try (var text = new PDPageContentStream(document, page)) {
        text.beginText();
        text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        text.setLeading(16);
        text.newLineAtOffset(72, 700);
        for (var line : List.of("Inkopslista for veckan", "Mjolk, agg, smor och ost", "Kaffe, te och knackebrod",
            "Tomater, gurka, lok och potatis", "Tvattmedel och diskmedel")) {
          text.showText(line);
          text.newLine();
        }
        text.endText();
      }
      document.save(pdf.toFile());
    }

    // A JVM of its own, as ./anslag starts one: libraries that write to stderr on first use show up here.
    var process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), AnslagCli.class.getName(), "inspect", pdf.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    var stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exitCode = process.waitFor();

    assertThat(exitCode).isEqualTo(2);
    assertThat(stderr.lines().toList()).singleElement().asString()
        .startsWith("anslag: ").contains("inkop.pdf").contains("does not look like minutes");
  }

  @Test
  void datesMovesTheLastAppealDayPastChristmasAndTakesTheNoticeDownTheDayAfter() throws IOException {
    var run = anslag("dates", "--posted-on", "2019-12-03");

    assertThat(run.exitCode()).isZero();
    var dates = run.json();
    assertThat(dates.get("postedOn").asText()).isEqualTo("2019-12-03");
    assertThat(dates.get("lastAppealDay").asText()).isEqualTo("2019-12-27");
    assertThat(dates.get("takedownOn").asText()).isEqualTo("2019-12-28");
  }

  @Test
  void datesWithTheSameDayPolicyTakesTheNoticeDownOnTheLastAppealDay() throws IOException {
    var run = anslag("dates", "--posted-on", "2019-12-03", "--policy", "same-day");

    assertThat(run.exitCode()).isZero();
    var dates = run.json();
    assertThat(dates.get("lastAppealDay").asText()).isEqualTo("2019-12-27");
    assertThat(dates.get("takedownOn").asText()).isEqualTo(dates.get("lastAppealDay").asText());
  }

  @Test
  void datesRefusesADateNotWrittenYearMonthDay() {
    var run = anslag("dates", "--posted-on", "3/12/2019");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines().getFirst()).contains("--posted-on").contains("3/12/2019").contains("YYYY-MM-DD");
  }

  @Test
  void datesRefusesAnUnknownPolicyNamingTheChoices() {
    var run = anslag("dates", "--posted-on", "2019-12-03", "--policy", "sometimes");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).singleElement().asString()
        .contains("sometimes").contains("next-day").contains("same-day");
  }
}
