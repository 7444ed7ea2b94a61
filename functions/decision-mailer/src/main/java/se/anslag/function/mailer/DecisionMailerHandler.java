package se.anslag.function.mailer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import se.anslag.aws.LambdaEvents;
import se.anslag.compose.DecisionMailComposer;
import se.anslag.compose.RawMime;
import se.anslag.domain.SwedishTime;
import se.anslag.priming.Priming;
import se.anslag.sending.DecisionMailer;
import se.anslag.sending.SendOutRetries;
import se.anslag.domain.SendOutMessage;

/** Entry point of DecisionMailerFunction: each message is one decision to one recipient, or one mail to a clerk. */
public final class DecisionMailerHandler implements RequestStreamHandler {
  private static final Logger LOG = Logger.getLogger(DecisionMailerHandler.class.getName());

  private final DecisionMailer mailer;
  private final SendOutRetries retries;
  private final ObjectMapper json;
  private final LambdaEvents events;
  private final Priming priming;

  public DecisionMailerHandler() {
    this(DaggerDecisionMailerComponent.builder().environment(System.getenv()).clock(SwedishTime.systemClock()).build());
  }

  DecisionMailerHandler(DecisionMailerComponent component) {
    this.mailer = component.mailer();
    this.retries = component.retries();
    this.json = component.json();
    this.events = new LambdaEvents(json);
    this.priming = priming(component.composer());
  }

  /** What this function primes before a SnapStart snapshot (the test that shows it calls no AWS runs it). */
  public Priming priming() {
    return priming;
  }

  /**
   * A decision mail composed (text, HTML, the PDF extract and the raw MIME that SES gets), a send-out
   * message read as the handler reads it, and the event and response.
   */
  private Priming priming(DecisionMailComposer composer) {
    var message = new SendOutMessage("0".repeat(64), 1, Priming.RECIPIENT);
    return Priming.of("DecisionMailerFunction")
        .step("mail", () -> {
          var mail = composer.compose(Priming.minutesRecord(), Priming.paragraph(), Priming.sendOut(), Priming.notice(),
              Optional.of("gsn.sekreterare@ludvika.example.org"), Priming.POSTED);
          RawMime.build(mail, "anslag@example.org", Priming.POSTED.atStartOfDay(SwedishTime.ZONE),
              new java.util.UUID(0, 1));
        })
        .records(json, message)
        .step("send-out message", () -> {
          var event = events.sqsEvent(new java.io.ByteArrayInputStream(
              Priming.sqsEventJson(json, json.writeValueAsString(message))));
          sendOutOf(event.getRecords().getFirst()).orElseThrow();
          receiveCount(event.getRecords().getFirst());
        })
        .sqsEvent(json, events, message)
        .register();
  }

  public static DecisionMailerHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new DecisionMailerHandler(
        DaggerDecisionMailerComponent.builder().environment(environment).clock(clock).build());
  }

  /** The SQS event read with the mapper init built, not by the runtime's serializers (see LambdaEvents). */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    events.write(handle(events.sqsEvent(input)), output);
  }

  SQSBatchResponse handle(SQSEvent event) {
    var failures = new ArrayList<SQSBatchResponse.BatchItemFailure>();
    var readable = new ArrayList<SQSEvent.SQSMessage>();
    var sendOuts = new ArrayList<SendOutMessage>();
    for (var message : event.getRecords()) {
      var sendOut = sendOutOf(message);
      if (sendOut.isPresent()) {
        sendOuts.add(sendOut.get());
        readable.add(message);
      } else {
        // Not ours to send; failing it moves it to the dead-letter queue, where an alarm shows it.
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    var outcomes = mailer.deliver(sendOuts);
    for (int i = 0; i < readable.size(); i++) {
      if (outcomes.get(i) == DecisionMailer.Outcome.RETRY) {
        var message = readable.get(i);
        // Reported as a failure and kept invisible for a growing while, so retries back off.
        retries.postpone(message.getReceiptHandle(), receiveCount(message));
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }

  private Optional<SendOutMessage> sendOutOf(SQSEvent.SQSMessage message) {
    String problem;
    try {
      var sendOut = json.readValue(message.getBody(), SendOutMessage.class);
      if (sendOut != null && sendOut.minutesId() != null && sendOut.target() != null) {
        return Optional.of(sendOut);
      }
      problem = "minutesId and target are required";
    } catch (JsonProcessingException malformed) {
      problem = malformed.getOriginalMessage();
    }
    LOG.warning("Message " + message.getMessageId() + " is not a valid send-out message and will go to the"
        + " dead-letter queue: " + problem);
    return Optional.empty();
  }

  private static int receiveCount(SQSEvent.SQSMessage message) {
    var count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
    try {
      return count == null ? 1 : Integer.parseInt(count);
    } catch (NumberFormatException notANumber) {
      return 1;
    }
  }
}
