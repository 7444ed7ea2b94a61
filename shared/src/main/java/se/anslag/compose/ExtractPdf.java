package se.anslag.compose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The protocol extract as a PDF, written with Apache PDFBox: A4 pages, text only, in DejaVu Sans and DejaVu
 * Sans Bold embedded as subsets (only the glyphs the extract uses), so that a name keeps every letter: the
 * Sami Č Đ Ŋ Š Ŧ Ž, and Latin, Greek, Cyrillic, Armenian and Georgian script. Text is NFC-normalised first, so
 * a letter typed as a base and a combining accent prints as the one precomposed glyph.
 *
 * <p>A character the font has no glyph for (Chinese, Japanese, Thai, Devanagari, ...) is printed as '?' and logged
 * as a warning by code point; the decision mail's text and HTML parts carry it unchanged. Letters are placed
 * left to right as stored, glyph for character, without shaping or ligatures (so text extraction gives back
 * exactly the letters): Arabic and Hebrew would print unjoined and reversed.
 *
 * <p>Lines are wrapped by the font's widths and run onto as many pages as needed, each with a footer.
 */
public final class ExtractPdf {
  private static final Logger LOG = Logger.getLogger(ExtractPdf.class.getName());

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
  private static final char UNPRINTABLE = '?';

  /**
   * DejaVu Sans 2.37 and DejaVu Sans Bold (Debian's fonts-dejavu-core), kept in shared/src/main/resources/fonts
   * with their licence, parsed once. A parsed font is not thread-safe and the mailer composes several extracts
   * at once, so extracts are rendered one at a time ({@link #render} holds this lock); parsing the fonts anew
   * for each extract costs more than the whole extract.
   */
  private static final Object FONTS_IN_USE = new Object();

  /** A font file as parsed, with its glyph lookup and advance widths in 1/1000 em, cached per code point. */
  private static final class FontFile {
    private static final FontFile REGULAR = load("/fonts/DejaVuSans.ttf");
    private static final FontFile BOLD = load("/fonts/DejaVuSans-Bold.ttf");

    final TrueTypeFont ttf;
    final CmapLookup glyphs;
    private final float unitsPerEm;
    private final java.util.Map<Integer, Float> widths = new java.util.HashMap<>();

    private FontFile(TrueTypeFont ttf) throws IOException {
      this.ttf = ttf;
      // Text is set as stored, glyph for letter: no ligatures or other substitutions, so that text extraction
      // gives back exactly the letters of the minutes.
      ttf.setEnableGsub(false);
      this.glyphs = ttf.getUnicodeCmapLookup();
      this.unitsPerEm = ttf.getUnitsPerEm();
    }

    boolean has(int codePoint) {
      return glyphs.getGlyphId(codePoint) != 0;
    }

    float width(int codePoint) throws IOException {
      var width = widths.get(codePoint);
      if (width == null) {
        width = ttf.getAdvanceWidth(glyphs.getGlyphId(codePoint)) * 1000f / unitsPerEm;
        widths.put(codePoint, width);
      }
      return width;
    }

    private static FontFile load(String name) {
      try (InputStream in = ExtractPdf.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("The font " + name + " is not on the class path");
        }
        return new FontFile(new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes())));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the font " + name, e);
      }
    }
  }

  /** One font of a document: the embedded subset and the file it comes from. */
  private record Font(PDType0Font pdf, FontFile file) {
    /** Width in points of printable text (see {@link #printable}). */
    float width(String text, float size) throws IOException {
      float units = 0;
      for (int i = 0; i < text.length(); ) {
        int codePoint = text.codePointAt(i);
        units += file.width(codePoint);
        i += Character.charCount(codePoint);
      }
      return units * size / 1000f;
    }
  }

  private record Line(Font font, float size, float spaceBefore, float leading, String text, boolean keepWithNext) {}

  private ExtractPdf() {}

  /**
   * Lays out the blocks on as many A4 pages as they need.
   *
   * @param documentTitle the PDF's title (shown by readers) and the start of each page's footer
   */
  public static byte[] render(String documentTitle, List<Block> blocks) {
    synchronized (FONTS_IN_USE) {
      return renderAlone(documentTitle, blocks);
    }
  }

  /**
   * Parses the fonts and renders one small extract, so that the first real one finds them parsed and PDFBox's
   * classes loaded: the mailer does this at init, before SnapStart takes its snapshot.
   */
  public static void prime() {
    render("", List.of(new Title("Protokollsutdrag"), new Field("Organ", "Čuoŋo"), new Text("Beslut.")));
  }

  private static byte[] renderAlone(String documentTitle, List<Block> blocks) {
    try (var document = new PDDocument()) {
      var regular = new Font(PDType0Font.load(document, FontFile.REGULAR.ttf, true), FontFile.REGULAR);
      var bold = new Font(PDType0Font.load(document, FontFile.BOLD.ttf, true), FontFile.BOLD);
      var unprintable = new TreeSet<Integer>();
      var lines = new ArrayList<Line>();
      for (var block : blocks) {
        switch (block) {
          case Title title -> wrap(lines, bold, 16f, 0f, 22f, title.text(), true, unprintable);
          case Heading heading -> wrap(lines, bold, 12f, 10f, 16f, heading.text(), true, unprintable);
          case Field field ->
              wrap(lines, regular, BODY_SIZE, 0f, 14f, field.label() + ": " + field.value(), false, unprintable);
          case Text text -> {
            float before = 0f;
            for (var paragraph : text.text().strip().split("\\n\\s*\\n")) {
              for (var line : paragraph.strip().split("\\n")) {
                wrap(lines, regular, BODY_SIZE, before, 14f, line.strip(), false, unprintable);
                before = 0f;
              }
              before = 6f;
            }
          }
        }
      }
      var pages = paginate(lines);
      for (int i = 0; i < pages.size(); i++) {
        var page = new PDPage(new PDRectangle(PAGE_WIDTH, PAGE_HEIGHT));
        document.addPage(page);
        try (var content = new PDPageContentStream(document, page)) {
          for (var placed : pages.get(i)) {
            text(content, placed.line().font(), placed.line().size(), placed.y(), placed.line().text());
          }
          var footer = printable(documentTitle + " \u2013 sida " + (i + 1) + " av " + pages.size(), regular, unprintable);
          text(content, regular, FOOTER_SIZE, MARGIN, footer);
        }
      }
      var info = document.getDocumentInformation();
      info.setTitle(documentTitle);
      info.setProducer("Anslag");
      if (!unprintable.isEmpty()) {
        LOG.warning(() -> "The extract prints " + unprintable.size() + " characters that its font lacks as '"
            + UNPRINTABLE + "': " + unprintable.stream().map(cp -> "U+%04X".formatted(cp)).collect(Collectors.joining(" ")));
      }
      var out = new ByteArrayOutputStream();
      document.save(out); // embeds the subsets
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the extract PDF", e);
    }
  }

  /**
   * The text as the font can print it: NFC; tabs and every kind of space a plain space; the private-use bullet
   * of PDF-extracted lists (U+F0B7) a bullet; control and format characters (invisible) left out; a character
   * without a glyph '?', noted in {@code unprintable}.
   */
  private static String printable(String text, Font font, TreeSet<Integer> unprintable) {
    var out = new StringBuilder(text.length());
    Normalizer.normalize(text, Normalizer.Form.NFC).codePoints().forEach(codePoint -> {
      int type = Character.getType(codePoint);
      if (codePoint == '\t' || Character.isSpaceChar(codePoint)) {
        out.append(' ');
      } else if (codePoint == 0xF0B7) {
        out.append('\u2022');
      } else if (type == Character.CONTROL || type == Character.FORMAT) {
        // no glyph and nothing to see
      } else if (!font.file().has(codePoint)) {
        unprintable.add(codePoint);
        out.append(UNPRINTABLE);
      } else {
        out.appendCodePoint(codePoint);
      }
    });
    return out.toString();
  }

  private static void wrap(List<Line> lines, Font font, float size, float spaceBefore, float leading, String text,
      boolean keepWithNext, TreeSet<Integer> unprintable) throws IOException {
    var words = printable(text, font, unprintable).split(" +");
    var current = new StringBuilder();
    float before = spaceBefore;
    for (var word : words) {
      if (word.isEmpty()) {
        continue;
      }
      var candidate = current.isEmpty() ? word : current + " " + word;
      if (font.width(candidate, size) <= TEXT_WIDTH) {
        current.setLength(0);
        current.append(candidate);
        continue;
      }
      if (!current.isEmpty()) {
        lines.add(new Line(font, size, before, leading, current.toString(), keepWithNext));
        before = 0f;
        current.setLength(0);
      }
      // A word wider than the line (a long URL, a run of digits) is broken where it must be, never inside a
      // surrogate pair.
      var rest = word;
      while (font.width(rest, size) > TEXT_WIDTH) {
        int fit = rest.offsetByCodePoints(0, 1);
        while (fit < rest.length()) {
          int next = rest.offsetByCodePoints(fit, 1);
          if (font.width(rest.substring(0, next), size) > TEXT_WIDTH) {
            break;
          }
          fit = next;
        }
        lines.add(new Line(font, size, before, leading, rest.substring(0, fit), keepWithNext));
        before = 0f;
        rest = rest.substring(fit);
      }
      current.append(rest);
    }
    lines.add(new Line(font, size, before, leading, current.toString(), keepWithNext));
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

  private static void text(PDPageContentStream content, Font font, float size, float y, String text)
      throws IOException {
    if (text.isEmpty()) {
      return;
    }
    content.beginText();
    content.setFont(font.pdf(), size);
    content.newLineAtOffset(MARGIN, y);
    content.showText(text);
    content.endText();
  }
}
