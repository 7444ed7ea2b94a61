package se.anslag.local.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Lambda's java25 runtime does for one cold start, as a main class on the class path beside a
 * function's deployed artifact (not in it): build the class named by {@code Handler:} with its public
 * no-argument constructor (the environment comes from the process, as on Lambda), decode the event
 * with the runtime's own serializers and invoke once. Prints one line of figures, measured from the
 * JVM's start. Work in progress (issue 15, item 1): not yet driven by a benchmark command.
 *
 * <p>Arguments: {@code <handler class>[::method] <event file>}.
 */
public final class RuntimeStandIn {
  private RuntimeStandIn() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void main(String[] args) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    var handlerClass = Class.forName(args[0].split("::")[0]);
    var event = Files.readAllBytes(Path.of(args[1]));
    Object handler = handlerClass.getConstructor().newInstance();
    long initEnd = System.currentTimeMillis();
    Context context = context();
    if (handler instanceof RequestStreamHandler stream) {
      stream.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), context);
    } else {
      var input = LambdaEventSerializers.serializerFor(inputClass(handlerClass), handlerClass.getClassLoader())
          .fromJson(new ByteArrayInputStream(event));
      ((RequestHandler) handler).handleRequest(input, context);
    }
    long invokeEnd = System.currentTimeMillis();
    System.out.printf("cold-start init_ms=%d invoke_ms=%d total_ms=%d vmhwm_kb=%s%n", initEnd - jvmStart,
        invokeEnd - initEnd, invokeEnd - jvmStart, peakResidentKb());
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

  /** A context whose methods give nothing: the handlers read only the request id and logger, if anything. */
  private static Context context() {
    return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
        (proxy, method, arguments) -> switch (method.getName()) {
          case "getAwsRequestId" -> "cold-start";
          case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 30_000;
          default -> null;
        });
  }

  private static String peakResidentKb() throws java.io.IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmHWM:"))
        .map(line -> line.replaceAll("\\D", "")).findFirst().orElse("?");
  }
}
