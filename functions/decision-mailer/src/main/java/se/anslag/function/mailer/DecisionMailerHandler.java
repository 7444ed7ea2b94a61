package se.anslag.function.mailer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import se.anslag.domain.SwedishTime;
import se.anslag.sending.DecisionMailer;
import se.anslag.sending.SendOutRetries;
import se.anslag.domain.SendOutMessage;

/** Entry point of DecisionMailerFunction: each message is one decision to one recipient, or one mail to a clerk. */
public final class DecisionMailerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = Logger.getLogger(DecisionMailerHandler.class.getName());

  private final DecisionMailer mailer;
  private final SendOutRetries retries;
  private final ObjectMapper json;

  public DecisionMailerHandler() {
    this(DaggerDecisionMailerComponent.builder().environment(System.getenv()).clock(SwedishTime.systemClock()).build());
  }

  DecisionMailerHandler(DecisionMailerComponent component) {
    this.mailer = component.mailer();
    this.retries = component.retries();
    this.json = component.json();
  }

  public static DecisionMailerHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new DecisionMailerHandler(
        DaggerDecisionMailerComponent.builder().environment(environment).clock(clock).build());
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
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
