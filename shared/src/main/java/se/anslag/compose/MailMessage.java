package se.anslag.compose;

import java.util.List;

/**
 * A composed mail; every header value has passed {@link MailHeaders}.
 *
 * @param replyTo the clerk's address, or null
 */
public record MailMessage(String to, String replyTo, String subject, String text, String html,
    List<MailAttachment> attachments) {

  public MailMessage {
    attachments = List.copyOf(attachments);
  }

  public MailMessage(String to, String replyTo, String subject, String text, String html) {
    this(to, replyTo, subject, text, html, List.of());
  }
}
