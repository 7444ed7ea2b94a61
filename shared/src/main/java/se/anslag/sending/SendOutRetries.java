package se.anslag.sending;

import java.time.Duration;
import java.util.logging.Logger;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Spaces out the retries of a send-out that failed transiently. Without this every retry waits
 * the SendOutQueue's whole visibility timeout (180 s); with it the first retry comes after 30 s
 * (throttling usually clears within seconds) and each later one waits twice as long, capped at
 * 150 s, below the queue's own timeout. With maxReceiveCount 5 the tries are spread over about
 * six minutes (30 + 60 + 120 + 150 s) before the message goes to the dead-letter queue.
 */
@Singleton
public final class SendOutRetries {
  static final Duration FIRST_DELAY = Duration.ofSeconds(30);
  static final Duration MAX_DELAY = Duration.ofSeconds(150);
  private static final Logger LOG = Logger.getLogger(SendOutRetries.class.getName());

  private final SqsClient sqs;
  private final AnslagConfig config;

  @Inject
  public SendOutRetries(SqsClient sqs, AnslagConfig config) {
    this.sqs = sqs;
    this.config = config;
  }

  /** 30 s × 2^(receiveCount - 1), at most 150 s; a missing or odd count counts as the first receive. */
  public static Duration backoff(int receiveCount) {
    int doublings = Math.clamp(receiveCount - 1L, 0, 16);
    var delay = FIRST_DELAY.multipliedBy(1L << doublings);
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }

  /**
   * Keeps the message invisible for the backoff of its receive count. The message is reported as
   * a batch item failure as well, so when this call fails the queue's own timeout still brings it back.
   */
  public void postpone(String receiptHandle, int receiveCount) {
    var delay = backoff(receiveCount);
    try {
      sqs.changeMessageVisibility(b -> b.queueUrl(config.sendOutQueueUrl()).receiptHandle(receiptHandle)
          .visibilityTimeout((int) delay.toSeconds()));
    } catch (SdkException failure) {
      LOG.warning(() -> "Could not postpone a send-out message by " + delay.toSeconds() + " s; the queue's visibility"
          + " timeout applies instead: " + failure.getMessage());
    }
  }
}
