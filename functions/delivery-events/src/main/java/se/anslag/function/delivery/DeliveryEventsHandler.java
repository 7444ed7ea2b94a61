package se.anslag.function.delivery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import se.anslag.aws.SqsBatch;
import se.anslag.deliveryevents.DeliveryEventRecorder;
import se.anslag.deliveryevents.SesEvent;
import se.anslag.domain.SwedishTime;

/**
 * Entry point of DeliveryEventsFunction: each message is one SES event notification (raw SNS
 * delivery). A message that is not one fails, and after five tries waits in the dead-letter queue.
 * An event that came before its send-out was settled fails too, and comes back after the queue's
 * visibility timeout (180 s; five receives span twelve minutes, past a stale claim's takeover).
 */
public final class DeliveryEventsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final DeliveryEventRecorder recorder;
  private final ObjectMapper json;

  public DeliveryEventsHandler() {
    this(DaggerDeliveryEventsComponent.builder().environment(System.getenv()).clock(SwedishTime.systemClock()).build());
  }

  DeliveryEventsHandler(DeliveryEventsComponent component) {
    this.recorder = component.recorder();
    this.json = component.json();
  }

  public static DeliveryEventsHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new DeliveryEventsHandler(
        DaggerDeliveryEventsComponent.builder().environment(environment).clock(clock).build());
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return SqsBatch.process(event, message -> {
      return recorder.record(SesEvent.parse(json, message.getBody())) != DeliveryEventRecorder.Outcome.TOO_EARLY;
    });
  }
}
