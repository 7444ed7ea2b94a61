package se.anslag.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import se.anslag.domain.Minutes;
import se.anslag.domain.Paragraph;
import se.anslag.domain.RecipientLine;
import se.anslag.domain.Warning;

/**
 * Measures the reader on the real minutes under {@code src/test/resources/corpus/real}: reads each
 * folder's {@code minutes.txt} and compares the reading fact by fact with the hand-written
 * {@code expected.json} beside it. Shared by {@link RealCorpusTest}, which holds the figures to a
 * floor, and {@link ReaderBenchmark}, which prints them beside the speed.
 *
 * <p>A fact the text does not print is {@code null} in {@code expected.json}: it is read right when
 * the reader returns nothing for it and says so in a warning, since the clerk must then supply it.
 * A refused text counts every one of its facts as wrong, so a refusal cannot hide in the figures.
 */
final class RealCorpus {

  /** The facts of the front page and notice block that the bar is about. */
  static final List<String> HEADER_FACTS = List.of("organ", "meetingDate", "paragraphRange", "adjustedOn",
      "firstParagraph");

  /** The warning that names each header fact when it is not read. */
  static final Map<String, String> NOT_FOUND_CODES = Map.of(
      "organ", "ORGAN_NOT_FOUND",
      "meetingDate", "MEETING_DATE_NOT_FOUND",
      "paragraphRange", "PARAGRAPH_RANGE_NOT_FOUND",
      "adjustedOn", "ADJUSTMENT_DATE_NOT_FOUND",
      "storagePlace", "STORAGE_PLACE_NOT_FOUND",
      "firstParagraph", "PARAGRAPHS_NOT_FOUND");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Right and total counts of one kind of fact. */
  static final class Tally {
    int right;
    int total;

    double percent() {
      return total == 0 ? 100.0 : 100.0 * right / total;
    }

    @Override
    public String toString() {
      return String.format("%d/%d (%.1f%%)", right, total, percent());
    }
  }

  /** The figures over the whole corpus and every fact read wrongly, for the test's failure message. */
  static final class Figures {
    final Map<String, Tally> facts = new LinkedHashMap<>();
    /** The header facts that the texts print (expected not null): the 95 % bar. */
    final Tally printedHeaderFacts = new Tally();
    int folders;
    int refused;
    /** Facts the reader returned nothing for without a warning naming them. */
    final List<String> unnamedMissing = new ArrayList<>();
    final List<String> wrong = new ArrayList<>();

    Figures() {
      for (String fact : List.of("organ", "meetingDate", "paragraphRange", "adjustedOn", "storagePlace",
          "firstParagraph", "paragraphNumbers", "caseNumber", "title", "recipients")) {
        facts.put(fact, new Tally());
      }
    }

    Tally fact(String name) {
      return facts.get(name);
    }

    /** One line per fact, then the header figure and the refusals. */
    List<String> lines() {
      List<String> lines = new ArrayList<>();
      facts.forEach((fact, tally) -> lines.add(String.format("  %-18s %s", fact, tally)));
      lines.add(String.format("  %-18s %s", "printed header", printedHeaderFacts));
      lines.add(String.format("  %-18s %d of %d", "refused", refused, folders));
      lines.add(String.format("  %-18s %d", "missing, unnamed", unnamedMissing.size()));
      return lines;
    }
  }

  private RealCorpus() {}

  static Path root() {
    try {
      return Path.of(Objects.requireNonNull(RealCorpus.class.getResource("/corpus/real")).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> folders() {
    try (Stream<Path> entries = Files.list(root())) {
      return entries.filter(p -> Files.isRegularFile(p.resolve("minutes.txt"))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Figures measure(MinutesReader reader) {
    return measure(reader, folders());
  }

  /** The figures over these folders only: a batch measured as it lands, before the reader learns from it. */
  static Figures measure(MinutesReader reader, List<Path> folders) {
    Figures figures = new Figures();
    for (Path folder : folders) {
      try {
        measure(reader, folder, figures);
      } catch (IOException e) {
        throw new UncheckedIOException(folder.toString(), e);
      }
    }
    return figures;
  }

  private static void measure(MinutesReader reader, Path folder, Figures figures) throws IOException {
    String name = folder.getFileName().toString();
    JsonNode expected = JSON.readTree(folder.resolve("expected.json").toFile());
    figures.folders++;
    Minutes minutes;
    boolean refused = false;
    try {
      minutes = reader.read(Files.readAllBytes(folder.resolve("minutes.txt")));
    } catch (UnreadableMinutesException e) {
      figures.refused++;
      figures.wrong.add(name + ": refused: " + e.getMessage());
      refused = true;
      minutes = new Minutes(null, null, null, null, null, null, List.of(), List.of());
    }
    Reading reading = new Reading(name, minutes, refused, figures);

    reading.header("organ", text(expected, "organ"), minutes.organ());
    reading.header("meetingDate", text(expected, "meetingDate"), string(minutes.meetingDate()));
    JsonNode range = expected.get("paragraphRange");
    reading.header("paragraphRange",
        range == null || range.isNull() ? null : range.get("from").asInt() + "-" + range.get("to").asInt(),
        minutes.paragraphRange() == null ? null
            : minutes.paragraphRange().from() + "-" + minutes.paragraphRange().to());
    reading.header("adjustedOn", text(expected, "adjustedOn"), string(minutes.adjustedOn()));
    reading.header("storagePlace", text(expected, "storagePlace"), minutes.storagePlace());

    List<Integer> expectedNumbers = new ArrayList<>();
    expected.path("paragraphs").forEach(p -> expectedNumbers.add(p.get("number").asInt()));
    List<Integer> readNumbers = minutes.paragraphs().stream().map(Paragraph::number).toList();
    reading.header("firstParagraph", expectedNumbers.isEmpty() ? null : String.valueOf(expectedNumbers.getFirst()),
        readNumbers.isEmpty() ? null : String.valueOf(readNumbers.getFirst()));
    reading.fact("paragraphNumbers", "", expectedNumbers.toString(), readNumbers.toString());

    for (JsonNode want : expected.path("paragraphs")) {
      int number = want.get("number").asInt();
      Paragraph got = minutes.paragraphs().stream().filter(p -> p.number() == number).findFirst().orElse(null);
      String at = "§ " + number + " ";
      reading.fact("caseNumber", at, text(want, "caseNumber"), got == null ? "<no paragraph>" : got.caseNumber());
      // A null title means the flattening leaves no way to tell where it ends: nothing to measure
      if (!want.path("title").isNull()) {
        reading.fact("title", at, text(want, "title"), got == null ? "<no paragraph>" : got.title());
      }
      reading.recipients(at, number, want.get("recipients"), got);
    }
  }

  /** The comparison of one folder's reading, counted into the corpus's figures. */
  private record Reading(String name, Minutes minutes, boolean refused, Figures figures) {

    void header(String fact, String expected, String actual) {
      boolean named = hasWarning(NOT_FOUND_CODES.get(fact), null);
      if (actual == null && !refused && !named) {
        figures.unnamedMissing.add(name + ": " + fact);
      }
      // Not printed: right only when nothing is read and a warning names it for the clerk
      boolean right = expected == null ? actual == null && named : expected.equals(actual);
      count(fact, "", right, expected, actual);
      if (expected != null && HEADER_FACTS.contains(fact)) {
        figures.printedHeaderFacts.total++;
        figures.printedHeaderFacts.right += right && !refused ? 1 : 0;
      }
    }

    void fact(String fact, String where, String expected, String actual) {
      count(fact, where, Objects.equals(expected, actual), expected, actual);
    }

    /**
     * Recipients printed are compared by name in order; a paragraph whose text stops before its end
     * (null) is right when none are read and the clerk is told (NO_RECIPIENTS).
     */
    void recipients(String at, int number, JsonNode want, Paragraph got) {
      List<String> read = got == null ? List.of("<no paragraph>")
          : got.recipients().stream().map(RecipientLine::name).toList();
      if (want == null || want.isNull()) {
        boolean right = read.isEmpty() && hasWarning("NO_RECIPIENTS", "§ " + number + " ");
        count("recipients", at, right, "none, with NO_RECIPIENTS", read.toString());
        return;
      }
      List<String> expected = new ArrayList<>();
      want.forEach(r -> expected.add(r.asText()));
      fact("recipients", at, expected.toString(), read.toString());
    }

    private boolean hasWarning(String code, String messageStart) {
      return minutes.warnings().stream()
          .anyMatch(w -> w.code().equals(code) && (messageStart == null || w.message().startsWith(messageStart)));
    }

    private void count(String fact, String where, boolean readRight, String expected, String actual) {
      boolean right = readRight && !refused;
      Tally tally = figures.fact(fact);
      tally.total++;
      tally.right += right ? 1 : 0;
      if (!right && !refused) {
        figures.wrong.add(name + ": " + where + fact + ": expected " + quote(expected) + " but read " + quote(actual));
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s.replace("\n", "\\n") + "\"";
  }
}
