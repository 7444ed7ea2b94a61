package se.anslag.aws;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs each message of an SQS batch on its own and reports the ones to retry, so one bad message
 * neither fails its neighbours nor is deleted unseen (the template sets ReportBatchItemFailures).
 */
public final class SqsBatch {
  private static final Logger LOG = Logger.getLogger(SqsBatch.class.getName());

  private SqsBatch() {}

  /** @param work returns true when the message is done with, false when it should come back */
  public static SQSBatchResponse process(SQSEvent event, Predicate<SQSEvent.SQSMessage> work) {
    var failures = new ArrayList<SQSBatchResponse.BatchItemFailure>();
    for (var message : event.getRecords()) {
      boolean done;
      try {
        done = work.test(message);
      } catch (RuntimeException failure) {
        LOG.log(Level.WARNING, "Message " + message.getMessageId() + " failed and will be retried", failure);
        done = false;
      }
      if (!done) {
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
