package se.anslag.reader;

import java.nio.charset.StandardCharsets;
import se.anslag.domain.Minutes;

/**
 * Reads adjusted minutes (protokoll) into {@link Minutes}: organ, meeting date, the notice block's
 * fields and each paragraph (§) with its case number, title, decision and recipients.
 *
 * <p>Accepts files of at most {@value #MAX_BYTES} bytes (20 MiB) and PDFs of at most
 * {@value #MAX_PAGES} pages. The storage place is returned without the phrase that introduces it:
 * "Protokollet förvaras på kanslienheten, stadshuset Ludvika" gives "kanslienheten, stadshuset
 * Ludvika", so that it reads well after a label of our own. Everything that can go wrong is reported
 * as an {@link UnreadableMinutesException} whose message is one sentence for the clerk; oddities
 * that do not stop the reading are returned as warnings in the result.
 *
 * <p>Thread-safe and cheap to create.
 */
public final class MinutesReader {

  public static final long MAX_BYTES = 20 * 1024 * 1024;
  public static final int MAX_PAGES = 500;
  /** The warning code on a file rejected unread, larger than {@link #MAX_BYTES}. */
  public static final String FILE_TOO_LARGE = "FILE_TOO_LARGE";

  private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
  /** PDF readers accept the header within the first kilobyte; so do we. */
  private static final int PDF_MAGIC_WINDOW = 1024;

  public MinutesReader() {}

  /**
   * Reads PDF (by %PDF magic, through Apache PDFBox 3.0.8) or text (UTF-8, UTF-8 with BOM, UTF-16
   * with BOM, else Windows-1252 when not valid UTF-8).
   */
  public Minutes read(byte[] content) throws UnreadableMinutesException {
    if (content == null || content.length == 0) {
      throw new UnreadableMinutesException("The file is empty.");
    }
    if (content.length > MAX_BYTES) {
      throw new UnreadableMinutesException(tooLargeReason(content.length));
    }
    String text = isPdf(content) ? PdfText.extract(content, MAX_PAGES) : TextBytes.decode(content);
    return readText(text);
  }

  /** The sentence for the clerk on a file of {@code size} bytes, more than {@link #MAX_BYTES}. */
  public static String tooLargeReason(long size) {
    return "The file is " + megabytes(size) + " MB; files larger than " + megabytes(MAX_BYTES) + " MB are not accepted.";
  }

  /** The same for text already extracted. */
  public Minutes readText(String text) throws UnreadableMinutesException {
    if (text == null || text.isBlank()) {
      throw new UnreadableMinutesException("The file is empty.");
    }
    if (text.length() > MAX_BYTES) {
      throw new UnreadableMinutesException("The text is longer than " + megabytes(MAX_BYTES) + " MB.");
    }
    try {
      return new MinutesParser().parse(text);
    } catch (RuntimeException | StackOverflowError e) {
      // A reader fault must not look like a system failure to the caller; the cause keeps the detail
      throw new UnreadableMinutesException(
          "The minutes could not be read because of an error in the reader (" + e.getClass().getSimpleName() + ").", e);
    }
  }

  private static boolean isPdf(byte[] content) {
    int last = Math.min(content.length, PDF_MAGIC_WINDOW) - PDF_MAGIC.length;
    outer:
    for (int start = 0; start <= last; start++) {
      for (int i = 0; i < PDF_MAGIC.length; i++) {
        if (content[start + i] != PDF_MAGIC[i]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String megabytes(long bytes) {
    return String.valueOf((bytes + 1024 * 1024 - 1) / (1024 * 1024));
  }
}
