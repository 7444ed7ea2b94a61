package se.anslag.function.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import se.anslag.aws.LambdaEvents;
import se.anslag.aws.SqsBatch;
import se.anslag.aws.SqsWorkQueues;
import se.anslag.calendar.NoticeSchedule;
import se.anslag.domain.DeskRequest;
import se.anslag.domain.RecipientFix;
import se.anslag.domain.RetryRequest;
import se.anslag.domain.WithdrawalRequest;
import se.anslag.domain.ReviewDecision;
import se.anslag.domain.SendOutMessage;
import se.anslag.domain.SwedishTime;
import se.anslag.domain.TakedownPolicy;
import se.anslag.intake.DeskRequests;
import se.anslag.intake.ProtocolIntake;
import se.anslag.intake.UploadEvent;
import se.anslag.priming.Priming;
import se.anslag.reader.MinutesReader;

/** Entry point of ProtocolIntakeFunction: one uploaded set of minutes, or one
 * decision of the clerk from the desk, per intake queue message. */
public final class ProtocolIntakeHandler implements RequestStreamHandler {
  private static final Logger LOG = Logger.getLogger(ProtocolIntakeHandler.class.getName());

  private final ProtocolIntake intake;
  private final ObjectMapper json;
  private final DeskRequests deskRequests;
  private final LambdaEvents events;
  private final Priming priming;

  /** Lambda's constructor: one component per execution environment. */
  public ProtocolIntakeHandler() {
    this(DaggerProtocolIntakeComponent.builder().environment(System.getenv()).clock(SwedishTime.systemClock()).build());
  }

  ProtocolIntakeHandler(ProtocolIntakeComponent component) {
    this.intake = component.intake();
    this.json = component.json();
    this.deskRequests = component.deskRequests();
    this.events = new LambdaEvents(json);
    this.priming = priming(component.reader());
  }

  /** What this function primes before a SnapStart snapshot (the test that shows it calls no AWS runs it). */
  public Priming priming() {
    return priming;
  }

  /**
   * The sample minutes through the reader and the calendar, an upload event and each desk request
   * read as a message is, the messages intake writes, and its event and response.
   */
  private Priming priming(MinutesReader reader) {
    var minutesId = "0".repeat(64);
    var upload = "{\"detail-type\":\"Object Created\",\"source\":\"aws.s3\",\"detail\":{\"bucket\":{\"name\":"
        + "\"priming\"},\"object\":{\"key\":\"uploads/priming.pdf\",\"size\":62080,\"sequencer\":\"00\"}}}";
    return Priming.of("ProtocolIntakeFunction")
        .step("reader and calendar", () -> {
          var minutes = reader.read(Priming.minutesPdf());
          NoticeSchedule.postingDeadline(minutes.adjustedOn() == null ? Priming.ADJUSTED : minutes.adjustedOn());
          NoticeSchedule.forPostings(List.of(Priming.POSTED), TakedownPolicy.NEXT_DAY);
        })
        .step("upload event", () -> UploadEvent.parse(upload, json))
        .step("desk requests", () -> {
          deskRequest("{\"review\":" + json.writeValueAsString(new ReviewDecision(minutesId,
              ReviewDecision.Action.PUBLISH, Priming.POSTED, null, "priming")) + "}");
          deskRequest("{\"recipientFix\":" + json.writeValueAsString(new RecipientFix(minutesId, "Kommunstyrelsen",
              Priming.RECIPIENT, null, "priming")) + "}");
          deskRequest("{\"retry\":" + json.writeValueAsString(new RetryRequest(minutesId, "priming")) + "}");
        })
        .records(json, new SendOutMessage(minutesId, 1, Priming.RECIPIENT),
            new SqsWorkQueues.BoardRefreshRequest("priming", minutesId))
        .sqsEvent(json, events, upload)
        .register();
  }

  /** The local mode and the tests: the same handler against another environment and clock. */
  public static ProtocolIntakeHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new ProtocolIntakeHandler(
        DaggerProtocolIntakeComponent.builder().environment(environment).clock(clock).build());
  }

  /** The SQS event read with the mapper init built, not by the runtime's serializers (see LambdaEvents). */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    events.write(handle(events.sqsEvent(input)), output);
  }

  SQSBatchResponse handle(SQSEvent event) {
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
