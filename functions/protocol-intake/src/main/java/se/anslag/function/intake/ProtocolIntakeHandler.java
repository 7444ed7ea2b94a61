package se.anslag.function.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;
import se.anslag.aws.SqsBatch;
import se.anslag.domain.DeskRequest;
import se.anslag.domain.RecipientFix;
import se.anslag.domain.RetryRequest;
import se.anslag.domain.WithdrawalRequest;
import se.anslag.domain.ReviewDecision;
import se.anslag.domain.SwedishTime;
import se.anslag.intake.DeskRequests;
import se.anslag.intake.ProtocolIntake;
import se.anslag.intake.UploadEvent;

/** Entry point of ProtocolIntakeFunction: one uploaded set of minutes, or one
 * decision of the clerk from the desk, per intake queue message. */
public final class ProtocolIntakeHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = Logger.getLogger(ProtocolIntakeHandler.class.getName());

  private final ProtocolIntake intake;
  private final ObjectMapper json;
  private final DeskRequests deskRequests;

  /** Lambda's constructor: one component per execution environment. */
  public ProtocolIntakeHandler() {
    this(DaggerProtocolIntakeComponent.builder().environment(System.getenv()).clock(SwedishTime.systemClock()).build());
  }

  ProtocolIntakeHandler(ProtocolIntakeComponent component) {
    this.intake = component.intake();
    this.json = component.json();
    this.deskRequests = component.deskRequests();
  }

  /** The local mode and the tests: the same handler against another environment and clock. */
  public static ProtocolIntakeHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new ProtocolIntakeHandler(
        DaggerProtocolIntakeComponent.builder().environment(environment).clock(clock).build());
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return SqsBatch.process(event, message -> {
      var deskRequest = deskRequest(message.getBody());
      if (deskRequest != null) {
        var sent = message.getAttributes() == null ? null : message.getAttributes().get("SentTimestamp");
        deskRequests.handle(deskRequest, message.getMessageId(),
            sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)));
        return true;
      }
      var upload = UploadEvent.parse(message.getBody(), json);
      var result = intake.receive(upload);
      LOG.info(() -> "Upload " + upload.key() + ": " + result.status()
          + (result.detail() == null ? "" : " (" + result.detail() + ")"));
      return true;
    });
  }

  /**
   * The clerk desk's request this body is ({@code {"review": ...}}, {@code {"recipientFix": ...}},
   * {@code {"retry": ...}} or {@code {"withdrawal": ...}}, as SqsWorkQueues writes them), or null for an upload event.
   */
  private DeskRequest deskRequest(String body) {
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException notOurs) {
      return null; // UploadEvent.parse names what is wrong with it
    }
    if (tree == null) {
      return null;
    }
    if (tree.has("review")) {
      return json.convertValue(tree.get("review"), ReviewDecision.class);
    }
    if (tree.has("recipientFix")) {
      return json.convertValue(tree.get("recipientFix"), RecipientFix.class);
    }
    if (tree.has("withdrawal")) {
      return json.convertValue(tree.get("withdrawal"), WithdrawalRequest.class);
    }
    return tree.has("retry") ? json.convertValue(tree.get("retry"), RetryRequest.class) : null;
  }
}
