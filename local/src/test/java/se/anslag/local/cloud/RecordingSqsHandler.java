package se.anslag.local.cloud;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test handler following the project's handler convention. It records every message it gets and
 * fails on purpose: a body starting with "fail" is reported in batchItemFailures, a body "throw"
 * makes the whole invocation throw.
 */
public final class RecordingSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  public record Delivery(String functionName, Map<String, String> environment, SQSEvent.SQSMessage message) {}

  public static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();

  private final Map<String, String> environment;

  private RecordingSqsHandler(Map<String, String> environment) {
    this.environment = environment;
  }

  public static RecordingSqsHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new RecordingSqsHandler(environment);
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      DELIVERIES.add(new Delivery(context.getFunctionName(), environment, message));
      if (message.getBody().equals("throw")) {
        throw new IllegalStateException("failing the whole batch on purpose");
      }
      if (message.getBody().startsWith("fail")) {
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    context.getLogger().log("handled " + event.getRecords().size() + " message(s)");
    return new SQSBatchResponse(failures);
  }
}
