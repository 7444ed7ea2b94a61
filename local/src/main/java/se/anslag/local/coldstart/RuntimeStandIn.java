package se.anslag.local.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What Lambda's java25 runtime does for one cold start, as a main class on the class path beside a
 * function's deployed artifact (not in it): build the class named by {@code Handler:} with its public
 * no-argument constructor (the environment comes from the process, as on Lambda), decode the event
 * with the runtime's own serializers for a typed handler (a stream handler gets the event's bytes,
 * as on Lambda) and invoke once. Prints one line with the wall-clock instants
 * (microseconds since the epoch) at which the handler was built and returned, and the process's peak
 * resident memory; the benchmark that started the process subtracts its own start instant. Exits 3
 * when the invocation failed (an exception, a message reported as failed, an HTTP error status),
 * so that the benchmark never reports a run that did not do the function's work.
 *
 * <p>Arguments: {@code <handler class>[::method] <event file>}. Only classes of this package and of
 * the artifact may be used here: this package is copied beside the artifact alone.
 */
public final class RuntimeStandIn {
  /** The line the benchmark reads; everything else on standard output is the function's log. */
  public static final String RESULT_PREFIX = "cold-start-result";

  private RuntimeStandIn() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void main(String[] args) throws Exception {
    var handlerClass = Class.forName(args[0].split("::")[0]);
    var event = Files.readAllBytes(Path.of(args[1]));
    Object handler = handlerClass.getConstructor().newInstance();
    long initEnd = epochMicros();
    Context context = new StandInContext();
    Object output;
    if (handler instanceof RequestStreamHandler stream) {
      var response = new ByteArrayOutputStream();
      stream.handleRequest(new ByteArrayInputStream(event), response, context);
      output = response.toByteArray();
    } else {
      var input = serializerFor(inputClass(handlerClass)).fromJson(new ByteArrayInputStream(event));
      output = ((RequestHandler) handler).handleRequest(input, context);
    }
    long invokeEnd = epochMicros();
    var failure = failureIn(output);
    if (failure != null) {
      System.err.println("cold start: the invocation failed: " + failure);
      System.exit(3);
    }
    System.out.printf("%s init_end_us=%d invoke_end_us=%d vmhwm_kb=%s%n", RESULT_PREFIX, initEnd, invokeEnd,
        peakResidentKb());
    System.out.flush();
    // The SDK's idle-connection threads would keep the JVM alive; the runtime freezes it instead.
    System.exit(0);
  }

  private static long epochMicros() {
    var now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  /** As LocalLambda decodes: the runtime's event serializers for the events it knows, its Jackson otherwise. */
  private static com.amazonaws.services.lambda.runtime.serialization.PojoSerializer<?> serializerFor(Class<?> type) {
    return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
        ? LambdaEventSerializers.serializerFor(type, RuntimeStandIn.class.getClassLoader())
        : JacksonFactory.getInstance().getSerializer(type);
  }

  private static Class<?> inputClass(Class<?> handlerClass) {
    for (var implemented : handlerClass.getGenericInterfaces()) {
      if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
        var input = p.getActualTypeArguments()[0];
        return input instanceof ParameterizedType pi ? (Class<?>) pi.getRawType() : (Class<?>) input;
      }
    }
    return Object.class;
  }

  /**
   * Why the response says the work failed, or null: an SQS batch response that names messages, or
   * an HTTP response with an error status (the sample request must be answered). Read by name,
   * since a function's artifact holds only the event classes it uses.
   */
  private static String failureIn(Object output) throws ReflectiveOperationException {
    if (output == null) {
      return null;
    }
    if (output instanceof byte[] json) {
      return failureInJson(new String(json, java.nio.charset.StandardCharsets.UTF_8));
    }
    switch (output.getClass().getSimpleName()) {
      case "SQSBatchResponse" -> {
        var failures = (List<?>) output.getClass().getMethod("getBatchItemFailures").invoke(output);
        return failures == null || failures.isEmpty() ? null : failures.size() + " message(s) reported as failed";
      }
      case "APIGatewayV2HTTPResponse" -> {
        int status = (int) output.getClass().getMethod("getStatusCode").invoke(output);
        return status >= 400 ? "HTTP " + status : null;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * The same for a stream handler's response, read as text: the stand-in has no JSON library of its
   * own (only this package is copied beside the artifact); compiled here, after the time is taken.
   */
  private static String failureInJson(String json) {
    if (java.util.regex.Pattern.compile("\"batchItemFailures\"\\s*:\\s*\\[\\s*\\{").matcher(json).find()) {
      return "message(s) reported as failed: " + json;
    }
    var status = java.util.regex.Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)").matcher(json);
    return status.find() && Integer.parseInt(status.group(1)) >= 400 ? "HTTP " + status.group(1) : null;
  }

  /**
   * The runtime's context, from the environment it sets; a class, not a dynamic proxy, whose
   * generation would add some 15 ms to every first invocation that the runtime does not pay. Not
   * LocalContext either: its random request id costs a SecureRandom, and it lives outside this
   * package, which alone is copied beside the artifact. No logger: the handlers log through
   * java.util.logging.
   */
  private static final class StandInContext implements Context {
    private final String functionName = System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "cold-start");
    private final int memoryMb = Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));

    @Override
    public String getAwsRequestId() {
      return "cold-start";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
      return "cold-start";
    }

    @Override
    public String getFunctionName() {
      return functionName;
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:::function:" + functionName;
    }

    @Override
    public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return memoryMb;
    }

    @Override
    public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
      return null;
    }
  }

  private static String peakResidentKb() throws java.io.IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmHWM:"))
        .map(line -> line.replaceAll("\\D", "")).findFirst().orElse("?");
  }
}
