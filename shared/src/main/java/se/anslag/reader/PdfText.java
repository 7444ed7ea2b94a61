package se.anslag.reader;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** Extracts the text layer of a PDF with Apache PDFBox; the only class of the reader that knows PDF. */
final class PdfText {

  /** Fewer letters than this on all pages together means the PDF is an image of text. */
  private static final int MIN_LETTERS = 40;

  private PdfText() {}

  /** The text, pages separated by form feeds. */
  static String extract(byte[] pdf, int maxPages) throws UnreadableMinutesException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      int pages = document.getNumberOfPages();
      if (pages == 0) {
        throw new UnreadableMinutesException("The PDF has no pages.");
      }
      if (pages > maxPages) {
        throw new UnreadableMinutesException(
            "The PDF has " + pages + " pages; minutes of more than " + maxPages + " pages are not accepted.");
      }
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true); // reading order by position, not by the order of drawing
      stripper.setLineSeparator("\n");
      stripper.setPageEnd("\n\f\n");
      String text = stripper.getText(document);
      if (text.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
        throw new UnreadableMinutesException("The PDF has no text layer (it looks like a scanned image): "
            + "export the minutes as PDF from the word processor, or run text recognition (OCR) on the scan first.");
      }
      return text;
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
}
