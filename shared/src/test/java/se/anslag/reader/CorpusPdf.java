package se.anslag.reader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lays a text layout out on A4 pages the way minutes are printed, so that the reader meets what PDF
 * extraction really gives: a running header with "Sida n av m" on every page, a footer "Justerandes
 * sign" / "Utdragsbestyrkande", and text (lists too) that runs on over page breaks.
 *
 * <p>Layout format: lines starting with {@code #header } are printed at the top of every page (the
 * organ and date, as word processors repeat them); a line {@code <<page>>} starts a new page; every
 * other line is printed as it stands, wrapped at word boundaries when wider than the text column.
 */
final class CorpusPdf {

  static final String PAGE_BREAK = "<<page>>";
  private static final String HEADER_DIRECTIVE = "#header ";

  private static final float MARGIN = 56;
  private static final float FONT_SIZE = 10;
  private static final float LEADING = 13;
  private static final float HEADER_SPACE = 3 * LEADING;
  private static final float FOOTER_SPACE = 3 * LEADING;

  private final PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

  private CorpusPdf() {}

  static byte[] fromLayout(String layout) {
    try {
      return new CorpusPdf().build(layout);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] build(String layout) throws IOException {
    List<String> header = new ArrayList<>();
    List<String> body = new ArrayList<>();
    for (String line : layout.replace("\r\n", "\n").split("\n", -1)) {
      if (line.startsWith(HEADER_DIRECTIVE)) {
        header.add(line.substring(HEADER_DIRECTIVE.length()));
      } else if (line.equals(PAGE_BREAK)) {
        body.add(PAGE_BREAK);
      } else {
        body.addAll(wrap(line));
      }
    }
    List<List<String>> pages = paginate(body, header.size());
    try (PDDocument document = new PDDocument()) {
      for (int p = 0; p < pages.size(); p++) {
        addPage(document, header, pages.get(p), p + 1, pages.size());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    }
  }

  private List<List<String>> paginate(List<String> body, int headerLines) {
    float usable = PDRectangle.A4.getHeight() - 2 * MARGIN - HEADER_SPACE - FOOTER_SPACE - headerLines * LEADING;
    int perPage = (int) (usable / LEADING);
    List<List<String>> pages = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : body) {
      if (line.equals(PAGE_BREAK) || current.size() == perPage) {
        pages.add(current);
        current = new ArrayList<>();
        if (line.equals(PAGE_BREAK)) {
          continue;
        }
      }
      current.add(line);
    }
    pages.add(current);
    return pages;
  }

  private void addPage(PDDocument document, List<String> header, List<String> lines, int page, int pages)
      throws IOException {
    PDPage pdPage = new PDPage(PDRectangle.A4);
    document.addPage(pdPage);
    float top = PDRectangle.A4.getHeight() - MARGIN;
    float right = PDRectangle.A4.getWidth() - MARGIN;
    try (PDPageContentStream content = new PDPageContentStream(document, pdPage)) {
      content.setFont(font, FONT_SIZE);
      String pageNumber = "Sida " + page + " av " + pages;
      text(content, right - width(pageNumber), top, pageNumber);
      float y = top;
      for (String line : header) {
        text(content, MARGIN, y, line);
        y -= LEADING;
      }
      y = top - HEADER_SPACE - Math.max(0, header.size() - 1) * LEADING;
      for (String line : lines) {
        if (!line.isEmpty()) {
          text(content, MARGIN, y, line);
        }
        y -= LEADING;
      }
      // The footer boxes sit side by side on one baseline, as in printed minutes
      text(content, MARGIN, MARGIN, "Justerandes sign");
      text(content, MARGIN + 250, MARGIN, "Utdragsbestyrkande");
    }
  }

  private static void text(PDPageContentStream content, float x, float y, String text) throws IOException {
    content.beginText();
    content.newLineAtOffset(x, y);
    content.showText(text);
    content.endText();
  }

  private float width(String text) throws IOException {
    return font.getStringWidth(text) / 1000 * FONT_SIZE;
  }

  /** Word processors wrap long lines; a word that does not fit starts the next line. */
  private List<String> wrap(String line) throws IOException {
    float max = PDRectangle.A4.getWidth() - 2 * MARGIN;
    if (width(line) <= max) {
      return List.of(line);
    }
    List<String> wrapped = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String word : line.split(" ")) {
      String candidate = current.isEmpty() ? word : current + " " + word;
      if (width(candidate) > max && !current.isEmpty()) {
        wrapped.add(current.toString());
        current = new StringBuilder(word);
      } else {
        current = new StringBuilder(candidate);
      }
    }
    wrapped.add(current.toString());
    return wrapped;
  }
}
