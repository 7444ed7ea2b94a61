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
      "organ", 96.7,
      "meetingDate", 96.7,
      "paragraphRange", 98.3,
      "adjustedOn", 100.0,
      "storagePlace", 87.0,
      "firstParagraph", 91.9,
      "paragraphNumbers", 90.3,
      "caseNumber", 79.6,
      "title", 59.6,
      "recipients", 87.0);
  /** Percent of the header facts that the texts print, read right, at least. */
  private static final double PRINTED_HEADER_FLOOR = 95.5;

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
    assertThat(figures.refused).as("real minutes refused").isZero();
    assertThat(figures.unnamedMissing).as("facts not read and not named in a warning").isEmpty();
  }
}
