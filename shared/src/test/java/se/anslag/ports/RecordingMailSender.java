package se.anslag.ports;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.anslag.compose.MailMessage;
import se.anslag.compose.SendOutHeader;

/** A mail sender for unit tests: keeps every mail it accepts, and fails the next sends as told. */
public final class RecordingMailSender implements MailSender {
  /** One accepted mail with the header that named its send-out and attempt. */
  public record Sent(MailMessage mail, SendOutHeader sendOut, String messageId) {}

  private final List<Sent> sent = new ArrayList<>();
  private final Deque<SendFailure.Kind> failures = new ArrayDeque<>();
  private final Map<String, SendFailure.Kind> failuresTo = new HashMap<>();

  /** The next send fails so. */
  public synchronized void failNext(SendFailure.Kind kind) {
    failures.add(kind);
  }

  /** The next send to this address fails so, whatever is sent before it. */
  public synchronized void failNextTo(String address, SendFailure.Kind kind) {
    failuresTo.put(address, kind);
  }

  @Override
  public synchronized String send(MailMessage mail, SendOutHeader sendOut) {
    var failure = failuresTo.containsKey(mail.to()) ? failuresTo.remove(mail.to()) : failures.poll();
    if (failure != null) {
      throw new SendFailure(failure, "test failure: " + failure, null);
    }
    var messageId = "message-" + (sent.size() + 1);
    sent.add(new Sent(mail, sendOut, messageId));
    return messageId;
  }

  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }
}
