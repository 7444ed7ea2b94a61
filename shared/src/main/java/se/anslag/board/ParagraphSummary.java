package se.anslag.board;

import java.util.Objects;

/**
 * One paragraph (§) as listed on a notice.
 *
 * @param number the paragraph number
 * @param caseNumber the case number (Dnr), or null when the minutes give none
 * @param title the heading of the paragraph
 */
public record ParagraphSummary(int number, String caseNumber, String title) {

  public ParagraphSummary {
    Objects.requireNonNull(title, "title");
  }
}
