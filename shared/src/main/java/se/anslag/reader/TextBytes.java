package se.anslag.reader;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes the bytes of a text file: a byte-order mark decides, else UTF-8 when valid, else Windows-1252. */
final class TextBytes {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private TextBytes() {}

  static String decode(byte[] bytes) throws UnreadableMinutesException {
    String text;
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    } else if (startsWith(bytes, 0xFF, 0xFE)) {
      text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    } else if (startsWith(bytes, 0xFE, 0xFF)) {
      text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
    } else {
      rejectKnownBinary(bytes);
      text = strictUtf8(bytes);
      if (text == null) {
        text = new String(bytes, WINDOWS_1252);
      }
    }
    if (looksBinary(text)) {
      throw new UnreadableMinutesException("The file is neither a PDF nor a text file.");
    }
    return text;
  }

  private static void rejectKnownBinary(byte[] bytes) throws UnreadableMinutesException {
    if (startsWith(bytes, 0x50, 0x4B, 0x03, 0x04) || startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
      throw new UnreadableMinutesException(
          "The file is a Word document or another archive, not a PDF or text file: save the minutes as PDF and upload that.");
    }
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** NUL bytes or many control characters do not occur in text files. */
  private static boolean looksBinary(String text) {
    long control = text.chars()
        .filter(c -> c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') || c == 0xFFFD)
        .count();
    return text.indexOf('\0') >= 0 || control * 100 > text.length();
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
