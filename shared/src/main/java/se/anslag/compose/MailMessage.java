package se.anslag.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A composed mail; every header value has passed {@link MailHeaders}.
 *
 * @param replyTo the clerk's address, or null
 * @param extraHeaders further headers by name, in order (List-Unsubscribe on a subscriber mail):
 *     printable ASCII values on one line each
 */
public record MailMessage(String to, String replyTo, String subject, String text, String html,
    List<MailAttachment> attachments, Map<String, String> extraHeaders) {

  public MailMessage {
    attachments = List.copyOf(attachments);
    extraHeaders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraHeaders));
  }

  public MailMessage(String to, String replyTo, String subject, String text, String html,
      List<MailAttachment> attachments) {
    this(to, replyTo, subject, text, html, attachments, Map.of());
  }

  public MailMessage(String to, String replyTo, String subject, String text, String html) {
    this(to, replyTo, subject, text, html, List.of(), Map.of());
  }
}
