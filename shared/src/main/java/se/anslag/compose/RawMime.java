package se.anslag.compose;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/**
 * Builds the raw MIME message SES sends: multipart/mixed holding a multipart/alternative (text and
 * HTML, UTF-8, base64) and the attachments (base64). Built by hand because SES's simple content
 * cannot carry attachments and a mail library would add to the mailer's deployment jar.
 *
 * <p>Header injection is closed twice: every value passes {@link MailHeaders} (addresses are
 * validated, texts lose their control characters), and non-ASCII or long texts are written as
 * RFC 2047 encoded-words, whose alphabet has no line break to inject.
 */
public final class RawMime {
  /** RFC 5322 recommends header lines of at most 78 characters. */
  private static final int LINE_LIMIT = 78;
  private static final String CRLF = "\r\n";
  private static final Base64.Encoder BODY_BASE64 = Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII));

  private RawMime() {}

  /**
   * @param from the sender address (the template's SenderAddress)
   * @param date the Date header
   * @param messageIdSeed makes the Message-ID unique; a random UUID when null
   */
  public static byte[] build(MailMessage mail, String from, ZonedDateTime date, UUID messageIdSeed) {
    return build(mail, from, date, messageIdSeed, null);
  }

  /**
   * @param sendOut the send-out and attempt the mail belongs to, written as {@link SendOutHeader#NAME}
   *     so that SES's events name it; null for a mail that belongs to none
   */
  public static byte[] build(MailMessage mail, String from, ZonedDateTime date, UUID messageIdSeed,
      SendOutHeader sendOut) {
    var fromAddress = address(from, "From");
    var toAddress = address(mail.to(), "To");
    var seed = messageIdSeed == null ? UUID.randomUUID() : messageIdSeed;
    var mixed = "=_mixed_" + seed.toString().replace("-", "");
    var alternative = "=_alt_" + seed.toString().replace("-", "");

    var out = new StringBuilder();
    header(out, "From", fromAddress);
    header(out, "To", toAddress);
    if (mail.replyTo() != null) {
      header(out, "Reply-To", address(mail.replyTo(), "Reply-To"));
    }
    out.append("Subject: ").append(encodedText(MailHeaders.text(mail.subject()), "Subject: ".length())).append(CRLF);
    header(out, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date));
    header(out, "Message-ID", "<" + seed + "@" + fromAddress.substring(fromAddress.indexOf('@') + 1) + ">");
    header(out, "MIME-Version", "1.0");
    if (sendOut != null) {
      header(out, SendOutHeader.NAME, sendOut.value());
    }
    mail.extraHeaders().forEach((name, value) -> {
      if (!name.matches("[A-Za-z0-9-]{1,76}") || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7F)
          || name.length() + 2 + value.length() > 998) {
        throw new IllegalArgumentException("Header " + MailHeaders.text(name) + " is not one printable ASCII line");
      }
      header(out, name, value);
    });
    out.append("Content-Type: multipart/mixed;").append(CRLF).append(" boundary=\"").append(mixed).append('"').append(CRLF);
    out.append(CRLF);
    out.append("This is a MIME message.").append(CRLF);

    out.append("--").append(mixed).append(CRLF);
    out.append("Content-Type: multipart/alternative;").append(CRLF).append(" boundary=\"").append(alternative)
        .append('"').append(CRLF).append(CRLF);
    textPart(out, alternative, "text/plain; charset=UTF-8", mail.text());
    textPart(out, alternative, "text/html; charset=UTF-8", mail.html());
    out.append("--").append(alternative).append("--").append(CRLF);

    for (var attachment : mail.attachments()) {
      var name = attachment.fileName(); // plain ASCII, checked by MailAttachment
      out.append("--").append(mixed).append(CRLF);
      out.append("Content-Type: ").append(attachment.contentType()).append("; name=\"").append(name).append('"').append(CRLF);
      out.append("Content-Disposition: attachment; filename=\"").append(name).append('"').append(CRLF);
      out.append("Content-Transfer-Encoding: base64").append(CRLF).append(CRLF);
      out.append(BODY_BASE64.encodeToString(attachment.content())).append(CRLF);
    }
    out.append("--").append(mixed).append("--").append(CRLF);
    var bytes = new ByteArrayOutputStream();
    bytes.writeBytes(out.toString().getBytes(StandardCharsets.US_ASCII));
    return bytes.toByteArray();
  }

  private static void textPart(StringBuilder out, String boundary, String contentType, String text) {
    out.append("--").append(boundary).append(CRLF);
    out.append("Content-Type: ").append(contentType).append(CRLF);
    out.append("Content-Transfer-Encoding: base64").append(CRLF).append(CRLF);
    var normalized = text.replace("\r\n", "\n").replace("\n", CRLF);
    out.append(BODY_BASE64.encodeToString(normalized.getBytes(StandardCharsets.UTF_8))).append(CRLF);
  }

  private static String address(String value, String header) {
    if (!MailHeaders.isValidAddress(value)) {
      throw new IllegalArgumentException("Not a valid " + header + " address: '" + MailHeaders.text(String.valueOf(value)) + "'");
    }
    return value;
  }

  private static void header(StringBuilder out, String name, String value) {
    if (MailHeaders.text(value).length() != value.length()) {
      throw new IllegalArgumentException("Header " + name + " would carry control characters");
    }
    out.append(name).append(": ").append(value).append(CRLF);
  }

  /**
   * A header text as it goes on the wire: as is when it is printable ASCII that fits the line,
   * else as UTF-8 "B" encoded-words of at most 75 characters, one per folded line, never
   * splitting a character.
   */
  static String encodedText(String text, int nameLength) {
    if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7F) && nameLength + text.length() <= LINE_LIMIT
        && !text.contains("=?")) {
      return text;
    }
    var words = new StringBuilder();
    var chunk = new StringBuilder();
    // 42 bytes make 56 base64 characters, a 68-character word: "Subject: " and one word stay
    // within 78 characters, and every word within RFC 2047's 75.
    int maxBytes = 42;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      var next = new String(Character.toChars(codePoint));
      if (utf8Length(chunk) + utf8Length(next) > maxBytes) {
        appendWord(words, chunk);
        chunk.setLength(0);
      }
      chunk.append(next);
      i += Character.charCount(codePoint);
    }
    if (!chunk.isEmpty() || words.isEmpty()) {
      appendWord(words, chunk);
    }
    return words.toString();
  }

  private static void appendWord(StringBuilder words, CharSequence chunk) {
    if (!words.isEmpty()) {
      words.append(CRLF).append(' ');
    }
    words.append("=?UTF-8?B?")
        .append(Base64.getEncoder().encodeToString(chunk.toString().getBytes(StandardCharsets.UTF_8))).append("?=");
  }

  private static int utf8Length(CharSequence text) {
    return text.toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
