package se.anslag.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Raw MIME as SES receives it, parsed back: structure, encodings and safe header lines. */
class RawMimeTest {
  private static final ZonedDateTime DATE = ZonedDateTime.of(2024, 2, 20, 9, 0, 0, 0, ZoneId.of("Europe/Stockholm"));
  private static final UUID SEED = UUID.fromString("7f0c6a3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f");
  private static final List<String> EXPECTED_HEADERS =
      List.of("From", "To", "Reply-To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type");
  private static final byte[] PDF = "%PDF-1.4 pretend".getBytes(StandardCharsets.US_ASCII);

  private static MailMessage mail(String to, String replyTo, String subject) {
    return new MailMessage(to, replyTo, subject, "Beslut\nNämnden godkänner § 3.", "<p>Nämnden godkänner § 3.</p>",
        List.of(new MailAttachment("protokollsutdrag-2024-02-14-paragraf-3.pdf", "application/pdf", PDF)));
  }

  @Test
  void messageIsMixedWithTextAndHtmlAlternativesAndThePdfAttached() {
    var raw = ascii(RawMime.build(mail("ks@example.org", "clerk@example.org", "Protokollsutdrag § 3 Bokslut"),
        "anslag@example.org", DATE, SEED));

    var headers = headers(raw);
    assertThat(names(headers)).containsExactlyElementsOf(EXPECTED_HEADERS);
    assertThat(headers).contains("From: anslag@example.org", "To: ks@example.org", "Reply-To: clerk@example.org",
        "Date: Tue, 20 Feb 2024 09:00:00 +0100", "Message-ID: <" + SEED + "@example.org>", "MIME-Version: 1.0");
    assertThat(decodedSubject(headers)).isEqualTo("Protokollsutdrag § 3 Bokslut");
    assertThat(headers).anySatisfy(h -> assertThat(h).startsWith("Content-Type: multipart/mixed; boundary="));
    assertThat(raw).contains("Content-Type: multipart/alternative;");
    assertThat(decodedPart(raw, "text/plain; charset=UTF-8")).isEqualTo("Beslut\r\nNämnden godkänner § 3.");
    assertThat(decodedPart(raw, "text/html; charset=UTF-8")).isEqualTo("<p>Nämnden godkänner § 3.</p>");
    assertThat(raw).contains("Content-Type: application/pdf; name=\"protokollsutdrag-2024-02-14-paragraf-3.pdf\"",
        "Content-Disposition: attachment; filename=\"protokollsutdrag-2024-02-14-paragraf-3.pdf\"");
    assertThat(Base64.getMimeDecoder().decode(partBody(raw, "Content-Disposition: attachment;"))).isEqualTo(PDF);
    assertThat(raw.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Bokslut\r\nBcc: evil@example.org",
      "Bokslut\nX-Injected: yes",
      "Bokslut\rContent-Type: text/html",
      "Bokslut\u2028Bcc: evil@example.org\u0085Cc: evil@example.org",
      "Bokslut\r\n\r\nInjected body",
      "=?UTF-8?B?QmNjOiBldmlsQGV4YW1wbGUub3Jn?=",
      "財務報告 2023 与预算 — مجلس البلدية — Ελληνικά — 😀🎉",
      "Ä"})
  void hostileSubjectsNeverAddAHeaderLine(String subject) {
    for (var value : List.of(subject, subject.repeat(400))) {
      var raw = ascii(RawMime.build(mail("ks@example.org", "clerk@example.org", value), "anslag@example.org", DATE, SEED));

      var headers = headers(raw);
      assertThat(names(headers)).containsExactlyElementsOf(EXPECTED_HEADERS);
      assertThat(decodedSubject(headers)).isEqualTo(MailHeaders.text(value)).doesNotContain("\n", "\r");
      assertThat(raw.substring(0, raw.indexOf("\r\n\r\n")).split("\r\n"))
          .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ks@example.org\r\nBcc: evil@example.org", "ks@example.org\nBcc: evil@example.org",
      "Kommunstyrelsen <ks@example.org>", "ks@exämple.org", "", "a@b"})
  void addressesThatAreNotPlainAddressesAreRefusedInEveryAddressHeader(String hostile) {
    assertThatThrownBy(() -> RawMime.build(mail(hostile, null, "S"), "anslag@example.org", DATE, SEED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RawMime.build(mail("ks@example.org", hostile, "S"), "anslag@example.org", DATE, SEED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RawMime.build(mail("ks@example.org", null, "S"), hostile, DATE, SEED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutReplyToTheHeaderIsLeftOut() {
    var raw = ascii(RawMime.build(mail("ks@example.org", null, "S"), "anslag@example.org", DATE, SEED));

    assertThat(names(headers(raw))).doesNotContain("Reply-To").contains("From", "To", "Subject");
  }

  @Test
  void theSendOutHeaderNamesTheSendOutAndAttemptOnOneAsciiLineThatParsesBack() {
    var sendOut = new SendOutHeader("ab12cd", 3, "a/b+c@example.org", 2);

    var raw = ascii(RawMime.build(mail("a/b+c@example.org", null, "S"), "anslag@example.org", DATE, SEED, sendOut));

    var headers = headers(raw);
    assertThat(headers).contains("X-Anslag-Send-Out: ab12cd/3/a%2Fb%2Bc%40example.org/2");
    var value = headers.stream().filter(h -> h.startsWith("X-Anslag-Send-Out: ")).findFirst().orElseThrow()
        .substring("X-Anslag-Send-Out: ".length());
    assertThat(SendOutHeader.parse(value)).isEqualTo(sendOut);
  }

  @Test
  void aMailWithoutASendOutHasNoSendOutHeader() {
    var raw = ascii(RawMime.build(mail("ks@example.org", null, "S"), "anslag@example.org", DATE, SEED));

    assertThat(names(headers(raw))).doesNotContain("X-Anslag-Send-Out");
  }

  @Test
  void attachmentNamesOutsidePlainAsciiAreRefused() {
    assertThatThrownBy(() -> new MailAttachment("utdrag\r\nX: y.pdf", "application/pdf", PDF))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MailAttachment("utdrag-§3.pdf", "application/pdf", PDF))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- a small MIME reader, independent of the builder ---------------------------------------

  private static String ascii(byte[] raw) {
    for (byte b : raw) {
      assertThat(b & 0xff).as("raw MIME is 7-bit").isLessThan(128);
    }
    return new String(raw, StandardCharsets.US_ASCII);
  }

  /** The header section unfolded: one entry per header. */
  private static List<String> headers(String raw) {
    var section = raw.substring(0, raw.indexOf("\r\n\r\n"));
    var headers = new ArrayList<String>();
    for (var line : section.split("\r\n")) {
      if (line.startsWith(" ") || line.startsWith("\t")) {
        headers.set(headers.size() - 1, headers.getLast() + line);
      } else {
        headers.add(line);
      }
    }
    return headers;
  }

  private static List<String> names(List<String> headers) {
    return headers.stream().map(h -> h.substring(0, h.indexOf(':'))).toList();
  }

  private static String decodedSubject(List<String> headers) {
    var value = headers.stream().filter(h -> h.startsWith("Subject: ")).findFirst().orElseThrow().substring(9);
    var words = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=").matcher(value);
    if (!value.startsWith("=?UTF-8?B?")) {
      return value;
    }
    var bytes = new ByteArrayOutputStream();
    int end = 0;
    while (words.find()) {
      assertThat(value.substring(end, words.start()).isBlank()).as("only folding between encoded-words").isTrue();
      bytes.writeBytes(Base64.getDecoder().decode(words.group(1)));
      end = words.end();
    }
    assertThat(end).isEqualTo(value.length());
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String partBody(String raw, String partHeader) {
    int start = raw.indexOf("\r\n\r\n", raw.indexOf(partHeader)) + 4;
    return raw.substring(start, raw.indexOf("\r\n--", start));
  }

  private static String decodedPart(String raw, String contentType) {
    return new String(Base64.getMimeDecoder().decode(partBody(raw, "Content-Type: " + contentType)), StandardCharsets.UTF_8);
  }
}
