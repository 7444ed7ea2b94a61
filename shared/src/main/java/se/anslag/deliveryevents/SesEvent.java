package se.anslag.deliveryevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import se.anslag.compose.SendOutHeader;

/**
 * One SES event notification as the configuration set publishes it through SNS: the SES JSON
 * itself (raw message delivery), or the same inside an SNS envelope.
 *
 * @param messageId the SES message id of the mail (what SendEmail returned)
 * @param at when the event happened (the bounce, delivery or complaint time)
 * @param recipients the addresses the event concerns
 * @param detail what happened, for the send-out's history
 * @param eventKey identifies this event, so that a redelivered copy is recorded once
 * @param sendOut the send-out and attempt named by the mail's {@value SendOutHeader#NAME} header; null
 *     when the mail has none (not Anslag's, or SES cut the headers short)
 * @param headersComplete whether the event carries the mail's headers whole ({@code mail.headers} there
 *     and {@code headersTruncated} false), so that a missing header means the mail is not Anslag's
 */
public record SesEvent(Type type, String messageId, Instant at, List<String> recipients, String detail,
    String eventKey, SendOutHeader sendOut, boolean headersComplete) {

  public enum Type {
    /** SES accepted the mail: the send-out is found by the mail's header, not by the message id. */
    SEND,
    DELIVERY,
    PERMANENT_BOUNCE,
    /** A soft bounce (Transient, or Undetermined): SES retries it, so the mail is not lost yet. */
    TRANSIENT_BOUNCE,
    COMPLAINT,
    /** SES accepted the mail but did not send it (a virus found). */
    REJECT,
    /** Any other event type (Open, DeliveryDelay, ...): kept in the history only. */
    OTHER
  }

  public SesEvent {
    recipients = List.copyOf(recipients);
  }

  /** An event whose mail carries its headers whole and names no send-out: not Anslag's mail. */
  public SesEvent(Type type, String messageId, Instant at, List<String> recipients, String detail, String eventKey) {
    this(type, messageId, at, recipients, detail, eventKey, null, true);
  }

  /** An event of a mail that names its send-out. */
  public SesEvent(Type type, String messageId, Instant at, List<String> recipients, String detail, String eventKey,
      SendOutHeader sendOut) {
    this(type, messageId, at, recipients, detail, eventKey, sendOut, true);
  }

  /** Not an SES event notification; retrying cannot help, so it belongs in the dead-letter queue. */
  public static final class MalformedEventException extends IllegalArgumentException {
    MalformedEventException(String message) {
      super(message);
    }
  }

  public static SesEvent parse(ObjectMapper json, String body) {
    JsonNode root = readObject(json, body, "message body");
    // Without RawMessageDelivery SNS wraps the event; accept both so that a changed
    // subscription does not send every event to the dead-letter queue.
    if ("Notification".equals(root.path("Type").asText()) && root.path("Message").isTextual()) {
      root = readObject(json, root.path("Message").asText(), "SNS Message");
    }
    var eventType = text(root, "eventType");
    if (eventType == null) {
      eventType = text(root, "notificationType"); // identity notifications, without a configuration set
    }
    if (eventType == null) {
      throw new MalformedEventException("No eventType: not an SES event notification");
    }
    var messageId = text(root.path("mail"), "messageId");
    if (messageId == null) {
      throw new MalformedEventException(eventType + " event without mail.messageId");
    }
    var mailTime = text(root.path("mail"), "timestamp");
    var mail = root.path("mail");
    var header = sendOutHeader(mail, messageId);
    var headersComplete = mail.path("headers").isArray() && !mail.path("headersTruncated").asBoolean(false);
    var event = switch (eventType) {
      case "Delivery" -> {
        var delivery = root.path("delivery");
        var recipients = strings(delivery.path("recipients"));
        var detail = "Delivered to " + String.join(", ", recipients)
            + optional(" by ", text(delivery, "reportingMTA")) + optional(": ", text(delivery, "smtpResponse"));
        var at = time(text(delivery, "timestamp"), mailTime, eventType);
        yield new SesEvent(Type.DELIVERY, messageId, at, recipients, detail, "Delivery@" + at);
      }
      case "Bounce" -> {
        var bounce = root.path("bounce");
        var bounceType = text(bounce, "bounceType");
        if (bounceType == null) {
          throw new MalformedEventException("Bounce event of " + messageId + " without bounce.bounceType");
        }
        var recipients = new ArrayList<String>();
        var diagnostics = new ArrayList<String>();
        for (var recipient : bounce.path("bouncedRecipients")) {
          var address = text(recipient, "emailAddress");
          if (address != null) {
            recipients.add(address);
            diagnostics.add(address + optional(": ", firstOf(text(recipient, "diagnosticCode"),
                text(recipient, "status"))));
          }
        }
        var detail = bounceType + optional("/", text(bounce, "bounceSubType")) + " bounce"
            + (diagnostics.isEmpty() ? "" : ": " + String.join("; ", diagnostics));
        var at = time(text(bounce, "timestamp"), mailTime, eventType);
        var type = "Permanent".equals(bounceType) ? Type.PERMANENT_BOUNCE : Type.TRANSIENT_BOUNCE;
        yield new SesEvent(type, messageId, at, recipients, detail,
            "Bounce@" + firstOf(text(bounce, "feedbackId"), at.toString()));
      }
      case "Complaint" -> {
        var complaint = root.path("complaint");
        var recipients = new ArrayList<String>();
        for (var recipient : complaint.path("complainedRecipients")) {
          var address = text(recipient, "emailAddress");
          if (address != null) {
            recipients.add(address);
          }
        }
        var detail = "Complaint" + optional(" (", text(complaint, "complaintFeedbackType"), ")")
            + (recipients.isEmpty() ? "" : " from " + String.join(", ", recipients));
        var at = time(text(complaint, "timestamp"), mailTime, eventType);
        yield new SesEvent(Type.COMPLAINT, messageId, at, recipients, detail,
            "Complaint@" + firstOf(text(complaint, "feedbackId"), at.toString()));
      }
      case "Send" -> {
        var at = time(null, mailTime, eventType);
        var detail = "Accepted by SES as message " + messageId
            + (header == null ? "" : " (attempt " + header.attempt() + ")");
        // One Send event per mail: its message id identifies it.
        yield new SesEvent(Type.SEND, messageId, at, strings(mail.path("destination")), detail, "Send@" + messageId);
      }
      case "Reject" -> {
        var at = time(null, mailTime, eventType);
        yield new SesEvent(Type.REJECT, messageId, at, strings(root.path("mail").path("destination")),
            "Rejected by SES" + optional(": ", text(root.path("reject"), "reason")), "Reject@" + at);
      }
      default -> {
        var at = time(null, mailTime, eventType);
        yield new SesEvent(Type.OTHER, messageId, at, strings(root.path("mail").path("destination")),
            "SES event " + eventType, eventType + "@" + at);
      }
    };
    return new SesEvent(event.type(), messageId, event.at(), event.recipients(), event.detail(), event.eventKey(),
        header, headersComplete);
  }

  /**
   * The send-out the mail belongs to, from the original headers SES repeats in {@code mail.headers}.
   * Every event of a mail repeats them, so any event finds its send-out by key, not only through the
   * index of message ids (which lags, and which the mailer writes only after SES answered). Absent
   * (null) when the mail has no such header; a header that is there but unreadable makes the event
   * malformed, since it can only come from a broken or forged mail.
   */
  private static SendOutHeader sendOutHeader(JsonNode mail, String messageId) {
    for (var header : mail.path("headers")) {
      var name = text(header, "name");
      if (SendOutHeader.NAME.equalsIgnoreCase(name)) {
        var value = header.path("value").asText("");
        try {
          return SendOutHeader.parse(value);
        } catch (IllegalArgumentException unreadable) {
          throw new MalformedEventException("The event of SES message " + messageId + ": " + unreadable.getMessage());
        }
      }
    }
    return null;
  }

  /** Whether the event concerns this address (events without recipients concern the whole mail). */
  public boolean concerns(String address) {
    return recipients.isEmpty() || recipients.stream().anyMatch(r -> r.toLowerCase(Locale.ROOT)
        .equals(address.toLowerCase(Locale.ROOT)));
  }

  private static JsonNode readObject(ObjectMapper json, String text, String what) {
    if (text == null || text.isBlank()) {
      throw new MalformedEventException("The " + what + " is empty");
    }
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException notJson) {
      throw new MalformedEventException("The " + what + " is not JSON: " + notJson.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new MalformedEventException("The " + what + " is not a JSON object");
    }
    return node;
  }

  private static Instant time(String eventTime, String mailTime, String eventType) {
    var chosen = firstOf(eventTime, mailTime);
    if (chosen == null) {
      throw new MalformedEventException(eventType + " event without a timestamp");
    }
    try {
      return Instant.parse(chosen);
    } catch (DateTimeParseException unreadable) {
      throw new MalformedEventException(eventType + " event with an unreadable timestamp '" + chosen + "'");
    }
  }

  private static String text(JsonNode node, String field) {
    var value = node.path(field);
    return value.isValueNode() && !value.asText().isBlank() ? value.asText() : null;
  }

  private static List<String> strings(JsonNode array) {
    var values = new ArrayList<String>();
    array.forEach(value -> {
      if (value.isTextual() && !value.asText().isBlank()) {
        values.add(value.asText());
      }
    });
    return values;
  }

  private static String firstOf(String first, String second) {
    return first != null ? first : second;
  }

  private static String optional(String prefix, String value) {
    return value == null ? "" : prefix + value;
  }

  private static String optional(String prefix, String value, String suffix) {
    return value == null ? "" : prefix + value + suffix;
  }
}
