package se.anslag.reader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Extracts the text layer of a PDF with Apache PDFBox; the only class of the reader that knows PDF.
 *
 * <p>A PDF of at most 20 MB can inflate to gigabytes: PDFBox decodes a stream in full when it is read,
 * and its {@code MemoryUsageSetting} (a stream cache) only chooses where the decoded bytes go, not how
 * many there may be. So before extracting, every stream the extraction would decode (each page's
 * content, the forms and fonts its resources name) is unpacked once through PDFBox's own filters into a
 * counter, and the file is refused once {@value #MAX_CONTENT_BYTES} bytes have come out in all; the
 * extraction then counts the characters drawn on each page and watches the clock.
 */
final class PdfText {

  /** Fewer letters than this on all pages together means the PDF is an image of text. */
  private static final int MIN_LETTERS = 40;
  /** Decoded content of all pages together: a text page's is kilobytes, a detailed drawing's a few megabytes. */
  static final long MAX_CONTENT_BYTES = 64L * 1024 * 1024;
  /** Characters drawn on one page, duplicates included: a dense text page has some 5,000. */
  static final int MAX_CHARACTERS_PER_PAGE = 100_000;
  /** Well inside the function's 30 s, so that a refusal is recorded rather than the invocation timing out. */
  static final Duration MAX_TIME = Duration.ofSeconds(15);
  /** How deep forms may nest in forms (and Type 3 fonts in them) before the rest is left uncounted. */
  private static final int MAX_NESTING = 32;

  /** The filters that unpack; image codecs are never met in what text extraction decodes. */
  private static final Set<COSName> UNPACKING = Set.of(COSName.FLATE_DECODE, COSName.FLATE_DECODE_ABBREVIATION,
      COSName.LZW_DECODE, COSName.LZW_DECODE_ABBREVIATION, COSName.ASCII_HEX_DECODE,
      COSName.ASCII_HEX_DECODE_ABBREVIATION, COSName.ASCII85_DECODE, COSName.ASCII85_DECODE_ABBREVIATION,
      COSName.RUN_LENGTH_DECODE, COSName.RUN_LENGTH_DECODE_ABBREVIATION, COSName.CRYPT);

  private PdfText() {}

  /** The text, pages separated by form feeds. */
  static String extract(byte[] pdf, int maxPages) throws UnreadableMinutesException {
    return extract(pdf, maxPages, MAX_TIME);
  }

  /** With another time limit, for tests. */
  static String extract(byte[] pdf, int maxPages, Duration maxTime) throws UnreadableMinutesException {
    var deadline = new Deadline(System.nanoTime() + maxTime.toNanos(), maxTime);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      int pages = document.getNumberOfPages();
      if (pages == 0) {
        throw new UnreadableMinutesException("The PDF has no pages.");
      }
      if (pages > maxPages) {
        throw new UnreadableMinutesException(
            "The PDF has " + pages + " pages; minutes of more than " + maxPages + " pages are not accepted.");
      }
      var content = new ContentCount(deadline);
      int number = 0;
      for (PDPage page : document.getPages()) {
        content.page(page, ++number);
      }
      var stripper = new BoundedStripper(deadline);
      stripper.setSortByPosition(true); // reading order by position, not by the order of drawing
      stripper.setLineSeparator("\n");
      stripper.setPageEnd("\n\f\n");
      String text = stripper.getText(document);
      if (text.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
        throw new UnreadableMinutesException("The PDF has no text layer (it looks like a scanned image): "
            + "export the minutes as PDF from the word processor, or run text recognition (OCR) on the scan first.");
      }
      return text;
    } catch (LimitExceeded breach) {
      throw new UnreadableMinutesException(breach.getMessage(), breach);
    } catch (InvalidPasswordException e) {
      throw new UnreadableMinutesException(
          "The PDF is encrypted with a password: upload a copy saved without password protection.", e);
    } catch (IOException e) {
      throw new UnreadableMinutesException(
          "The PDF is damaged or incomplete (perhaps cut off in transfer) and could not be read.", e);
    } catch (RuntimeException | StackOverflowError e) {
      // PDFBox signals some broken structures with runtime errors; the clerk only needs to know the file is bad
      throw new UnreadableMinutesException("The PDF is damaged and could not be read.", e);
    }
  }

  /**
   * A bound reached; unchecked, since PDFBox logs and skips some IOExceptions (a failing form, for one)
   * where this must stop the reading.
   */
  private static final class LimitExceeded extends RuntimeException {
    LimitExceeded(String message) {
      super(message, null, false, false);
    }
  }

  private record Deadline(long nanos, Duration limit) {
    void check(int page) {
      if (System.nanoTime() - nanos > 0) {
        throw new LimitExceeded("The PDF is not read: reading it took longer than " + limit.toSeconds()
            + " seconds, the limit, at page " + page + ".");
      }
    }
  }

  /**
   * Unpacks the streams that extracting a page's text decodes (its content, its forms' content, its
   * fonts' programs, encodings and ToUnicode maps, Type 3 glyph procedures) into a counter, each
   * stream once. A stream that fails to decode counts what came out of it, as PDFBox reads a damaged
   * stream as far as it goes.
   */
  private static final class ContentCount {
    private final Deadline deadline;
    private final Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final OutputStream counter = new OutputStream() {
      @Override
      public void write(int b) {
        count(1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        count(len);
      }
    };
    private long decoded;
    private int page;

    ContentCount(Deadline deadline) {
      this.deadline = deadline;
    }

    void page(PDPage pdPage, int number) {
      page = number;
      deadline.check(page);
      unpack(pdPage.getCOSObject().getDictionaryObject(COSName.CONTENTS));
      // inherited resources as PDFBox finds them
      resources(pdPage.getResources() == null ? null : pdPage.getResources().getCOSObject(), 0);
    }

    private void count(int bytes) {
      decoded += bytes;
      if (decoded > MAX_CONTENT_BYTES) {
        throw new LimitExceeded("The PDF is not read: its content unpacks to more than "
            + MAX_CONTENT_BYTES / (1024 * 1024) + " MB by page " + page + ", the limit for a whole file"
            + " (a decompression bomb, or pages drawn in extreme detail).");
      }
      deadline.check(page);
    }

    private void resources(COSDictionary resources, int depth) {
      if (resources == null || depth > MAX_NESTING || !seen.add(resources)) {
        return;
      }
      for (var font : values(resources.getCOSDictionary(COSName.FONT))) {
        if (font instanceof COSDictionary dictionary) {
          font(dictionary, depth);
        }
      }
      for (var xObject : values(resources.getCOSDictionary(COSName.XOBJECT))) {
        if (xObject instanceof COSStream form && COSName.FORM.equals(form.getCOSName(COSName.SUBTYPE))) {
          unpack(form);
          resources(form.getCOSDictionary(COSName.RESOURCES), depth + 1);
        }
      }
    }

    private void font(COSDictionary font, int depth) {
      if (depth > MAX_NESTING || !seen.add(font)) {
        return;
      }
      unpack(font.getDictionaryObject(COSName.TO_UNICODE));
      unpack(font.getDictionaryObject(COSName.ENCODING)); // a CMap stream in a Type 0 font
      var descriptor = font.getCOSDictionary(COSName.FONT_DESC);
      if (descriptor != null) {
        unpack(descriptor.getDictionaryObject(COSName.FONT_FILE));
        unpack(descriptor.getDictionaryObject(COSName.FONT_FILE2));
        unpack(descriptor.getDictionaryObject(COSName.FONT_FILE3));
      }
      if (font.getDictionaryObject(COSName.DESCENDANT_FONTS) instanceof COSArray descendants) {
        for (int i = 0; i < descendants.size(); i++) {
          if (descendants.getObject(i) instanceof COSDictionary descendant) {
            font(descendant, depth + 1);
          }
        }
      }
      values(font.getCOSDictionary(COSName.CHAR_PROCS)).forEach(this::unpack);
      resources(font.getCOSDictionary(COSName.RESOURCES), depth + 1);
    }

    private static List<COSBase> values(COSDictionary dictionary) {
      if (dictionary == null) {
        return List.of();
      }
      var values = new ArrayList<COSBase>();
      for (var key : dictionary.keySet()) {
        values.add(dictionary.getDictionaryObject(key));
      }
      return values;
    }

    /** A stream, or an array of them (a page's content in parts). */
    private void unpack(COSBase object) {
      if (object instanceof COSArray parts) {
        for (int i = 0; i < parts.size(); i++) {
          unpack(parts.getObject(i));
        }
      } else if (object instanceof COSStream stream && seen.add(stream)) {
        unpackStream(stream);
      }
    }

    /**
     * Through each filter in turn; the last writes into the counter, those before it into a buffer
     * whose bytes count too, so no stage holds more than the limit.
     */
    private void unpackStream(COSStream stream) {
      var filters = new ArrayList<COSName>();
      var named = stream.getFilters();
      if (named instanceof COSName one) {
        filters.add(one);
      } else if (named instanceof COSArray many) {
        for (int i = 0; i < many.size(); i++) {
          if (many.getObject(i) instanceof COSName name) {
            filters.add(name);
          }
        }
      }
      try (InputStream raw = stream.createRawInputStream()) {
        InputStream in = raw;
        if (filters.isEmpty()) {
          in.transferTo(counter);
          return;
        }
        for (int i = 0; i < filters.size(); i++) {
          if (!UNPACKING.contains(filters.get(i))) {
            return;
          }
          var filter = FilterFactory.INSTANCE.getFilter(filters.get(i));
          if (i == filters.size() - 1) {
            filter.decode(in, counter, stream, i);
          } else {
            var stage = new ByteArrayOutputStream() {
              @Override
              public void write(byte[] b, int off, int len) {
                count(len);
                super.write(b, off, len);
              }

              @Override
              public void write(int b) {
                count(1);
                super.write(b);
              }
            };
            filter.decode(in, stage, stream, i);
            in = new ByteArrayInputStream(stage.toByteArray());
          }
        }
      } catch (IOException damaged) {
        // what came out before the damage is counted; PDFBox's extraction skips the rest the same way
      }
    }
  }

  /** The text stripper with a count of the characters drawn on each page and an eye on the clock. */
  private static final class BoundedStripper extends PDFTextStripper {
    private final Deadline deadline;
    private int charactersOnPage;

    BoundedStripper(Deadline deadline) {
      this.deadline = deadline;
    }

    @Override
    protected void startPage(PDPage page) throws IOException {
      charactersOnPage = 0;
      super.startPage(page);
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
      deadline.check(getCurrentPageNo());
      super.processOperator(operator, operands);
    }

    @Override
    protected void processTextPosition(TextPosition text) {
      charactersOnPage += text.getUnicode() == null ? 1 : text.getUnicode().length();
      if (charactersOnPage > MAX_CHARACTERS_PER_PAGE) {
        throw new LimitExceeded("The PDF is not read: page " + getCurrentPageNo() + " draws more than "
            + String.format(Locale.ROOT, "%,d", MAX_CHARACTERS_PER_PAGE) + " characters, the limit for one page.");
      }
      super.processTextPosition(text);
    }
  }
}
