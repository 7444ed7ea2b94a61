package se.anslag.reader;

/** The file is not minutes this reader can read; the message is one sentence for the clerk. */
public final class UnreadableMinutesException extends Exception {
  public UnreadableMinutesException(String message) {
    super(message);
  }

  public UnreadableMinutesException(String message, Throwable cause) {
    super(message, cause);
  }
}
