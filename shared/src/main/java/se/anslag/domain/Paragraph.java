package se.anslag.domain;

import java.util.List;

/**
 * One item of business (§) with its decision.
 *
 * @param caseNumber the diarienummer as printed ("2024/7", "KS 2024/55"), or null
 * @param decision the decision text ("Beslut"), or null when the paragraph has none
 * @param text the whole text of the paragraph as read, headers and footers removed
 * @param recipients the lines under "Beslut skickas till", in printed order
 */
public record Paragraph(
    int number,
    String caseNumber,
    String title,
    String decision,
    String text,
    List<RecipientLine> recipients) {

  public Paragraph {
    recipients = List.copyOf(recipients);
  }
}
