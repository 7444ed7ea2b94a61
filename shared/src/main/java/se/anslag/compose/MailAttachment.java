package se.anslag.compose;

/** A file sent with a mail; the file name must be plain ASCII (it goes into a MIME header). */
public record MailAttachment(String fileName, String contentType, byte[] content) {
  public MailAttachment {
    if (!fileName.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException("Attachment file names are plain ASCII: '" + MailHeaders.text(fileName) + "'");
    }
  }
}
