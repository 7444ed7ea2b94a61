package se.anslag.setup;

import java.util.List;

/** What the directory makes of one recipient line. */
public sealed interface Resolution {
  record MailTo(String directoryName, List<String> addresses) implements Resolution {}

  record CaseFile(String directoryName) implements Resolution {}

  /** The directory does not know the name: the send-out waits until it does. */
  record Unknown() implements Resolution {}
}
