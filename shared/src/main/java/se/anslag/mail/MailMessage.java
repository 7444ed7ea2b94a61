package se.anslag.mail;

/** A composed decision mail; every header value has passed {@link MailHeaders}. */
public record MailMessage(String to, String replyTo, String subject, String text, String html) {}
