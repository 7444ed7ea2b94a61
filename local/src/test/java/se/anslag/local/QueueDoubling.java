package se.anslag.local;

import java.util.ArrayList;
import java.util.HashMap;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Every message delivered twice: each new message of a queue replaced by two copies, marked as copies. */
final class QueueDoubling {
  static final String COPY_ATTRIBUTE = "anslag-test-copy";

  private QueueDoubling() {}

  /** Doubles the queue's new messages and returns how many it doubled. */
  static int doubleNewMessages(software.amazon.awssdk.services.sqs.SqsClient sqs, String queueUrl) {
    var copies = new ArrayList<Message>();
    int doubled = 0;
    while (true) {
      var received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
          .messageAttributeNames("All")).messages();
      if (received.isEmpty()) {
        break;
      }
      for (var message : received) {
        if (message.messageAttributes().containsKey(COPY_ATTRIBUTE)) {
          copies.add(message);
          continue;
        }
        var attributes = new HashMap<>(message.messageAttributes());
        attributes.put(COPY_ATTRIBUTE, MessageAttributeValue.builder().dataType("String").stringValue("yes").build());
        for (int copy = 0; copy < 2; copy++) {
          sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.body()).messageAttributes(attributes));
        }
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        doubled++;
      }
    }
    // A copy seen here is put back as a new message: receiving it would count towards the
    // dead-letter queue's maxReceiveCount although no function saw it.
    for (var copy : copies) {
      sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(copy.body()).messageAttributes(copy.messageAttributes()));
      sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(copy.receiptHandle()));
    }
    return doubled;
  }
}
