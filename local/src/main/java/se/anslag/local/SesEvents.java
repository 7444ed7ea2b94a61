package se.anslag.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events SES publishes through a configuration set for a mail it accepted, as SNS delivers them
 * raw to the DeliveryEventsQueue. The SES emulator publishes none, so the tests and the load
 * benchmark build them from the SendEmail request and the emulator's answer a proxy saw.
 */
final class SesEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SesEvents() {}

  /** The message id the emulator answered a SendEmail request with. */
  static String messageIdOf(FaultInjectingProxy.Exchange exchange) {
    try {
      return JSON.readTree(exchange.answerBody()).path("MessageId").asText();
    } catch (IOException unreadable) {
      throw new IllegalStateException("SES emulator answer is not JSON: " + exchange.answerBody(), unreadable);
    }
  }

  /**
   * The Send or Delivery event of the mail of this SendEmail request: its message id and the raw
   * mail's own headers in {@code mail.headers}, as SES repeats them (the emulator's store keeps no
   * headers of a raw mail, so they are read from the raw content the request carried).
   */
  static String eventOf(FaultInjectingProxy.Exchange exchange, String eventType, Instant at) {
    try {
      var messageId = messageIdOf(exchange);
      var request = JSON.readTree(exchange.requestBody());
      var raw = exchange.sesRawMail();
      var event = JSON.createObjectNode().put("eventType", eventType);
      var mail = event.putObject("mail").put("timestamp", at.toString())
          .put("source", request.path("FromEmailAddress").asText()).put("sendingAccountId", "123456789012")
          .put("messageId", messageId).put("headersTruncated", false);
      var destination = mail.putArray("destination");
      request.path("Destination").path("ToAddresses").forEach(address -> destination.add(address.asText()));
      var headers = mail.putArray("headers");
      for (var header : headerLines(raw)) {
        var colon = header.indexOf(':');
        headers.addObject().put("name", header.substring(0, colon)).put("value", header.substring(colon + 1).strip());
      }
      if (eventType.equals("Delivery")) {
        var delivery = event.putObject("delivery").put("timestamp", at.toString())
            .put("smtpResponse", "250 2.0.0 OK").put("reportingMTA", "mx.example.org");
        var recipients = delivery.putArray("recipients");
        destination.forEach(recipients::add);
      } else {
        event.putObject("send");
      }
      return event.toString();
    } catch (IOException unreadable) {
      throw new IllegalStateException("SendEmail request is not JSON", unreadable);
    }
  }

  /** The top-level header lines of a raw mail, folded lines joined. */
  private static List<String> headerLines(String raw) {
    var lines = new ArrayList<String>();
    for (var line : raw.substring(0, raw.indexOf("\r\n\r\n")).split("\r\n")) {
      if ((line.startsWith(" ") || line.startsWith("\t")) && !lines.isEmpty()) {
        lines.set(lines.size() - 1, lines.getLast() + " " + line.strip());
      } else {
        lines.add(line);
      }
    }
    return lines;
  }
}
