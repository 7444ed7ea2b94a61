package se.anslag.function.delivery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import se.anslag.aws.LambdaEvents;
import se.anslag.aws.SqsBatch;
import se.anslag.deliveryevents.DeliveryEventRecorder;
import se.anslag.deliveryevents.SesEvent;
import se.anslag.domain.SwedishTime;
import se.anslag.priming.Priming;

/**
 * Entry point of DeliveryEventsFunction: each message is one SES event notification (raw SNS
 * delivery). A message that is not one fails, and after five tries waits in the dead-letter queue.
 * An event that came before its send-out was settled fails too, and comes back after the queue's
 * visibility timeout (180 s; five receives span twelve minutes, past a stale claim's takeover).
 */
public final class DeliveryEventsHandler implements RequestStreamHandler {
  private final DeliveryEventRecorder recorder;
  private final ObjectMapper json;
  private final LambdaEvents events;
  private final Priming priming;

  public DeliveryEventsHandler() {
    this(DaggerDeliveryEventsComponent.builder().environment(System.getenv()).clock(SwedishTime.systemClock()).build());
  }

  DeliveryEventsHandler(DeliveryEventsComponent component) {
    this.recorder = component.recorder();
    this.json = component.json();
    this.events = new LambdaEvents(json);
    this.priming = Priming.of("DeliveryEventsFunction")
        .step("ses event", () -> SesEvent.parse(json, Priming.sesDelivery()))
        .sqsEvent(json, events, Priming.sesDelivery())
        .register();
  }

  /** What this function primes before a SnapStart snapshot (the test that shows it calls no AWS runs it). */
  public Priming priming() {
    return priming;
  }

  public static DeliveryEventsHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new DeliveryEventsHandler(
        DaggerDeliveryEventsComponent.builder().environment(environment).clock(clock).build());
  }

  /** The SQS event read with the mapper init built, not by the runtime's serializers (see LambdaEvents). */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    events.write(handle(events.sqsEvent(input)), output);
  }

  SQSBatchResponse handle(SQSEvent event) {
    return SqsBatch.process(event, message -> {
      return recorder.record(SesEvent.parse(json, message.getBody())) != DeliveryEventRecorder.Outcome.TOO_EARLY;
    });
  }
}
