package se.anslag.reader;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/**
 * PDFs written byte by byte, made in the test rather than committed: a decompression bomb and a file
 * past the size limit, each around one readable page of minutes, so that what refuses them is the
 * bound and not a missing text layer.
 */
public final class HostilePdfs {

  private HostilePdfs() {}

  /** The lines of a short set of minutes that the reader reads in full. */
  public static final List<String> MINUTES = List.of(
      "ANSLAG/BEVIS",
      "Organ Gemensamma servicenämnden",
      "Sammanträdesdatum 2024-02-14 Paragrafer § 1",
      "§ 1 Dnr 2024/7",
      "Bokslut 2023",
      "Beslut",
      "Nämnden godkänner bokslutet.",
      "Beslut skickas till",
      "Akten");

  /**
   * One page of minutes, then a page whose content stream is Flate-compressed zeros that inflate to
   * {@code inflatedBytes} (zeros are white space to a PDF parser, so the page is valid and blank).
   * About a thousandth of that is in the file: 300 MB inflate from some 300 KB.
   */
  public static byte[] decompressionBomb(long inflatedBytes) {
    return pdf(List.of(textContent(MINUTES), deflated(new byte[1], inflatedBytes)), true);
  }

  /**
   * One page of minutes, then a page whose Flate-compressed content draws the same line of text over
   * and over until it inflates to {@code inflatedBytes}: where zeros only cost time, this costs memory,
   * since the text stripper keeps every glyph of a page until the page ends.
   */
  public static byte[] textBomb(long inflatedBytes) {
    var line = "BT /F1 11 Tf 50 400 Td (" + "Beslut ".repeat(9) + ") Tj ET\n";
    return pdf(List.of(textContent(MINUTES), deflated(line.getBytes(StandardCharsets.ISO_8859_1), inflatedBytes)), true);
  }

  /** One page of minutes, then a page of small content that draws {@code characters} characters. */
  public static byte[] denseText(int characters) {
    var content = new StringBuilder("BT /F1 2 Tf 20 800 Td\n");
    var word = "a".repeat(100);
    for (int drawn = 0; drawn < characters; drawn += word.length()) {
      content.append('(').append(word).append(") Tj\n");
    }
    content.append("ET\n");
    return pdf(List.of(textContent(MINUTES), content.toString().getBytes(StandardCharsets.ISO_8859_1)), false);
  }

  /**
   * {@code pattern} repeated to {@code totalBytes}, as a zlib stream. Compressing hundreds of megabytes
   * takes seconds, so one block is compressed with a full flush (which makes it stand alone) and its
   * bytes repeated; only the checksum runs over every byte.
   */
  private static byte[] deflated(byte[] pattern, long totalBytes) {
    var block = new byte[(1 << 20) / pattern.length * pattern.length];
    for (int i = 0; i < block.length; i++) {
      block[i] = pattern[i % pattern.length];
    }
    var out = new ByteArrayOutputStream();
    out.write(0x78);
    out.write(0xDA);
    var checksum = new Adler32();
    var whole = compressed(block, block.length);
    long written = 0;
    for (; written + block.length <= totalBytes; written += block.length) {
      out.writeBytes(whole);
      checksum.update(block);
    }
    int rest = (int) (totalBytes - written);
    out.writeBytes(compressed(block, rest));
    checksum.update(block, 0, rest);
    out.writeBytes(new byte[] {0x03, 0x00}); // the final block, empty
    long adler = checksum.getValue();
    out.writeBytes(new byte[] {(byte) (adler >>> 24), (byte) (adler >>> 16), (byte) (adler >>> 8), (byte) adler});
    return out.toByteArray();
  }

  /** The first {@code length} bytes as raw deflate blocks ending on a full flush. */
  private static byte[] compressed(byte[] bytes, int length) {
    var deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(bytes, 0, length);
      var out = new ByteArrayOutputStream();
      var buffer = new byte[1 << 16];
      int n;
      do {
        n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
        out.write(buffer, 0, n);
      } while (n == buffer.length || !deflater.needsInput());
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /**
   * One page of minutes and an unused stream of random bytes (which no compression shrinks), for a
   * file of exactly {@code totalBytes}.
   */
  public static byte[] ofSize(long totalBytes) {
    var withoutFiller = pdf(List.of(textContent(MINUTES)), false, new byte[0]);
    // The filler's /Length takes more digits than "0": measure once, then take those off
    var guess = pdf(List.of(textContent(MINUTES)), false, new byte[(int) (totalBytes - withoutFiller.length)]);
    var filler = new byte[(int) (totalBytes - withoutFiller.length - (guess.length - totalBytes))];
    new Random(11).nextBytes(filler);
    var whole = pdf(List.of(textContent(MINUTES)), false, filler);
    if (whole.length != totalBytes) {
      throw new IllegalStateException("wrote " + whole.length + " bytes, not " + totalBytes);
    }
    return whole;
  }

  private static byte[] textContent(List<String> lines) {
    var content = new StringBuilder("BT /F1 11 Tf 14 TL 50 740 Td\n");
    for (var line : lines) {
      content.append('(').append(line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")).append(") '\n");
    }
    return content.append("ET\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] pdf(List<byte[]> pages, boolean lastPageDeflated) {
    return pdf(pages, lastPageDeflated, null);
  }

  /**
   * A PDF of one page per content stream (the last one Flate-encoded when asked), Helvetica in
   * WinAnsi for the Swedish letters, and an unreferenced stream {@code filler} when not null.
   */
  private static byte[] pdf(List<byte[]> pages, boolean lastPageDeflated, byte[] filler) {
    var out = new ByteArrayOutputStream();
    var offsets = new ArrayList<Integer>();
    int pageCount = pages.size();
    int firstPage = 4;
    var kids = new StringBuilder();
    for (int i = 0; i < pageCount; i++) {
      kids.append(firstPage + 2 * i).append(" 0 R ");
    }
    write(out, "%PDF-1.7\n%\u00e5\u00e4\u00f6\n");
    object(out, offsets, "<< /Type /Catalog /Pages 2 0 R >>");
    object(out, offsets, "<< /Type /Pages /Kids [" + kids + "] /Count " + pageCount + " >>");
    object(out, offsets, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    for (int i = 0; i < pageCount; i++) {
      int contents = firstPage + 2 * i + 1;
      object(out, offsets, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
          + " /Contents " + contents + " 0 R >>");
      var deflated = lastPageDeflated && i == pageCount - 1;
      stream(out, offsets, deflated ? "/Filter /FlateDecode" : "", pages.get(i));
    }
    if (filler != null) {
      stream(out, offsets, "", filler);
    }
    int xref = out.size();
    write(out, "xref\n0 " + (offsets.size() + 1) + "\n0000000000 65535 f \n");
    for (var offset : offsets) {
      write(out, String.format("%010d 00000 n \n", offset));
    }
    write(out, "trailer\n<< /Size " + (offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
    return out.toByteArray();
  }

  private static void object(ByteArrayOutputStream out, List<Integer> offsets, String dictionary) {
    offsets.add(out.size());
    write(out, offsets.size() + " 0 obj\n" + dictionary + "\nendobj\n");
  }

  private static void stream(ByteArrayOutputStream out, List<Integer> offsets, String filter, byte[] data) {
    offsets.add(out.size());
    write(out, offsets.size() + " 0 obj\n<< /Length " + data.length + " " + filter + " >>\nstream\n");
    out.writeBytes(data);
    write(out, "\nendstream\nendobj\n");
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
