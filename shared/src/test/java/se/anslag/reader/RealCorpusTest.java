package se.anslag.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Holds the reader to the accuracy it has reached on the real corpus ({@link RealCorpus}), fact by
 * fact, so that it cannot fall back. Raise the floors when the reader gets better; never lower them
 * to let a change through.
 */
class RealCorpusTest {

  /** Percent of each fact read right, at least. */
  private static final Map<String, Double> FLOORS = Map.of(
      "organ", 0.0,
      "meetingDate", 0.0,
      "paragraphRange", 0.0,
      "adjustedOn", 0.0,
      "storagePlace", 0.0,
      "firstParagraph", 0.0,
      "paragraphNumbers", 0.0,
      "caseNumber", 0.0,
      "title", 0.0,
      "recipients", 0.0);
  /** Percent of the header facts that the texts print, read right, at least. */
  private static final double PRINTED_HEADER_FLOOR = 0.0;

  @Test
  void readsTheRealMinutesAtLeastAsWellAsBefore() {
    RealCorpus.Figures figures = RealCorpus.measure(new MinutesReader());
    System.out.println("Real corpus, " + figures.folders + " sets of minutes:");
    figures.lines().forEach(System.out::println);
    figures.wrong.forEach(line -> System.out.println("  wrong: " + line));

    assertThat(figures.folders).as("real corpus folders").isPositive();
    FLOORS.forEach((fact, floor) ->
        assertThat(figures.fact(fact).percent()).as("%s read right, percent", fact).isGreaterThanOrEqualTo(floor));
    assertThat(figures.printedHeaderFacts.percent()).as("printed header facts read right, percent")
        .isGreaterThanOrEqualTo(PRINTED_HEADER_FLOOR);
  }
}
