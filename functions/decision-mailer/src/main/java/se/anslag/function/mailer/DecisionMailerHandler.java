package se.anslag.function.mailer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import se.anslag.aws.SqsBatch;
import se.anslag.mailer.DecisionMailer;
import se.anslag.mailer.SendOutRetries;
import se.anslag.mailer.SendOutMessage;

/** Entry point of DecisionMailerFunction: each message is one decision to one recipient, or one mail to a clerk. */
public final class DecisionMailerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final DecisionMailer mailer;
  private final SendOutRetries retries;
  private final ObjectMapper json;

  public DecisionMailerHandler() {
    this(DaggerDecisionMailerComponent.builder().environment(System.getenv()).clock(Clock.systemUTC()).build());
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
    return SqsBatch.process(event, message -> {
      SendOutMessage sendOut;
      try {
        sendOut = json.readValue(message.getBody(), SendOutMessage.class);
      } catch (JsonProcessingException malformed) {
        // Not ours to send; failing it moves it to the dead-letter queue, where an alarm shows it.
        throw new IllegalArgumentException("Send-out message is not valid: " + malformed.getOriginalMessage());
      }
      if (mailer.deliver(sendOut) == DecisionMailer.Outcome.RETRY) {
        // Reported as a failure and kept invisible for a growing while, so retries back off.
        retries.postpone(message.getReceiptHandle(), receiveCount(message));
        return false;
      }
      return true;
    });
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
