package se.anslag.function.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import java.util.logging.Logger;
import se.anslag.aws.SqsBatch;
import se.anslag.domain.RecipientFix;
import se.anslag.domain.RetryRequest;
import se.anslag.domain.ReviewDecision;
import se.anslag.domain.SwedishTime;
import se.anslag.intake.ProtocolIntake;
import se.anslag.intake.Resend;
import se.anslag.intake.UploadEvent;

/** Entry point of ProtocolIntakeFunction: one uploaded set of minutes, or one
 * decision of the clerk from the desk, per intake queue message. */
public final class ProtocolIntakeHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = Logger.getLogger(ProtocolIntakeHandler.class.getName());

  private final ProtocolIntake intake;
  private final ObjectMapper json;
  private final Resend resend;
  private final Clock clock;

  /** Lambda's constructor: one component per execution environment. */
  public ProtocolIntakeHandler() {
    this(DaggerProtocolIntakeComponent.builder().environment(System.getenv()).clock(SwedishTime.systemClock()).build());
  }

  ProtocolIntakeHandler(ProtocolIntakeComponent component) {
    this.intake = component.intake();
    this.json = component.json();
    this.resend = component.resend();
    this.clock = component.clock();
  }

  /** The local mode and the tests: the same handler against another environment and clock. */
  public static ProtocolIntakeHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new ProtocolIntakeHandler(
        DaggerProtocolIntakeComponent.builder().environment(environment).clock(clock).build());
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return SqsBatch.process(event, message -> {
      var clerkMessage = clerkMessage(message.getBody());
      if (clerkMessage != null && clerkMessage.has("review")) {
        var review = json.convertValue(clerkMessage.get("review"), ReviewDecision.class);
        var result = intake.review(review);
        LOG.info(() -> "Review decision " + review.action() + " on minutes " + review.minutesId() + ": "
            + result.status() + (result.detail() == null ? "" : " (" + result.detail() + ")"));
        return true;
      }
      if (clerkMessage != null && clerkMessage.has("retry")) {
        var retry = json.convertValue(clerkMessage.get("retry"), RetryRequest.class);
        var result = resend.resend(retry.minutesId(), true, clock.instant());
        LOG.info(() -> "Retry by the desk of the failed send-outs of minutes " + retry.minutesId() + ": "
            + result.retried().size() + " retried");
        return true;
      }
      if (clerkMessage != null && clerkMessage.has("recipientFix")) {
        var fix = json.convertValue(clerkMessage.get("recipientFix"), RecipientFix.class);
        var result = resend.fixRecipient(fix, clock.instant());
        // The name is printed in public minutes; the address the clerk gave is not logged.
        LOG.info(() -> "Recipient fix by the desk on minutes " + fix.minutesId() + " for '" + fix.name() + "': "
            + result.created().size() + " send-out(s) created, " + result.queued() + " queued");
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
   * The clerk desk's request this body is ({@code {"review": ...}}, {@code {"recipientFix": ...}} or
   * {@code {"retry": ...}}, as SqsWorkQueues writes them), or null for an upload event.
   */
  private JsonNode clerkMessage(String body) {
    try {
      var tree = json.readTree(body);
      return tree != null && (tree.has("review") || tree.has("recipientFix") || tree.has("retry")) ? tree : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException notOurs) {
      return null; // UploadEvent.parse names what is wrong with it
    }
  }
}
