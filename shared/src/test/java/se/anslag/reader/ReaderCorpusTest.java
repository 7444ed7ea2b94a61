package se.anslag.reader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.anslag.domain.Minutes;
import se.anslag.domain.Paragraph;
import se.anslag.domain.Warning;

/**
 * Reads every set of minutes under {@code src/test/resources/corpus/invented} and compares the reading field by
 * field with the {@code expected.json} beside it. Each folder holds one of:
 *
 * <ul>
 *   <li>{@code minutes.txt}: a text file, read as bytes (so its encoding is part of the case);
 *   <li>{@code layout.txt}: a page layout that {@link CorpusPdf} prints to a PDF here, with running
 *       headers and footers;
 *   <li>{@code source.txt}: the class-path name of a file kept elsewhere (the published sample).
 * </ul>
 *
 * <p>After all cases it prints the accuracy per kind of field; a case fails when any of its fields is
 * wrong, and its failure lists them all.
 */
class ReaderCorpusTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Field kind to {correct, total}, over all cases. */
  private static final Map<String, int[]> TALLY = new TreeMap<>();

  /** What CorpusPdf prints on every page; none of it may be left in a paragraph's text. */
  private static final Pattern RUNNING_LINE = Pattern.compile("Justerandes sign|Utdragsbestyrkande|Sida \\d+ av \\d+");
  private static final String UNREAD = "<not read>";

  private final MinutesReader reader = new MinutesReader();

  static Stream<String> corpus() throws IOException, URISyntaxException {
    try (Stream<Path> folders = Files.list(corpusRoot())) {
      List<String> names = folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).as("corpus folders").hasSizeGreaterThanOrEqualTo(12);
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void readsTheMinutesAsExpected(String name) throws Exception {
    Path folder = corpusRoot().resolve(name);
    JsonNode expected = JSON.readTree(folder.resolve("expected.json").toFile());

    List<String> wrong = new ArrayList<>();
    Comparison compare = new Comparison(wrong);
    Minutes minutes;
    try {
      minutes = reader.read(content(folder));
      compare.field("read", null, null);
    } catch (UnreadableMinutesException e) {
      // Count every expected field as wrong, so that the accuracy figures do not hide an unread file
      compare.field("read", null, e.getMessage());
      minutes = new Minutes(UNREAD, null, null, UNREAD, null, null, List.of(), List.of(new Warning(UNREAD, UNREAD)));
    }
    compare.field("organ", text(expected, "organ"), minutes.organ());
    compare.field("meetingDate", text(expected, "meetingDate"), string(minutes.meetingDate()));
    JsonNode range = expected.get("paragraphRange");
    compare.field("paragraphRange",
        range == null || range.isNull() ? null : range.get("from").asInt() + "-" + range.get("to").asInt(),
        minutes.paragraphRange() == null ? null : minutes.paragraphRange().from() + "-" + minutes.paragraphRange().to());
    compare.field("storagePlace", text(expected, "storagePlace"), minutes.storagePlace());
    compare.field("adjustedOn", text(expected, "adjustedOn"), string(minutes.adjustedOn()));
    JsonNode printed = expected.path("printedNotice");
    compare.field("printedNotice.postedOn", text(printed, "postedOn"), string(minutes.printedNotice().postedOn()));
    compare.field("printedNotice.lastAppealDay", text(printed, "lastAppealDay"),
        string(minutes.printedNotice().lastAppealDay()));
    compare.field("printedNotice.takedownOn", text(printed, "takedownOn"), string(minutes.printedNotice().takedownOn()));

    List<Integer> expectedNumbers = new ArrayList<>();
    expected.path("paragraphs").forEach(p -> expectedNumbers.add(p.get("number").asInt()));
    compare.field("paragraphNumbers", expectedNumbers.toString(),
        minutes.paragraphs().stream().map(Paragraph::number).toList().toString());
    for (JsonNode want : expected.path("paragraphs")) {
      int number = want.get("number").asInt();
      Paragraph got = minutes.paragraphs().stream().filter(p -> p.number() == number).findFirst().orElse(null);
      String at = "§ " + number + " ";
      compare.field("caseNumber", at, text(want, "caseNumber"), got == null ? "<no paragraph>" : got.caseNumber());
      compare.field("title", at, text(want, "title"), got == null ? "<no paragraph>" : got.title());
      String decisionStart = text(want, "decisionStartsWith");
      String decision = got == null ? "<no paragraph>" : got.decision();
      compare.check("decision", at, decisionStart == null ? decision == null : decision != null
          && decision.startsWith(decisionStart), "starts with " + quote(decisionStart), quote(decision));
      List<String> wantRecipients = new ArrayList<>();
      want.path("recipients").forEach(r -> wantRecipients.add(recipient(text(r, "name"), text(r, "qualifier"))));
      List<String> gotRecipients = got == null ? List.of("<no paragraph>")
          : got.recipients().stream().map(r -> recipient(r.name(), r.qualifier())).toList();
      compare.field("recipients", at, wantRecipients.toString(), gotRecipients.toString());
      String leftover = got == null ? "<no paragraph>" : RUNNING_LINE.matcher(got.text()).results()
          .map(r -> r.group()).findFirst().orElse(null);
      compare.field("textWithoutPageFurniture", at, null, leftover);
    }

    List<String> wantWarnings = new ArrayList<>();
    expected.path("warningCodes").forEach(w -> wantWarnings.add(w.asText()));
    compare.field("warningCodes", wantWarnings.stream().sorted().toList().toString(),
        minutes.warnings().stream().map(Warning::code).sorted().toList().toString());

    assertThat(wrong).as("fields read wrongly in %s (warnings: %s)", name, minutes.warnings()).isEmpty();
  }

  @AfterAll
  static void printAccuracy() {
    TALLY.forEach((field, counts) -> System.out.printf("field %s %d/%d (%.1f%%)%n",
        field, counts[0], counts[1], 100.0 * counts[0] / counts[1]));
  }

  /** Compares one field, counts it in the tally and remembers what went wrong. */
  private record Comparison(List<String> wrong) {

    void field(String kind, String expected, String actual) {
      field(kind, "", expected, actual);
    }

    void field(String kind, String where, String expected, String actual) {
      check(kind, where, Objects.equals(expected, actual), quote(expected), quote(actual));
    }

    void check(String kind, String where, boolean right, String expected, String actual) {
      synchronized (TALLY) {
        int[] counts = TALLY.computeIfAbsent(kind, k -> new int[2]);
        counts[0] += right ? 1 : 0;
        counts[1]++;
      }
      if (!right) {
        wrong.add(where + kind + ": expected " + expected + " but read " + actual);
      }
    }
  }

  private static byte[] content(Path folder) throws IOException {
    if (Files.exists(folder.resolve("minutes.txt"))) {
      return Files.readAllBytes(folder.resolve("minutes.txt"));
    }
    if (Files.exists(folder.resolve("layout.txt"))) {
      return CorpusPdf.fromLayout(Files.readString(folder.resolve("layout.txt"), StandardCharsets.UTF_8));
    }
    String resource = Files.readString(folder.resolve("source.txt"), StandardCharsets.UTF_8).strip();
    try (InputStream in = ReaderCorpusTest.class.getResourceAsStream(resource)) {
      return Objects.requireNonNull(in, resource).readAllBytes();
    }
  }

  static Path corpusRoot() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(ReaderCorpusTest.class.getResource("/corpus/invented")).toURI());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  private static String recipient(String name, String qualifier) {
    return qualifier == null ? name : name + " (" + qualifier + ")";
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s.replace("\n", "\\n") + "\"";
  }
}
