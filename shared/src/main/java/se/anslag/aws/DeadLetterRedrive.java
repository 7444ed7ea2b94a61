package se.anslag.aws;

import java.util.ArrayList;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Moves the messages of a dead-letter queue back to the queue they came from. Receive, send,
 * then delete: a crash between send and delete leaves a copy in both queues, which the handlers
 * absorb (every step of Anslag is safe to repeat), while nothing is ever lost. Chosen over
 * StartMessageMoveTask because it reports exactly what it moved and needs no task polling.
 */
public final class DeadLetterRedrive {
  private static final int SQS_BATCH_LIMIT = 10;
  /** Long enough to send a batch on before the message would show again in the dead-letter queue. */
  private static final int VISIBILITY_SECONDS = 60;

  private DeadLetterRedrive() {}

  /** Returns how many messages were moved. */
  public static int redrive(SqsClient sqs, String deadLetterQueueUrl, String sourceQueueUrl) {
    int moved = 0;
    while (true) {
      var messages = sqs.receiveMessage(b -> b.queueUrl(deadLetterQueueUrl).maxNumberOfMessages(SQS_BATCH_LIMIT)
          .visibilityTimeout(VISIBILITY_SECONDS).waitTimeSeconds(0).messageAttributeNames("All")
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
      if (messages.isEmpty()) {
        return moved;
      }
      var entries = new ArrayList<SendMessageBatchRequestEntry>();
      for (int i = 0; i < messages.size(); i++) {
        Message message = messages.get(i);
        entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(message.body())
            .messageAttributes(message.messageAttributes()).build());
      }
      var sent = sqs.sendMessageBatch(b -> b.queueUrl(sourceQueueUrl).entries(entries));
      var deletes = new ArrayList<DeleteMessageBatchRequestEntry>();
      for (var ok : sent.successful()) {
        var message = messages.get(Integer.parseInt(ok.id()));
        deletes.add(DeleteMessageBatchRequestEntry.builder().id(ok.id()).receiptHandle(message.receiptHandle()).build());
      }
      if (!deletes.isEmpty()) {
        sqs.deleteMessageBatch(b -> b.queueUrl(deadLetterQueueUrl).entries(deletes));
      }
      moved += deletes.size();
      if (!sent.failed().isEmpty()) {
        var first = sent.failed().getFirst();
        throw new IllegalStateException("SQS refused " + sent.failed().size() + " of the messages to move back ("
            + first.code() + " " + first.message() + "); " + moved + " were moved, the rest stay in the dead-letter queue");
      }
    }
  }
}
