package se.anslag.local.cloud;

import java.util.Map;

/**
 * What {@link LocalLambda#drain} did: handler invocations, messages handed to handlers (a message
 * retried three times counts three times), message failures (reported in batchItemFailures or part
 * of a batch whose invocation threw), the messages now in each dead-letter queue (by logical id),
 * and whether the timeout ended the drain before the queues were empty.
 */
public record DrainReport(int invocations, int messages, int failures, Map<String, Integer> deadLetters,
    boolean timedOut) {

  public DrainReport {
    deadLetters = Map.copyOf(deadLetters);
  }

  /** Messages in all dead-letter queues together. */
  public int deadLettered() {
    return deadLetters.values().stream().mapToInt(Integer::intValue).sum();
  }
}
