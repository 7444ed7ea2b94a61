package se.anslag.function.board;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import se.anslag.aws.SqsWorkQueues;
import se.anslag.board.BoardSite;
import se.anslag.domain.SwedishTime;
import se.anslag.priming.Priming;
import se.anslag.publish.BoardPublisher;

/**
 * Entry point of NoticeBoardFunction. Two triggers share it: refresh requests from the board
 * refresh queue (an SQS event) and the daily schedule (its Input, {"trigger":"daily"}). Either
 * way the whole site is rendered once; that is idempotent, so a batch fails or succeeds whole.
 */
public final class NoticeBoardHandler implements RequestStreamHandler {
  private static final Logger LOG = Logger.getLogger(NoticeBoardHandler.class.getName());

  private final BoardPublisher publisher;
  private final ObjectMapper json;
  private final Priming priming;

  public NoticeBoardHandler() {
    this(DaggerNoticeBoardComponent.builder().environment(System.getenv()).clock(SwedishTime.systemClock()).build());
  }

  NoticeBoardHandler(NoticeBoardComponent component) {
    this.publisher = component.publisher();
    this.json = component.json();
    this.priming = priming(component.site());
  }

  /** What this function primes before a SnapStart snapshot (the test that shows it calls no AWS runs it). */
  public Priming priming() {
    return priming;
  }

  /** A board rendered from in-memory notices, a refresh request read as the handler reads it, its answer. */
  private Priming priming(BoardSite site) {
    var request = new SqsWorkQueues.BoardRefreshRequest("priming", "0".repeat(64));
    return Priming.of("NoticeBoardFunction")
        .step("board", () -> site.render(List.of(Priming.BOARD),
            Map.of(Priming.BOARD.id(), List.of(Priming.boardNotice())), Priming.POSTED))
        .records(json, request)
        .step("sqs-event", () -> {
          minutesNamed(json.readTree(Priming.sqsEventJson(json, json.writeValueAsString(request))));
          json.writeValue(new java.io.ByteArrayOutputStream(), Map.of("batchItemFailures", List.of(),
              "day", Priming.POSTED.toString(), "written", 0, "takenDown", 0));
        })
        .register();
  }

  public static NoticeBoardHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new NoticeBoardHandler(DaggerNoticeBoardComponent.builder().environment(environment).clock(clock).build());
  }

  /** The minutes the refresh requests name (SqsWorkQueues.BoardRefreshRequest), to be read by key. */
  private List<String> minutesNamed(JsonNode event) {
    var named = new ArrayList<String>();
    for (var record : event.path("Records")) {
      try {
        var minutesId = json.readTree(record.path("body").asText("{}")).path("minutesId");
        if (minutesId.isTextual()) {
          named.add(minutesId.asText());
        }
      } catch (JsonProcessingException notJson) {
        // A request that is not ours still asks for a run; there is nothing to read by key.
      }
    }
    return named;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    var event = json.readTree(input);
    var trigger = event.has("Records")
        ? event.get("Records").size() + " refresh request(s)"
        : event.path("trigger").asText("unknown trigger");
    var result = publisher.publish(minutesNamed(event));
    LOG.info(() -> "Board run (" + trigger + ") for " + result.day() + ": " + result.written() + " written, "
        + result.unchanged() + " unchanged, " + result.takenDown() + " taken down, " + result.subscriberMails()
        + " subscriber mail(s) queued");
    // For SQS this is an empty partial-batch response; a failure above throws and retries the batch.
    json.writeValue(output, Map.of("batchItemFailures", List.of(),
        "day", result.day().toString(), "written", result.written(), "takenDown", result.takenDown()));
  }
}
