package se.anslag.board;

import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;
import se.anslag.format.Markup;

/**
 * How the board's templates write what comes from the records: every value escaped by Anslag's one
 * rule ({@link Markup#escape}: the five markup characters and what XML does not allow), in element
 * text and attributes alike, as the mails are. jte's own escaping would leave quotes in text as they
 * are; this keeps the pages byte for byte what the hand-built ones were. A {@code javascript:} link
 * is still dropped, as jte drops it.
 */
final class MarkupOutput extends OwaspHtmlTemplateOutput {
  private final TemplateOutput output;
  private String tagName;
  private String attributeName;

  MarkupOutput(TemplateOutput output) {
    super(output);
    this.output = output;
  }

  @Override
  public void setContext(String tagName, String attributeName) {
    super.setContext(tagName, attributeName);
    this.tagName = tagName;
    this.attributeName = attributeName;
  }

  @Override
  public void writeUserContent(String value) {
    if (value == null) {
      return;
    }
    if ("a".equals(tagName) && "href".equals(attributeName)
        && value.strip().toLowerCase(java.util.Locale.ROOT).startsWith("javascript:")) {
      return;
    }
    output.writeContent(Markup.escape(value));
  }
}
