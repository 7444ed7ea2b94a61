package se.anslag.local.cloud;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test stream handler: records each input and the time its clock showed, answers nothing. */
public final class RecordingStreamHandler implements RequestStreamHandler {

  public record Invocation(RecordingStreamHandler handler, String input, Instant time) {}

  public static final List<Invocation> INVOCATIONS = new CopyOnWriteArrayList<>();

  private final Clock clock;

  private RecordingStreamHandler(Clock clock) {
    this.clock = clock;
  }

  public static RecordingStreamHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new RecordingStreamHandler(clock);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    INVOCATIONS.add(new Invocation(this, new String(input.readAllBytes(), StandardCharsets.UTF_8),
        clock.instant()));
  }
}
