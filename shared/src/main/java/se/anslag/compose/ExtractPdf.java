package se.anslag.compose;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;

/**
 * A small PDF writer for a protocol extract: A4 pages, text only, in the standard Helvetica
 * fonts with WinAnsiEncoding (every PDF reader has them, so nothing is embedded). A PDF library
 * would add 2.5 MB to the mailer's deployment jar for what is a few hundred lines here.
 *
 * <p>WinAnsi covers Swedish (å ä ö é), § and the usual punctuation; any other character is
 * printed as '?'. Lines are wrapped by the fonts' AFM widths and run onto new pages as needed.
 */
public final class ExtractPdf {

  /** One piece of the document, laid out top to bottom. */
  public sealed interface Block permits Title, Heading, Field, Text {}

  /** The document's title, large and bold. */
  public record Title(String text) implements Block {}

  /** A section heading, bold; kept on the same page as the line after it. */
  public record Heading(String text) implements Block {}

  /** "Label: value" on one (wrapped) line. */
  public record Field(String label, String value) implements Block {}

  /** Running text; a blank line starts a new paragraph, a single line break is kept. */
  public record Text(String text) implements Block {}

  static final float PAGE_WIDTH = 595.28f;
  static final float PAGE_HEIGHT = 841.89f;
  private static final float MARGIN = 56.7f; // 20 mm
  private static final float TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
  private static final float BODY_SIZE = 10.5f;
  private static final float FOOTER_SIZE = 8f;
  private static final Charset WIN_ANSI = Charset.forName("windows-1252");
  private static final byte UNKNOWN = '?';

  private enum Font {
    REGULAR("F1", "Helvetica", HELVETICA_WIDTHS), BOLD("F2", "Helvetica-Bold", HELVETICA_BOLD_WIDTHS);

    final String resource;
    final String baseFont;
    final int[] widths;

    Font(String resource, String baseFont, int[] widths) {
      this.resource = resource;
      this.baseFont = baseFont;
      this.widths = widths;
    }

    /** Width in points of WinAnsi bytes at the given size. */
    float width(byte[] text, float size) {
      int units = 0;
      for (byte b : text) {
        int code = b & 0xff;
        units += code < 32 ? 0 : widths[code - 32];
      }
      return units * size / 1000f;
    }
  }

  private record Line(Font font, float size, float spaceBefore, float leading, byte[] text, boolean keepWithNext) {}

  private ExtractPdf() {}

  /**
   * Lays out the blocks on as many A4 pages as they need.
   *
   * @param documentTitle the PDF's title (shown by readers) and the start of each page's footer
   */
  public static byte[] render(String documentTitle, List<Block> blocks) {
    var lines = new ArrayList<Line>();
    for (var block : blocks) {
      switch (block) {
        case Title title -> wrap(lines, Font.BOLD, 16f, 0f, 22f, title.text(), true);
        case Heading heading -> wrap(lines, Font.BOLD, 12f, 10f, 16f, heading.text(), true);
        case Field field -> wrap(lines, Font.REGULAR, BODY_SIZE, 0f, 14f, field.label() + ": " + field.value(), false);
        case Text text -> {
          float before = 0f;
          for (var paragraph : text.text().strip().split("\\n\\s*\\n")) {
            for (var line : paragraph.strip().split("\\n")) {
              wrap(lines, Font.REGULAR, BODY_SIZE, before, 14f, line.strip(), false);
              before = 0f;
            }
            before = 6f;
          }
        }
      }
    }
    return write(documentTitle, paginate(lines));
  }

  /**
   * WinAnsi is Latin-1 except in 0x80-0x9F, where it has typographic characters (€, ‘, ’, •, –, —,
   * ...). This table maps those characters back to their bytes; built once, not per character.
   */
  private static final java.util.Map<Character, Byte> WIN_ANSI_HIGH = winAnsiHigh();

  private static java.util.Map<Character, Byte> winAnsiHigh() {
    var table = new java.util.HashMap<Character, Byte>();
    for (int b = 0x80; b <= 0x9F; b++) {
      var decoded = new String(new byte[] {(byte) b}, WIN_ANSI);
      if (decoded.length() == 1 && decoded.charAt(0) != '\uFFFD') {
        table.put(decoded.charAt(0), (byte) b);
      }
    }
    return java.util.Map.copyOf(table);
  }

  /** Encodes text as WinAnsi bytes; characters outside WinAnsi become '?'. */
  static byte[] winAnsi(String text) {
    var out = new ByteArrayOutputStream(text.length());
    text.codePoints().forEach(codePoint -> {
      if (codePoint == '\t' || codePoint == 0xA0 || Character.isSpaceChar(codePoint) && codePoint != ' ') {
        out.write(' ');
      } else if (codePoint == 0xF0B7) {
        out.write(0x95); // the bullet of PDF-extracted lists (a private-use code point) as WinAnsi's bullet
      } else if (codePoint < 32 || codePoint == 0x7F || Character.isISOControl(codePoint)) {
        // Control characters have no glyph; leave them out.
      } else if (codePoint < 0x100) {
        out.write(codePoint);
      } else if (Character.isBmpCodePoint(codePoint) && WIN_ANSI_HIGH.containsKey((char) codePoint)) {
        out.write(WIN_ANSI_HIGH.get((char) codePoint));
      } else {
        out.write(UNKNOWN);
      }
    });
    return out.toByteArray();
  }

  private static void wrap(List<Line> lines, Font font, float size, float spaceBefore, float leading, String text,
      boolean keepWithNext) {
    var words = new String(winAnsi(text), StandardCharsets.ISO_8859_1).split(" +");
    var current = new StringBuilder();
    float before = spaceBefore;
    for (var word : words) {
      if (word.isEmpty()) {
        continue;
      }
      var candidate = current.isEmpty() ? word : current + " " + word;
      if (font.width(latin1(candidate), size) <= TEXT_WIDTH) {
        current.setLength(0);
        current.append(candidate);
        continue;
      }
      if (!current.isEmpty()) {
        lines.add(new Line(font, size, before, leading, latin1(current.toString()), keepWithNext));
        before = 0f;
        current.setLength(0);
      }
      // A word wider than the line (a long URL, a run of digits) is broken where it must be.
      var rest = word;
      while (font.width(latin1(rest), size) > TEXT_WIDTH) {
        int fit = 1;
        while (fit < rest.length() && font.width(latin1(rest.substring(0, fit + 1)), size) <= TEXT_WIDTH) {
          fit++;
        }
        lines.add(new Line(font, size, before, leading, latin1(rest.substring(0, fit)), keepWithNext));
        before = 0f;
        rest = rest.substring(fit);
      }
      current.append(rest);
    }
    lines.add(new Line(font, size, before, leading, latin1(current.toString()), keepWithNext));
  }

  /** The strings here hold WinAnsi bytes one per char, so Latin-1 gives the bytes back unchanged. */
  private static byte[] latin1(String bytesAsChars) {
    return bytesAsChars.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Pages of positioned lines: each entry is (line, baseline y). */
  private record Placed(Line line, float y) {}

  private static List<List<Placed>> paginate(List<Line> lines) {
    var pages = new ArrayList<List<Placed>>();
    var page = new ArrayList<Placed>();
    float top = PAGE_HEIGHT - MARGIN;
    float bottom = MARGIN + 20f; // room for the footer
    float y = top;
    for (int i = 0; i < lines.size(); i++) {
      var line = lines.get(i);
      float needed = (page.isEmpty() ? 0 : line.spaceBefore()) + line.leading();
      if (line.keepWithNext() && i + 1 < lines.size()) {
        needed += lines.get(i + 1).spaceBefore() + lines.get(i + 1).leading();
      }
      if (!page.isEmpty() && y - needed < bottom) {
        pages.add(page);
        page = new ArrayList<>();
        y = top;
      }
      y -= (page.isEmpty() ? 0 : line.spaceBefore()) + line.leading();
      page.add(new Placed(line, y));
    }
    pages.add(page);
    return pages;
  }

  private static byte[] write(String documentTitle, List<List<Placed>> pages) {
    var pdf = new PdfWriter();
    int pageCount = pages.size();
    // Objects: 1 catalog, 2 page tree, 3 and 4 fonts, 5 info, then a page and its content per page.
    int firstPage = 6;
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
    var kids = new StringBuilder();
    for (int i = 0; i < pageCount; i++) {
      kids.append(firstPage + 2 * i).append(" 0 R ");
    }
    pdf.object(2, "<< /Type /Pages /Kids [ " + kids + "] /Count " + pageCount + " >>");
    for (var font : Font.values()) {
      pdf.object(font == Font.REGULAR ? 3 : 4, "<< /Type /Font /Subtype /Type1 /BaseFont /" + font.baseFont
          + " /Encoding /WinAnsiEncoding >>");
    }
    pdf.object(5, "<< /Title " + utf16Hex(documentTitle) + " /Producer (Anslag) >>");
    for (int i = 0; i < pageCount; i++) {
      int pageObject = firstPage + 2 * i;
      pdf.object(pageObject, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + number(PAGE_WIDTH) + " "
          + number(PAGE_HEIGHT) + "] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents "
          + (pageObject + 1) + " 0 R >>");
      var content = new StringBuilder();
      for (var placed : pages.get(i)) {
        text(content, placed.line().font(), placed.line().size(), MARGIN, placed.y(), placed.line().text());
      }
      var footer = winAnsi(documentTitle + " \u2013 sida " + (i + 1) + " av " + pageCount);
      text(content, Font.REGULAR, FOOTER_SIZE, MARGIN, MARGIN, footer);
      pdf.stream(pageObject + 1, content.toString().getBytes(StandardCharsets.US_ASCII));
    }
    return pdf.finish(1, 5);
  }

  private static void text(StringBuilder content, Font font, float size, float x, float y, byte[] text) {
    content.append("BT /").append(font.resource).append(' ').append(number(size)).append(" Tf ")
        .append(number(x)).append(' ').append(number(y)).append(" Td <")
        .append(HexFormat.of().formatHex(text)).append("> Tj ET\n");
  }

  private static String number(float value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /** A PDF text string in UTF-16BE with its byte order mark, as the Info dictionary allows. */
  private static String utf16Hex(String text) {
    return "<FEFF" + HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_16BE)) + ">";
  }

  /** Writes numbered objects and remembers each one's byte offset for the cross-reference table. */
  private static final class PdfWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final java.util.TreeMap<Integer, Integer> offsets = new java.util.TreeMap<>();

    PdfWriter() {
      ascii("%PDF-1.4\n");
      // A comment with bytes above 127 tells transfer programs that the file is binary.
      out.write(new byte[] {'%', (byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n'}, 0, 6);
    }

    void object(int number, String body) {
      offsets.put(number, out.size());
      ascii(number + " 0 obj\n" + body + "\nendobj\n");
    }

    void stream(int number, byte[] data) {
      var deflater = new Deflater(Deflater.BEST_COMPRESSION);
      deflater.setInput(data);
      deflater.finish();
      var compressed = new ByteArrayOutputStream();
      var buffer = new byte[8192];
      while (!deflater.finished()) {
        compressed.write(buffer, 0, deflater.deflate(buffer));
      }
      deflater.end();
      offsets.put(number, out.size());
      ascii(number + " 0 obj\n<< /Length " + compressed.size() + " /Filter /FlateDecode >>\nstream\n");
      out.writeBytes(compressed.toByteArray());
      ascii("\nendstream\nendobj\n");
    }

    byte[] finish(int root, int info) {
      int size = offsets.lastKey() + 1;
      if (offsets.size() != size - 1) {
        throw new IllegalStateException("PDF objects are not numbered 1.." + (size - 1));
      }
      int xref = out.size();
      var table = new StringBuilder("xref\n0 " + size + "\n0000000000 65535 f\r\n");
      offsets.values().forEach(offset -> table.append("%010d 00000 n\r\n".formatted(offset)));
      ascii(table + "trailer\n<< /Size " + size + " /Root " + root + " 0 R /Info " + info + " 0 R >>\nstartxref\n"
          + xref + "\n%%EOF\n");
      return out.toByteArray();
    }

    private void ascii(String text) {
      out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
  }

  // Advance widths (1/1000 em) of WinAnsi codes 32-255, from the fonts' AFM files.
  private static final int[] HELVETICA_WIDTHS = {
      278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
      556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
      1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
      667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
      333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
      556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 350,
      556, 350, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,
      350, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 350, 500, 667,
      278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
      400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
      667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
      722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
      556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
      556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500};

  private static final int[] HELVETICA_BOLD_WIDTHS = {
      278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
      556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
      975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
      667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
      333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
      611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 350,
      556, 350, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,
      350, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 350, 500, 667,
      278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
      400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
      722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
      722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
      556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
      611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556};
}
