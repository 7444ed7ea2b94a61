package se.anslag.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.DeskRequest;
import se.anslag.domain.RecipientFix;
import se.anslag.domain.RetryRequest;
import se.anslag.domain.WithdrawalRequest;
import se.anslag.domain.ReviewDecision;
import se.anslag.domain.SendOutMessage;
import se.anslag.ports.WorkQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The work queue on SQS: send-out messages in batches of ten, board refresh requests one at a time. */
@Singleton
public final class SqsWorkQueues implements WorkQueue {
  private static final int SQS_BATCH_LIMIT = 10;

  private final SqsClient sqs;
  private final AnslagConfig config;
  private final ObjectMapper json;

  @Inject
  public SqsWorkQueues(SqsClient sqs, AnslagConfig config, ObjectMapper json) {
    this.sqs = sqs;
    this.config = config;
    this.json = json;
  }

  @Override
  public void enqueueSendOuts(List<SendOutMessage> messages) {
    for (int start = 0; start < messages.size(); start += SQS_BATCH_LIMIT) {
      var entries = new ArrayList<SendMessageBatchRequestEntry>();
      var batch = messages.subList(start, Math.min(start + SQS_BATCH_LIMIT, messages.size()));
      for (int i = 0; i < batch.size(); i++) {
        var body = toJson(batch.get(i));
        entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body).build());
      }
      var response = sqs.sendMessageBatch(b -> b.queueUrl(config.sendOutQueueUrl()).entries(entries));
      if (!response.failed().isEmpty()) {
        // Intake is retried whole; the send-out records make the resend harmless.
        var first = response.failed().getFirst();
        throw new IllegalStateException(
            "SQS refused " + response.failed().size() + " send-out messages: " + first.code() + " " + first.message());
      }
    }
  }

  @Override
  public void requestBoardRefresh(String reason, String minutesId) {
    sqs.sendMessage(b -> b.queueUrl(config.boardRefreshQueueUrl())
        .messageBody(toJson(new BoardRefreshRequest(reason, minutesId))));
  }

  @Override
  public void handToIntake(DeskRequest request) {
    // One field names the request, which tells it from an upload event (ProtocolIntakeHandler reads it).
    var field = switch (request) {
      case ReviewDecision review -> "review";
      case RecipientFix fix -> "recipientFix";
      case RetryRequest retry -> "retry";
      case WithdrawalRequest withdrawal -> "withdrawal";
    };
    var body = json.createObjectNode().set(field, json.valueToTree(request));
    sqs.sendMessage(b -> b.queueUrl(config.intakeQueueUrl()).messageBody(toJson(body)));
  }

  /** The body of a board refresh message; {@code minutesId} may be null (NoticeBoardHandler reads it). */
  public record BoardRefreshRequest(String reason, String minutesId) {}

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
