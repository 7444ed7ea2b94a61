package se.anslag.priming;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import se.anslag.aws.LambdaEvents;
import se.anslag.board.BoardNotice;
import se.anslag.board.ParagraphSummary;
import se.anslag.domain.Board;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.Paragraph;
import se.anslag.domain.ParagraphRange;
import se.anslag.domain.RecipientLine;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.TakedownPolicy;

/**
 * A function's real code paths run once on built-in data, without calling AWS, before SnapStart takes
 * its snapshot ({@link #beforeCheckpoint}): the classes are then loaded and their code compiled in the
 * snapshot that every restored environment starts from, instead of in each one's first invocation.
 * Each handler registers one in its constructor, naming its steps (the reader, a mail, a board, a
 * page, each record type through its ObjectMapper, its event and response). Without SnapStart no
 * checkpoint comes and nothing runs, unless the JVM is started with {@code -Danslag.priming=init}:
 * priming then moves work from the first invocation into init (what the cold-start benchmark uses
 * to show the first invocation that a restored snapshot has).
 *
 * <p>A step that fails is logged and skipped: the function works unprimed, and a failed checkpoint
 * would fail the publication of the version.
 */
public final class Priming implements Resource {
  private static final Logger LOG = Logger.getLogger(Priming.class.getName());
  /** The system property that primes at init too (see the class comment). */
  public static final String AT_INIT_PROPERTY = "anslag.priming";

  /** One piece of a function's work on built-in data. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  private final String function;
  private final Map<String, Step> steps;

  private Priming(String function, Map<String, Step> steps) {
    this.function = function;
    this.steps = steps;
  }

  /** The steps of one function, in the order they run. */
  public static Builder of(String function) {
    return new Builder(function);
  }

  public static final class Builder {
    private final String function;
    private final Map<String, Step> steps = new LinkedHashMap<>();

    private Builder(String function) {
      this.function = function;
    }

    public Builder step(String name, Step step) {
      steps.put(name, step);
      return this;
    }

    /** Each value written with the function's mapper and read back as its own type. */
    public Builder records(ObjectMapper json, Object... values) {
      return step("records", () -> {
        for (var value : values) {
          json.readValue(json.writeValueAsBytes(value), value.getClass());
        }
      });
    }

    /**
     * The SQS event read and the partial-batch response written as the handler does; a body that is
     * not a String is written as JSON first.
     */
    public Builder sqsEvent(ObjectMapper json, LambdaEvents events, Object body) {
      return step("sqs-event", () -> {
        var text = body instanceof String string ? string : json.writeValueAsString(body);
        var event = events.sqsEvent(new ByteArrayInputStream(sqsEventJson(json, text)));
        var failures = List.of(new SQSBatchResponse.BatchItemFailure(event.getRecords().getFirst().getMessageId()));
        events.write(new SQSBatchResponse(failures), new ByteArrayOutputStream());
      });
    }

    /**
     * The HTTP request read as the handler does, answered by {@code handler}, and the response
     * written; {@code handler} must not call AWS for this request.
     */
    public Builder httpEvent(ObjectMapper json, LambdaEvents events, String method, String routeKey, String path,
        java.util.function.Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
      return step("http " + routeKey, () -> {
        var request = events.httpEvent(new ByteArrayInputStream(httpEventJson(json, method, routeKey, path)));
        events.write(handler.apply(request), new ByteArrayOutputStream());
      });
    }

    /**
     * The priming, registered for SnapStart's checkpoint (the handler keeps it: the global context
     * holds its resources weakly), and run now when the JVM was asked to prime at init.
     */
    public Priming register() {
      var priming = new Priming(function, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps)));
      Core.getGlobalContext().register(priming);
      if ("init".equals(System.getProperty(AT_INIT_PROPERTY))) {
        priming.prime();
      }
      return priming;
    }
  }

  /** Runs every step; returns the names of those that completed, in order. */
  public List<String> prime() {
    long started = System.nanoTime();
    var done = new ArrayList<String>();
    steps.forEach((name, step) -> {
      try {
        step.run();
        done.add(name);
      } catch (Exception | LinkageError failure) {
        LOG.log(Level.WARNING, function + ": priming step " + name + " failed; the function runs unprimed there",
            failure);
      }
    });
    LOG.info(() -> function + " primed " + done + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    return done;
  }

  /** The names of the steps, in order. */
  public List<String> steps() {
    return List.copyOf(steps.keySet());
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: the SDK clients fetch credentials and open connections when first used.
  }

  // ------------------------------------------------------------------ built-in data

  /** The sample minutes (Gemensamma servicenämnden 2024-02-14, six paragraphs), as uploaded. */
  public static byte[] minutesPdf() {
    try (InputStream in = Priming.class.getResourceAsStream("minutes.pdf")) {
      if (in == null) {
        throw new IllegalStateException("se/anslag/priming/minutes.pdf is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the priming minutes", e);
    }
  }

  public static final LocalDate MEETING = LocalDate.of(2024, 2, 14);
  public static final LocalDate ADJUSTED = LocalDate.of(2024, 2, 16);
  public static final LocalDate POSTED = LocalDate.of(2024, 2, 20);
  public static final LocalDate LAST_APPEAL_DAY = LocalDate.of(2024, 3, 12);
  private static final String MINUTES_ID = "0".repeat(64);
  private static final String ORGAN = "Gemensamma servicenämnden";
  private static final String ORGAN_SLUG = "gemensamma-servicenamnden";
  public static final Board BOARD = new Board("ludvika", "Ludvika kommun");
  public static final String RECIPIENT = "kommunstyrelsen@ludvika.example.org";

  public static MinutesRecord minutesRecord() {
    return new MinutesRecord(MINUTES_ID, "priming", "uploads/priming.pdf", Instant.parse("2024-02-16T10:00:00Z"),
        ORGAN, ORGAN_SLUG, MEETING, new ParagraphRange(1, 1), "Kanslienheten, stadshuset Ludvika", ADJUSTED,
        MinutesStatus.DISPATCHED, null, List.of());
  }

  public static Paragraph paragraph() {
    return new Paragraph(1, "2024/7", "Begäran om överflyttning av investeringsmedel 2023-2024",
        "Gemensamma servicenämnden föreslår kommunfullmäktige att föra över 5 549,8 tkr av outnyttjade"
            + " investeringsmedel från år 2023 till 2024.",
        "Beskrivning av ärendet\nBokslut 2023 för investeringsmedlen inom gemensamma servicenämnden slutade"
            + " med ett underskridande av budget om 7 752,9 tkr.\n\nBeslutet skickas till\nKommunstyrelsen",
        List.of(new RecipientLine("Kommunstyrelsen", null, "Kommunstyrelsen")));
  }

  public static SendOut sendOut() {
    var at = Instant.parse("2024-02-20T08:00:00Z");
    return new SendOut(MINUTES_ID, 1, RECIPIENT, SendOutKind.EMAIL, List.of("Kommunstyrelsen"), null,
        SendOutStatus.PENDING, 0, null, at, at, null);
  }

  public static NoticeDates noticeDates() {
    return new NoticeDates(POSTED, LAST_APPEAL_DAY, LAST_APPEAL_DAY.plusDays(1));
  }

  public static Notice notice() {
    return new Notice(MINUTES_ID, BOARD.id(), POSTED, noticeDates(), TakedownPolicy.NEXT_DAY, false);
  }

  public static BoardNotice boardNotice() {
    var paragraph = paragraph();
    return new BoardNotice(MINUTES_ID, ORGAN, ORGAN_SLUG, MEETING, ADJUSTED, "Kanslienheten, stadshuset Ludvika",
        List.of(new ParagraphSummary(paragraph.number(), paragraph.caseNumber(), paragraph.title())), POSTED,
        noticeDates(), TakedownPolicy.NEXT_DAY, List.of("Smedjebackens kommun"), null);
  }

  /** An SES delivery notification of the sample mail, as SNS delivers it raw. */
  public static String sesDelivery() {
    return "{\"eventType\":\"Delivery\",\"mail\":{\"timestamp\":\"2024-02-20T08:00:01.120Z\","
        + "\"messageId\":\"priming-0000\",\"destination\":[\"" + RECIPIENT + "\"],\"headersTruncated\":false,"
        + "\"headers\":[{\"name\":\"To\",\"value\":\"" + RECIPIENT + "\"}],"
        + "\"commonHeaders\":{\"to\":[\"" + RECIPIENT + "\"],\"messageId\":\"priming-0000\"}},"
        + "\"delivery\":{\"timestamp\":\"2024-02-20T08:00:03.447Z\",\"processingTimeMillis\":2327,"
        + "\"recipients\":[\"" + RECIPIENT + "\"],\"smtpResponse\":\"250 2.6.0 Message received\"}}";
  }

  /** An SQS event of one message with this body, in Lambda's names. */
  public static byte[] sqsEventJson(ObjectMapper json, String body) throws IOException {
    var event = json.createObjectNode();
    var record = event.putArray("Records").addObject();
    record.put("messageId", "priming-message").put("receiptHandle", "priming-handle").put("body", body)
        .put("md5OfBody", "").put("eventSource", "aws:sqs").put("eventSourceARN", "arn:aws:sqs:::priming")
        .put("awsRegion", "eu-north-1");
    record.putObject("attributes").put("ApproximateReceiveCount", "1").put("SentTimestamp", "1708416000000");
    record.putObject("messageAttributes");
    return json.writeValueAsBytes(event);
  }

  /** An API Gateway payload format 2.0 request without a body or a sign-in. */
  public static byte[] httpEventJson(ObjectMapper json, String method, String routeKey, String path)
      throws IOException {
    var event = json.createObjectNode().put("version", "2.0").put("routeKey", routeKey)
        .put("rawPath", path).put("rawQueryString", "");
    event.putObject("headers").put("accept", "*/*").put("host", "priming.invalid");
    var context = event.putObject("requestContext").put("routeKey", routeKey).put("stage", "$default")
        .put("requestId", "priming").put("timeEpoch", 1708416000000L);
    context.putObject("http").put("method", method).put("path", path).put("protocol", "HTTP/1.1")
        .put("sourceIp", "192.0.2.1").put("userAgent", "priming");
    int page = routeKey.indexOf("{page}");
    if (page >= 0) {
      event.putObject("pathParameters").put("page", path.substring(path.lastIndexOf('/') + 1));
    }
    event.put("isBase64Encoded", false);
    return json.writeValueAsBytes(event);
  }
}
