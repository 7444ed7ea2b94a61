package se.anslag.domain;

/** The paragraphs the minutes say they hold, as printed in the notice block ("§ 1-6"). */
public record ParagraphRange(int from, int to) {
  public ParagraphRange {
    if (from > to) {
      throw new IllegalArgumentException("paragraph range runs backwards: " + from + "-" + to);
    }
  }
}
