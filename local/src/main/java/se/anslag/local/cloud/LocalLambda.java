package se.anslag.local.cloud;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.anslag.format.Json;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Runs the functions of a template in this JVM the way Lambda would, against a {@link LocalCloud}.
 * Each function's handler is the class named by {@code Handler:}, built once (a cold start) through
 * its {@code public static forEnvironment(Map<String,String>, Clock)} with the function's environment.
 *
 * <p>SQS event sources are polled by {@link #deliverOnce()} and {@link #drain(Duration)}: a batch of up
 * to BatchSize messages becomes the SQS event JSON Lambda sends, decoded for a
 * {@code RequestHandler<SQSEvent, ...>} with the Lambda runtime's own serializers, or given as bytes
 * to a {@code RequestStreamHandler}. Messages are deleted unless reported in batchItemFailures (only
 * with ReportBatchItemFailures, as in Lambda) or unless the invocation threw.
 *
 * <p>Local deviations: queue deliveries run one invocation at a time (HTTP requests through a
 * {@link LocalHttpApi} may run beside them); a failed message becomes visible again after the
 * retry delay (default 1 s) instead of the queue's visibility timeout, so that retries and the
 * dead-letter queue can be seen in seconds; the function timeout is not enforced.
 */
public final class LocalLambda {

  private static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);
  private static final Duration IDLE_POLL = Duration.ofMillis(200);
  private static final int SQS_MAX_RECEIVE = 10;

  private final LocalCloud cloud;
  private final SamTemplate template;
  private final PrintStream progress;
  private final SwitchableClock clock;
  private final ObjectMapper json = Json.mapper();
  private final Map<String, Object> handlers = new HashMap<>();
  // HTTP requests and queue deliveries invoke from different threads.
  private final Map<Class<?>, com.amazonaws.services.lambda.runtime.serialization.PojoSerializer<?>> serializers =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> environmentOverrides = new HashMap<>();
  private Duration retryDelay = DEFAULT_RETRY_DELAY;
  private volatile Redelivery redelivery = (queue, message) -> false;
  private final java.util.concurrent.atomic.AtomicInteger redelivered = new java.util.concurrent.atomic.AtomicInteger();
  /** The queue invocation running now (they run one at a time); null between them. */
  private volatile Invocation current;

  /**
   * One invocation of a function: the threads it runs on and those they start carry it (an inheritable
   * thread-local), so that {@link LocalInvocations} can count each function's SDK requests and stop a
   * killed invocation's.
   */
  public static final class Invocation {
    private final String functionLogicalId;
    private volatile boolean killed;

    Invocation(String functionLogicalId) {
      this.functionLogicalId = functionLogicalId;
    }

    public String functionLogicalId() {
      return functionLogicalId;
    }

    public boolean killed() {
      return killed;
    }
  }

  private static final InheritableThreadLocal<Invocation> INVOCATION = new InheritableThreadLocal<>();

  /** The invocation this thread works for, if any (also on threads the handler started). */
  public static java.util.Optional<Invocation> invocationOfThisThread() {
    return java.util.Optional.ofNullable(INVOCATION.get());
  }

  /**
   * Thrown into a killed invocation's threads at their next SDK request: what Lambda's kill of the
   * runtime (a timeout, running out of memory) does is that nothing after it reaches any service.
   * An Error, so that no handler's catch of RuntimeException writes an outcome on the way out.
   */
  public static final class InvocationKilled extends Error {
    InvocationKilled(String functionLogicalId) {
      super(functionLogicalId + " was killed; this request never left");
    }
  }

  /** Decides whether a message a function handled successfully is delivered once more (SQS's at-least-once). */
  @FunctionalInterface
  public interface Redelivery {
    boolean deliverAgain(String queueLogicalId, Message message);
  }

  public LocalLambda(LocalCloud cloud, Clock clock, PrintStream progress) {
    this.cloud = cloud;
    this.template = cloud.template();
    this.progress = progress;
    this.clock = new SwitchableClock(clock);
  }

  /**
   * Sets the time that every handler sees from now on, also handlers already built (they hold a
   * clock that follows this one). Returns this.
   */
  public LocalLambda withClock(Clock newClock) {
    clock.set(newClock);
    return this;
  }

  /** The clock handlers are given (it follows {@link #withClock}). */
  public Clock clock() {
    return clock;
  }

  /**
   * How long a failed message stays invisible before it is retried (whole seconds; zero retries it
   * at once). Lambda leaves it for the queue's VisibilityTimeout. Returns this.
   */
  public LocalLambda withRetryDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("retry delay must not be negative");
    }
    this.retryDelay = delay;
    return this;
  }

  /**
   * Lets the queues deliver some messages twice, as SQS may: a message that {@code redelivery} picks
   * on its first receive is left in the queue after the function handled it, visible again at once,
   * and received a second time with the same message id. Returns this.
   */
  public LocalLambda withRedelivery(Redelivery redelivery) {
    this.redelivery = redelivery;
    return this;
  }

  /** Messages delivered a second time by {@link #withRedelivery}. */
  public int redelivered() {
    return redelivered.get();
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
  private final Map<String, java.util.concurrent.atomic.LongAdder> processorNanos = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The JVM's processor time while each function's queue invocations ran, by function: theirs, and
   * what ran beside them in this JVM meanwhile (the SQS emulator serving them, a test's proxies).
   */
  public Map<String, Long> processorNanosByFunction() {
    var nanos = new java.util.TreeMap<String, Long>();
    processorNanos.forEach((function, sum) -> nanos.put(function, sum.sum()));
    return nanos;
  }

  /** The queue invocation running now, if any (they run one at a time). */
  public java.util.Optional<Invocation> running() {
    return java.util.Optional.ofNullable(current);
  }

  /**
   * Kills the running queue invocation of this function, as Lambda kills a runtime: the SDK requests
   * its threads make from now on fail with {@link InvocationKilled}, its batch stays in the queue
   * whatever it answers, and the next invocation starts a new handler. Returns whether one was running.
   */
  public boolean kill(String functionLogicalId) {
    var running = current;
    if (running == null || !running.functionLogicalId.equals(functionLogicalId)) {
      return false;
    }
    running.killed = true;
    return true;
  }

  /**
   * Sets variables in one function's environment over what the template gives, for a test that
   * points a function elsewhere (through a fault-injecting proxy, say) or shortens a setting.
   * Only before the function's handler is built, since it reads its environment once. Returns this.
   */
  public synchronized LocalLambda withEnvironment(String functionLogicalId, Map<String, String> overrides) {
    template.function(functionLogicalId); // fails for a function the template does not have
    if (handlers.containsKey(functionLogicalId)) {
      throw new IllegalStateException(functionLogicalId + " has started already; set its environment before");
    }
    environmentOverrides.computeIfAbsent(functionLogicalId, id -> new LinkedHashMap<>()).putAll(overrides);
    return this;
  }

  /**
   * Back to how it started, on the given clock: handlers are built anew on first use (so that
   * nothing a handler keeps, such as the mailer's recent minutes, outlives a {@link LocalCloud#reset}),
   * with the template's environment and the default retry delay. Returns this.
   */
  public synchronized LocalLambda reset(Clock newClock) {
    handlers.clear();
    environmentOverrides.clear();
    retryDelay = DEFAULT_RETRY_DELAY;
    redelivery = (queue, message) -> false;
    clock.set(newClock);
    return this;
  }

  /** The handler instance of a function, built on first use. */
  public synchronized Object handler(String functionLogicalId) {
    return handlers.computeIfAbsent(functionLogicalId, this::newHandler);
  }

  private Object newHandler(String functionLogicalId) {
    SamTemplate.Function function = template.function(functionLogicalId);
    String className = function.handlerClassName();
    Class<?> handlerClass;
    try {
      handlerClass = Class.forName(className, true, classLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("handler class " + className + " of " + functionLogicalId
          + " is not on the class path", e);
    }
    Method factory;
    try {
      factory = handlerClass.getMethod("forEnvironment", Map.class, Clock.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(className + " (handler of " + functionLogicalId
          + ") has no public static forEnvironment(Map<String,String>, java.time.Clock)", e);
    }
    if (!Modifier.isStatic(factory.getModifiers())) {
      throw new IllegalStateException(className + ".forEnvironment must be static");
    }
    try {
      Map<String, String> environment = new LinkedHashMap<>(cloud.environmentOf(functionLogicalId));
      environment.putAll(environmentOverrides.getOrDefault(functionLogicalId, Map.of()));
      Object handler = factory.invoke(null, Map.copyOf(environment), clock);
      if (!(handler instanceof RequestHandler<?, ?>) && !(handler instanceof RequestStreamHandler)) {
        throw new IllegalStateException(className + ".forEnvironment returned " + handler
            + ", neither a RequestHandler nor a RequestStreamHandler");
      }
      progress.println("local lambda: " + functionLogicalId + " started (" + className + ")");
      return handler;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + className + ".forEnvironment", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(functionLogicalId + ": " + className + ".forEnvironment failed: "
          + e.getCause(), e.getCause());
    }
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : LocalLambda.class.getClassLoader();
  }

  // ---------------------------------------------------------------- SQS

  private static final class Tally {
    int invocations;
    int messages;
    int failures;
  }

  /**
   * Polls every SQS event source once: receives up to BatchSize messages, invokes the function with
   * them and deletes what succeeded. Returns the number of messages handed to handlers.
   */
  public int deliverOnce() {
    return deliverOnce(new Tally());
  }

  /** Polls the SQS event sources of one function once; returns the number of messages handed to it. */
  public int deliverOnce(String functionLogicalId) {
    SamTemplate.Function function = template.function(functionLogicalId);
    Tally tally = new Tally();
    int delivered = 0;
    for (SamTemplate.SqsEvent source : function.sqsEvents()) {
      delivered += deliverBatch(function, source, tally);
    }
    return delivered;
  }

  private int deliverOnce(Tally tally) {
    int delivered = 0;
    for (SamTemplate.Function function : template.functions().values()) {
      for (SamTemplate.SqsEvent source : function.sqsEvents()) {
        delivered += deliverBatch(function, source, tally);
      }
    }
    return delivered;
  }

  private int deliverBatch(SamTemplate.Function function, SamTemplate.SqsEvent source, Tally tally) {
    String queueUrl = cloud.queueUrl(source.queueLogicalId());
    List<Message> batch = receive(queueUrl, source.batchSize());
    if (batch.isEmpty()) {
      return 0;
    }
    tally.invocations++;
    tally.messages += batch.size();
    Set<String> failedIds = invokeWithBatch(function, source, batch);
    tally.failures += failedIds.size();
    var again = new LinkedHashSet<String>();
    for (Message message : batch) {
      if (!failedIds.contains(message.messageId())
          && "1".equals(message.attributesAsStrings().get("ApproximateReceiveCount"))
          && redelivery.deliverAgain(source.queueLogicalId(), message)) {
        again.add(message.messageId());
      }
    }
    redelivered.addAndGet(again.size());

    List<Message> succeeded = batch.stream()
        .filter(m -> !failedIds.contains(m.messageId()) && !again.contains(m.messageId())).toList();
    List<Message> failed = batch.stream().filter(m -> failedIds.contains(m.messageId())).toList();
    List<Message> redeliver = batch.stream().filter(m -> again.contains(m.messageId())).toList();
    for (List<Message> chunk : chunks(redeliver)) {
      cloud.sqs().changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(chunk.stream()
          .map(m -> ChangeMessageVisibilityBatchRequestEntry.builder()
              .id(m.messageId()).receiptHandle(m.receiptHandle()).visibilityTimeout(0).build())
          .toList()));
    }
    for (List<Message> chunk : chunks(succeeded)) {
      cloud.sqs().deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(chunk.stream()
          .map(m -> DeleteMessageBatchRequestEntry.builder()
              .id(m.messageId()).receiptHandle(m.receiptHandle()).build())
          .toList()));
    }
    int delaySeconds = (int) Math.ceil(retryDelay.toMillis() / 1000.0);
    for (List<Message> chunk : chunks(failed)) {
      cloud.sqs().changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(chunk.stream()
          .map(m -> ChangeMessageVisibilityBatchRequestEntry.builder()
              .id(m.messageId()).receiptHandle(m.receiptHandle())
              .visibilityTimeout(delaySeconds).build())
          .toList()));
    }
    return batch.size();
  }

  private List<Message> receive(String queueUrl, int batchSize) {
    List<Message> batch = new ArrayList<>();
    while (batch.size() < batchSize) {
      int wanted = Math.min(SQS_MAX_RECEIVE, batchSize - batch.size());
      List<Message> received = cloud.sqs().receiveMessage(b -> b.queueUrl(queueUrl)
          .maxNumberOfMessages(wanted)
          .waitTimeSeconds(0)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
          .messageAttributeNames("All")).messages();
      if (received.isEmpty()) {
        break;
      }
      batch.addAll(received);
    }
    return batch;
  }

  private static <T> List<List<T>> chunks(List<T> items) {
    List<List<T>> chunks = new ArrayList<>();
    for (int start = 0; start < items.size(); start += SQS_MAX_RECEIVE) {
      chunks.add(items.subList(start, Math.min(items.size(), start + SQS_MAX_RECEIVE)));
    }
    return chunks;
  }

  /** Invokes the function; returns the ids of the messages that must stay in the queue. */
  private Set<String> invokeWithBatch(SamTemplate.Function function, SamTemplate.SqsEvent source,
                    List<Message> batch) {
    Set<String> allIds = new LinkedHashSet<>();
    batch.forEach(m -> allIds.add(m.messageId()));
    String eventJson = sqsEventJson(cloud.queueArn(source.queueLogicalId()), batch).toString();
    JsonNode response;
    var invocation = new Invocation(function.logicalId());
    current = invocation;
    long cpuBefore = OS.getProcessCpuTime();
    try {
      response = invoke(function, eventJson.getBytes(StandardCharsets.UTF_8), invocation);
    } catch (RuntimeException e) {
      report(function, "invocation with " + batch.size() + " message(s) failed; the batch stays", e);
      return allIds;
    } catch (InvocationKilled killed) {
      response = null;
    } finally {
      current = null;
      processorNanos.computeIfAbsent(function.logicalId(), id -> new java.util.concurrent.atomic.LongAdder())
          .add(OS.getProcessCpuTime() - cpuBefore);
    }
    if (invocation.killed) {
      progress.println("[" + function.logicalId() + "] invocation with " + batch.size()
          + " message(s) killed; the batch stays, and a new runtime starts for the next");
      synchronized (this) {
        handlers.remove(function.logicalId());
      }
      return allIds;
    }
    if (!source.reportsBatchItemFailures()) {
      return Set.of(); // without ReportBatchItemFailures Lambda ignores the response
    }
    JsonNode failures = response.path("batchItemFailures");
    if (failures.isMissingNode() || failures.isNull() || failures.isEmpty()) {
      return Set.of();
    }
    Set<String> failedIds = new LinkedHashSet<>();
    for (JsonNode failure : failures) {
      String id = failure.path("itemIdentifier").asText("");
      if (!allIds.contains(id)) {
        // Lambda treats an empty or unknown itemIdentifier as a failure of the whole batch.
        progress.println("[" + function.logicalId() + "] batchItemFailures names '" + id
            + "', not a message of the batch: the whole batch fails");
        return allIds;
      }
      failedIds.add(id);
    }
    progress.println("[" + function.logicalId() + "] " + failedIds.size() + " of " + batch.size()
        + " message(s) failed and will be retried");
    return failedIds;
  }

  /** The event Lambda builds for a batch from an SQS queue. */
  private ObjectNode sqsEventJson(String queueArn, List<Message> batch) {
    ObjectNode event = json.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (Message message : batch) {
      ObjectNode record = records.addObject();
      record.put("messageId", message.messageId());
      record.put("receiptHandle", message.receiptHandle());
      record.put("body", message.body());
      ObjectNode attributes = record.putObject("attributes");
      message.attributesAsStrings().forEach(attributes::put);
      ObjectNode messageAttributes = record.putObject("messageAttributes");
      message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, messageAttribute(value)));
      record.put("md5OfBody", message.md5OfBody());
      if (message.md5OfMessageAttributes() != null) {
        record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
      }
      record.put("eventSource", "aws:sqs");
      record.put("eventSourceARN", queueArn);
      record.put("awsRegion", Intrinsics.REGION);
    }
    return event;
  }

  private ObjectNode messageAttribute(MessageAttributeValue value) {
    ObjectNode attribute = json.createObjectNode();
    if (value.stringValue() != null) {
      attribute.put("stringValue", value.stringValue());
    }
    if (value.binaryValue() != null) {
      attribute.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
    }
    ArrayNode strings = attribute.putArray("stringListValues");
    value.stringListValues().forEach(strings::add);
    ArrayNode binaries = attribute.putArray("binaryListValues");
    value.binaryListValues().forEach(b -> binaries.add(Base64.getEncoder().encodeToString(b.asByteArray())));
    attribute.put("dataType", value.dataType());
    return attribute;
  }

  /**
   * Delivers until every SQS event-source queue is empty with nothing in flight, or the timeout
   * passes. S3 events already emitted are routed first, so an upload just before is included.
   */
  public DrainReport drain(Duration timeout) {
    return drain(timeout, () -> {});
  }

  /** As {@link #drain(Duration)}, running {@code betweenPasses} after each pass over the event sources. */
  public DrainReport drain(Duration timeout, Runnable betweenPasses) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Tally tally = new Tally();
    boolean timedOut = false;
    while (true) {
      cloud.awaitEventRouting();
      int delivered = deliverOnce(tally);
      betweenPasses.run();
      if (delivered == 0 && eventSourcesIdle()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        timedOut = true;
        progress.println("local lambda: drain stopped after " + timeout + " with messages left");
        break;
      }
      if (delivered == 0) {
        sleep(IDLE_POLL); // what is left is in flight, waiting for its retry
      }
    }
    return new DrainReport(tally.invocations, tally.messages, tally.failures, deadLetterCounts(), timedOut);
  }

  private boolean eventSourcesIdle() {
    for (String queue : eventSourceQueues()) {
      Map<QueueAttributeName, String> attributes = cloud.sqs().getQueueAttributes(b -> b
          .queueUrl(cloud.queueUrl(queue))
          .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
          .attributes();
      for (String count : attributes.values()) {
        if (Integer.parseInt(count) > 0) {
          return false;
        }
      }
    }
    return true;
  }

  private Set<String> eventSourceQueues() {
    Set<String> queues = new LinkedHashSet<>();
    template.functions().values().forEach(f -> f.sqsEvents().forEach(s -> queues.add(s.queueLogicalId())));
    return queues;
  }

  private Map<String, Integer> deadLetterCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String queue : eventSourceQueues()) {
      cloud.deadLetterQueueOf(queue).ifPresent(dlq -> counts.put(dlq, Integer.parseInt(cloud.sqs()
          .getQueueAttributes(b -> b.queueUrl(cloud.queueUrl(dlq))
              .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
          .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))));
    }
    return counts;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while draining", e);
    }
  }

  // ---------------------------------------------------------------- schedule

  /**
   * Invokes the function once for each of its schedule events, with the schedule's Input as the
   * event, as EventBridge Scheduler would at the scheduled time. A failure is thrown.
   */
  public void runSchedule(String functionLogicalId) {
    SamTemplate.Function function = template.function(functionLogicalId);
    if (function.scheduleEvents().isEmpty()) {
      throw new IllegalArgumentException(functionLogicalId + " has no schedule event");
    }
    for (SamTemplate.ScheduleEvent schedule : function.scheduleEvents()) {
      progress.println("local lambda: " + functionLogicalId + " on schedule " + schedule.name() + " ("
          + schedule.expression() + schedule.timezone().map(z -> " " + z).orElse("") + ") at "
          + clock.instant());
      invoke(function, schedule.input().getBytes(StandardCharsets.UTF_8));
    }
  }

  // ---------------------------------------------------------------- invocation

  /**
   * Invokes a function with an event as JSON bytes, as the Lambda runtime does; returns the
   * response as JSON (a missing node when there is none).
   */
  public JsonNode invoke(String functionLogicalId, byte[] eventJson) {
    return invoke(template.function(functionLogicalId), eventJson);
  }

  private JsonNode invoke(SamTemplate.Function function, byte[] eventJson) {
    return invoke(function, eventJson, new Invocation(function.logicalId()));
  }

  private JsonNode invoke(SamTemplate.Function function, byte[] eventJson, Invocation invocation) {
    var outer = INVOCATION.get();
    INVOCATION.set(invocation);
    try {
      return invokeHandler(function, eventJson);
    } finally {
      INVOCATION.set(outer);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private JsonNode invokeHandler(SamTemplate.Function function, byte[] eventJson) {
    Object handler = handler(function.logicalId());
    Context context = new LocalContext(function.logicalId(), cloud.physicalId(function.logicalId()),
        function.timeoutSeconds(), function.memorySizeMb(), progress);
    try {
      if (handler instanceof RequestStreamHandler streamHandler) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        streamHandler.handleRequest(new ByteArrayInputStream(eventJson), output, context);
        return parseResponse(output.toByteArray());
      }
      RequestHandler requestHandler = (RequestHandler) handler;
      Object input = decodeInput(handler.getClass(), eventJson);
      Object output = requestHandler.handleRequest(input, context);
      return responseJson(output);
    } catch (IOException e) {
      throw new LocalInvocationException(function.logicalId(), e);
    }
  }

  private Object decodeInput(Class<?> handlerClass, byte[] eventJson) throws IOException {
    Type inputType = requestHandlerInputType(handlerClass);
    Class<?> inputClass = inputType instanceof ParameterizedType p ? (Class<?>) p.getRawType()
        : inputType instanceof Class<?> c ? c : Object.class;
    if (inputClass == byte[].class) {
      return eventJson;
    }
    if (inputClass == Object.class) {
      return json.readValue(eventJson, Object.class);
    }
    if (inputType instanceof ParameterizedType) {
      return json.readValue(eventJson, json.constructType(inputType));
    }
    // Building a serializer costs more than an invocation: one per event type, as the runtime keeps.
    return serializerFor(inputClass).fromJson(new ByteArrayInputStream(eventJson));
  }

  /**
   * The serializer the Lambda Java runtime uses for a type: its event serializers (with their
   * mix-ins) for the events it knows, its own Jackson configuration for any other class, such as
   * API Gateway's APIGatewayV2HTTPEvent and APIGatewayV2HTTPResponse.
   */
  @SuppressWarnings("unchecked")
  private <T> com.amazonaws.services.lambda.runtime.serialization.PojoSerializer<T> serializerFor(Class<T> type) {
    return (com.amazonaws.services.lambda.runtime.serialization.PojoSerializer<T>) serializers.computeIfAbsent(type,
        t -> LambdaEventSerializers.isLambdaSupportedEvent(t.getName())
            ? LambdaEventSerializers.serializerFor(t, classLoader())
            : com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory.getInstance().getSerializer(t));
  }

  private static Type requestHandlerInputType(Class<?> handlerClass) {
    for (Class<?> type = handlerClass; type != null; type = type.getSuperclass()) {
      for (Type implemented : type.getGenericInterfaces()) {
        if (implemented instanceof ParameterizedType parameterized
            && parameterized.getRawType() == RequestHandler.class) {
          return parameterized.getActualTypeArguments()[0];
        }
      }
    }
    return Object.class;
  }

  private JsonNode responseJson(Object output) {
    if (output == null) {
      return json.missingNode();
    }
    if (output instanceof SQSBatchResponse response) {
      // Built by hand: the getters' bean names are not the wire names Lambda reads.
      ObjectNode node = json.createObjectNode();
      ArrayNode failures = node.putArray("batchItemFailures");
      if (response.getBatchItemFailures() != null) {
        response.getBatchItemFailures().forEach(f -> failures.addObject()
            .put("itemIdentifier", f.getItemIdentifier()));
      }
      return node;
    }
    if (output instanceof byte[] bytes) {
      return parseResponse(bytes);
    }
    if (output instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return parseResponse(bytes);
    }
    if (output instanceof String || output instanceof Number || output instanceof Boolean || output instanceof Map<?, ?>
        || output instanceof java.util.Collection<?>) {
      return json.valueToTree(output);
    }
    return serializeAsTheRuntimeDoes(output);
  }

  @SuppressWarnings("unchecked")
  private <T> JsonNode serializeAsTheRuntimeDoes(T output) {
    var bytes = new ByteArrayOutputStream();
    serializerFor((Class<T>) output.getClass()).toJson(output, bytes);
    return parseResponse(bytes.toByteArray());
  }

  private JsonNode parseResponse(byte[] bytes) {
    if (bytes.length == 0) {
      return json.missingNode();
    }
    try {
      return json.readTree(bytes);
    } catch (IOException e) {
      return json.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private void report(SamTemplate.Function function, String what, RuntimeException e) {
    progress.println("[" + function.logicalId() + "] " + what + ": " + e);
    Throwable cause = e instanceof LocalInvocationException && e.getCause() != null ? e.getCause() : e;
    StackTraceElement[] frames = cause.getStackTrace();
    for (int i = 0; i < Math.min(frames.length, 8); i++) {
      progress.println("[" + function.logicalId() + "]     at " + frames[i]);
    }
  }

  /** An invocation that failed for a reason outside the handler's own exceptions. */
  public static final class LocalInvocationException extends RuntimeException {
    LocalInvocationException(String functionLogicalId, Throwable cause) {
      super(functionLogicalId + ": " + cause.getMessage(), cause);
    }
  }
}
