package se.anslag.desk;

import java.util.Locale;
import java.util.Optional;
import se.anslag.reader.MinutesReader;

/**
 * Which files the desk takes, checked in the page before anything is sent and again here before a
 * URL is presigned (the signed Content-Length then holds S3 to the size). The messages are the
 * clerk's, in Swedish, and name the file.
 */
public final class UploadRules {
  public static final long MAX_BYTES = MinutesReader.MAX_BYTES;

  private UploadRules() {}

  /** A file the desk takes: its content type and the key's extension. */
  public record Accepted(String contentType, String extension) {}

  /** Refused before upload; the message says why, in Swedish. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  public static Accepted check(String fileName, long size, String browserType) {
    var name = fileName == null ? "" : fileName.strip();
    if (name.isEmpty()) {
      throw new Refused("Filen saknar namn.");
    }
    var type = kind(name, browserType).orElseThrow(() -> new Refused(
        "”" + name + "” är varken en PDF-fil eller en textfil. Ladda upp det justerade protokollet som PDF eller text."));
    if (size <= 0) {
      throw new Refused("”" + name + "” är tom.");
    }
    if (size > MAX_BYTES) {
      throw new Refused("”" + name + "” är " + megabytes(size) + " MB. Filer större än " + megabytes(MAX_BYTES)
          + " MB tas inte emot.");
    }
    return type;
  }

  /** By the name's extension, which the browser's type (when it gives one) must not contradict. */
  private static Optional<Accepted> kind(String name, String browserType) {
    var lower = name.toLowerCase(Locale.ROOT);
    var type = browserType == null ? "" : browserType.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".pdf") && (type.isEmpty() || type.equals("application/pdf"))) {
      return Optional.of(new Accepted("application/pdf", "pdf"));
    }
    if (lower.endsWith(".txt") && (type.isEmpty() || type.startsWith("text/plain"))) {
      return Optional.of(new Accepted("text/plain", "txt"));
    }
    return Optional.empty();
  }

  /** Rounded up to a tenth, so that a file just over the limit never reads as the limit itself. */
  private static String megabytes(long bytes) {
    var tenths = Math.ceil(bytes * 10 / (1024.0 * 1024.0)) / 10;
    return String.format(Locale.forLanguageTag("sv-SE"), "%.1f", tenths).replace(",0", "");
  }
}
