package se.anslag.local;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import se.anslag.cli.AnslagCli;
import se.anslag.cli.ProjectRoot;
import se.anslag.domain.SwedishTime;
import se.anslag.format.Json;
import se.anslag.local.cloud.SamTemplate;
import se.anslag.local.coldstart.FloorHandler;
import se.anslag.local.coldstart.RuntimeStandIn;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Cold starts of every function as Lambda's java25 runtime makes them: for each run a fresh JVM
 * with the runtime's options and a heap of 85 % of the function's MemorySize, on the class path the
 * function's shaded artifact (as Maven packages it for sam build) and the runtime's serializers,
 * builds the Handler: class and handles the function's sample event from events/ against the local
 * emulators, rewritten to this local stack's names. Before every run the cloud is emptied and the
 * records the event needs are written back, so that each run does the same work. Beside each run,
 * the floor ({@link FloorHandler}) in the same setup: the same clients and one trivial request.
 * Prints figures; asserts nothing, but fails when a run fails.
 */
@Command(name = "benchmark-cold-start", description = {
    "Measure each function's cold start in fresh JVMs, as Lambda's java25 runtime starts them."})
final class ColdStartBenchmark implements Callable<Integer> {
  /** Lambda's java25 runtime starts the JVM with these (and a heap from the memory size). */
  static final List<String> RUNTIME_OPTIONS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
  private static final double HEAP_SHARE = 0.85;
  private static final long PROCESS_TIMEOUT_SECONDS = 120;
  private static final String SAMPLE_MINUTES = DemoCommand.SAMPLE_MINUTES;
  private static final String MAILER_FUNCTION = "DecisionMailerFunction";

  @Spec CommandSpec spec;

  @Option(names = "--runs", defaultValue = "5", description = "Measured fresh JVMs per function, after one warm-up (default 5).")
  int runs;

  @Option(names = "--show-output", description = "Print what each function logged in its last run, to see that it did its work.")
  boolean showOutput;

  @Option(names = "--java-option", paramLabel = "OPTION",
      description = "A further JVM option for every function and floor process, such as -Xlog:class+load:file=/tmp/cold-%p.log (repeatable).")
  List<String> javaOptions = new ArrayList<>();

  private final ObjectMapper json = Json.mapper();
  private volatile Process running;

  /** What a function's runs start from: the items of the table (the sample minutes are uploaded again each run). */
  private record State(List<Map<String, AttributeValue>> items) {}

  /** One run's figures, in milliseconds from the process's start, and its peak resident memory. */
  private record Run(double initMs, double invokeMs, double totalMs, long peakKb) {}

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    if (runs < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1, not " + runs);
    }
    var root = ProjectRoot.find();
    var work = Files.createTempDirectory("anslag-cold-start-");
    // Ctrl-C or SIGTERM while a function runs: the cloud's own hook stops the emulators, this one the
    // function, and removes its files.
    var stopRunning = new Thread(() -> {
      var process = running;
      if (process != null) {
        process.destroyForcibly();
      }
      try {
        deleteRecursively(work);
      } catch (IOException | UncheckedIOException e) {
        System.err.println("cold start: cannot delete " + work + ": " + e.getMessage());
      }
    }, "cold-start-stop-function");
    Runtime.getRuntime().addShutdownHook(stopRunning);
    try (var workflow = LocalWorkflow.start(root, SwedishTime.systemClock(), System.err)) {
      var classPathTail = runtimeClassPath(work);
      var prepared = new Preparation(root, workflow);
      out.printf("Cold start: %d fresh JVMs per function after 1 warm-up, each handling the function's sample event"
          + " against the local emulators; java %s -Xmx(%d %% of MemorySize); load average (1, 5, 15 min) %s%n",
          runs, String.join(" ", RUNTIME_OPTIONS), Math.round(HEAP_SHARE * 100), loadAverage());
      out.flush();
      for (var function : workflow.cloud().template().functions().values()) {
        var module = moduleOf(function.logicalId());
        var artifact = artifact(root, module);
        var event = prepared.eventFor(function, module);
        var eventFile = Files.write(work.resolve(module + ".json"), event);
        var environment = environmentOf(workflow, function);
        var classPath = artifact + java.io.File.pathSeparator + classPathTail;
        var floor = floorOf(workflow.cloud().template(), function.logicalId());
        var floorEnvironment = new LinkedHashMap<>(environment);
        floorEnvironment.put(FloorHandler.CLIENTS_VARIABLE, String.join(",", floor.clients()));
        var measured = new ArrayList<Run>();
        var floorMeasured = new ArrayList<Run>();
        // Function and floor alternate, so that a change in the machine's load meets both alike.
        for (int run = 0; run <= runs; run++) {
          prepared.restore(function.logicalId());
          var figures = startAndInvoke(function, module, run, function.handler(), classPath, environment, eventFile, work);
          var floorFigures = startAndInvoke(function, module + "-floor", run, FloorHandler.class.getName(), classPath,
              floorEnvironment, eventFile, work);
          if (run > 0) { // the first run warms the page cache and the emulators
            measured.add(figures);
            floorMeasured.add(floorFigures);
          }
        }
        report(out, module, function, Files.size(artifact), measured, floor, floorMeasured);
        if (showOutput) {
          Files.readAllLines(work.resolve(module + "-" + runs + ".out")).forEach(line -> out.println("  | " + line));
        }
      }
      out.printf("load average at the end: %s%n", loadAverage());
      out.flush();
      return 0;
    } finally {
      var process = running;
      if (process != null) {
        process.destroyForcibly();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(stopRunning);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
      deleteRecursively(work);
    }
  }

  /**
   * The records and events of the runs: the setup alone for intake; for the others what intake of
   * the sample minutes recorded, and for the delivery events also the mail the mailer sent, so that
   * the sample events name minutes, send-outs and SES message ids that exist.
   */
  private final class Preparation {
    private final Path root;
    private final LocalWorkflow workflow;
    private final Path minutesFile;
    private final String tableName;
    private final State setupOnly;
    private final State afterIntake;
    private final State afterMail;
    private final String uploadKey;
    private final String minutesId;
    private final byte[] mailerEvent;
    private final String sesMessageId;

    Preparation(Path root, LocalWorkflow workflow) throws IOException {
      this.root = root;
      this.workflow = workflow;
      this.minutesFile = root.resolve(SAMPLE_MINUTES);
      var cloud = workflow.cloud();
      this.tableName = cloud.physicalId(cloud.template().resourcesOfType("AWS::DynamoDB::Table").getFirst().logicalId());
      workflow.loadSetup(root.resolve("local/setup/sample-setup.yaml"));
      this.setupOnly = snapshot();
      this.uploadKey = workflow.upload(minutesFile, null, null);
      cloud.awaitEventRouting();
      if (workflow.lambda().deliverOnce(LocalWorkflow.INTAKE_FUNCTION) != 1) {
        throw new AnslagCli.CommandFailure(1, "cold start: the upload of the sample minutes did not reach intake");
      }
      this.minutesId = workflow.minutesFromUpload(uploadKey).orElseThrow(() -> new AnslagCli.CommandFailure(1,
          "cold start: intake recorded no minutes for the sample " + uploadKey)).id();
      this.afterIntake = snapshot();
      var mailerFunction = cloud.template().function(MAILER_FUNCTION);
      this.mailerEvent = rewriteSqs(mailerFunction, read(root, moduleOf(MAILER_FUNCTION)),
          body -> body.put("minutesId", minutesId));
      var response = workflow.lambda().invoke(MAILER_FUNCTION, mailerEvent);
      if (!response.path("batchItemFailures").isEmpty()) {
        throw new AnslagCli.CommandFailure(1, "cold start: the mailer failed the sample send-outs: " + response);
      }
      var target = json.readTree(json.readTree(mailerEvent).path("Records").get(0).path("body").asText())
          .path("target").asText();
      this.sesMessageId = workflow.stores().sendOuts().sendOuts(minutesId).stream()
          .filter(sendOut -> sendOut.paragraph() == 1 && sendOut.target().equals(target))
          .map(se.anslag.domain.SendOut::sesMessageId).filter(id -> id != null).findFirst()
          .orElseThrow(() -> new AnslagCli.CommandFailure(1, "cold start: the mailer sent no mail to " + target));
      this.afterMail = snapshot();
    }

    /** The function's sample event, naming this stack's queue, bucket, minutes and mail. */
    byte[] eventFor(SamTemplate.Function function, String module) throws IOException {
      var sample = read(root, module);
      long minutesSize = Files.size(minutesFile);
      return switch (function.logicalId()) {
        case LocalWorkflow.INTAKE_FUNCTION -> rewriteSqs(function, sample, body -> {
          var bucket = workflow.cloud().physicalId("ProtocolsBucket");
          body.putArray("resources").add("arn:aws:s3:::" + bucket);
          var detail = (ObjectNode) body.path("detail");
          detail.putObject("bucket").put("name", bucket);
          ((ObjectNode) detail.path("object")).put("key", uploadKey).put("size", minutesSize);
        });
        case MAILER_FUNCTION -> mailerEvent;
        case "DeliveryEventsFunction" -> rewriteSqs(function, sample, body -> {
          var mail = (ObjectNode) body.path("mail");
          mail.put("messageId", sesMessageId);
          ((ObjectNode) mail.path("commonHeaders")).put("messageId", sesMessageId);
        });
        default -> sample; // the board's schedule input and the desk's request name nothing of a stack
      };
    }

    /** Empties the cloud and writes back what the function's run starts from. */
    void restore(String functionLogicalId) throws IOException {
      workflow.cloud().reset();
      var state = switch (functionLogicalId) {
        case LocalWorkflow.INTAKE_FUNCTION -> setupOnly;
        case "DeliveryEventsFunction" -> afterMail;
        default -> afterIntake;
      };
      var puts = state.items().stream().map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
      for (int start = 0; start < puts.size(); start += 25) { // BatchWriteItem takes at most 25
        var batch = puts.subList(start, Math.min(puts.size(), start + 25));
        var unprocessed = workflow.cloud().dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(tableName, batch)))
            .unprocessedItems();
        if (!unprocessed.isEmpty()) {
          throw new IllegalStateException("the DynamoDB emulator left writes unprocessed in " + tableName);
        }
      }
      if (!workflow.upload(minutesFile, null, null).equals(uploadKey)) {
        throw new IllegalStateException("the sample minutes went to another key than " + uploadKey);
      }
      workflow.cloud().awaitEventRouting();
    }

    private State snapshot() {
      var items = new ArrayList<Map<String, AttributeValue>>();
      workflow.cloud().dynamoDb().scanPaginator(b -> b.tableName(tableName)).forEach(page -> items.addAll(page.items()));
      return new State(List.copyOf(items));
    }

    /** An SQS event with each message's body changed, from the function's own queue. */
    private byte[] rewriteSqs(SamTemplate.Function function, byte[] sample,
        java.util.function.Consumer<ObjectNode> changeBody) throws IOException {
      var event = json.readTree(sample);
      var queueArn = workflow.cloud().queueArn(function.sqsEvents().getFirst().queueLogicalId());
      for (var record : event.path("Records")) {
        var body = (ObjectNode) json.readTree(record.path("body").asText());
        changeBody.accept(body);
        ((ObjectNode) record).put("body", json.writeValueAsString(body)).put("eventSourceARN", queueArn)
            .put("awsRegion", workflow.cloud().physicalId("AWS::Region"));
      }
      return json.writeValueAsBytes(event);
    }
  }

  private static byte[] read(Path root, String module) throws IOException {
    return Files.readAllBytes(root.resolve("events").resolve(module + ".json"));
  }

  /** ProtocolIntakeFunction lives in functions/protocol-intake, its sample in events/protocol-intake.json. */
  static String moduleOf(String functionLogicalId) {
    var name = functionLogicalId.replaceFirst("Function$", "");
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static Path artifact(Path root, String module) throws IOException {
    var target = root.resolve("functions").resolve(module).resolve("target");
    try (var jars = Files.exists(target) ? Files.list(target) : Stream.<Path>empty()) {
      return jars.filter(jar -> jar.getFileName().toString().matches(module + "-.*-lambda\\.jar")).findFirst()
          .orElseThrow(() -> new AnslagCli.CommandFailure(1, "cold start: no shaded artifact "
              + module + "-*-lambda.jar in " + target + "; build it with mvn package (./anslag builds it)"));
    }
  }

  /** As on Lambda: the function's environment from the template, with the runtime's own variables. */
  private static Map<String, String> environmentOf(LocalWorkflow workflow, SamTemplate.Function function) {
    var environment = new LinkedHashMap<>(workflow.cloud().environmentOf(function.logicalId()));
    environment.put("TZ", ":UTC");
    environment.put("LANG", "en_US.UTF-8");
    return environment;
  }

  /**
   * The runtime's part of the class path: its serializers (the runtime brings its own) and the
   * stand-in, copied out alone, since the local module's classes hold an SDK interceptor that would
   * count every request the function makes.
   */
  private static String runtimeClassPath(Path work) throws IOException, URISyntaxException {
    var standIn = Path.of(RuntimeStandIn.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (!Files.isDirectory(standIn)) {
      throw new IllegalStateException("the stand-in must be run from the local module's classes, not " + standIn);
    }
    var packagePath = RuntimeStandIn.class.getPackageName().replace('.', '/');
    var copy = Files.createDirectories(work.resolve("runtime").resolve(packagePath));
    try (var classes = Files.list(standIn.resolve(packagePath))) {
      for (var file : classes.filter(f -> f.toString().endsWith(".class")).toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    var serializers = Path.of(LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return serializers + java.io.File.pathSeparator + work.resolve("runtime");
  }

  private Run startAndInvoke(SamTemplate.Function function, String module, int run, String handler, String classPath,
      Map<String, String> environment, Path eventFile, Path work) throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(RUNTIME_OPTIONS);
    command.add("-Xmx" + Math.round(function.memorySizeMb() * HEAP_SHARE) + "m");
    command.addAll(javaOptions);
    command.addAll(List.of("-cp", classPath, RuntimeStandIn.class.getName(), handler, eventFile.toString()));
    var output = work.resolve(module + "-" + run + ".out");
    var builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    long startUs = epochMicros();
    var process = builder.start();
    running = process;
    try {
      if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw failure(module, run, "did not return within " + PROCESS_TIMEOUT_SECONDS + " s", output);
      }
      if (process.exitValue() != 0) {
        throw failure(module, run, "exited with status " + process.exitValue(), output);
      }
    } finally {
      process.destroyForcibly();
      process.waitFor();
      running = null;
    }
    var result = Files.readAllLines(output).stream().filter(line -> line.startsWith(RuntimeStandIn.RESULT_PREFIX + " "))
        .findFirst().orElseThrow(() -> failure(module, run, "printed no result line", output));
    var fields = new LinkedHashMap<String, String>();
    for (var field : result.substring(RuntimeStandIn.RESULT_PREFIX.length()).trim().split(" ")) {
      var parts = field.split("=", 2);
      fields.put(parts[0], parts[1]);
    }
    long initEnd = Long.parseLong(fields.get("init_end_us"));
    long invokeEnd = Long.parseLong(fields.get("invoke_end_us"));
    return new Run((initEnd - startUs) / 1000.0, (invokeEnd - initEnd) / 1000.0, (invokeEnd - startUs) / 1000.0,
        Long.parseLong(fields.get("vmhwm_kb")));
  }

  private static AnslagCli.CommandFailure failure(String module, int run, String what, Path output) {
    List<String> lines;
    try {
      lines = Files.readAllLines(output);
    } catch (IOException e) {
      lines = List.of("(cannot read " + output + ": " + e.getMessage() + ")");
    }
    var tail = lines.subList(Math.max(0, lines.size() - 25), lines.size());
    return new AnslagCli.CommandFailure(1, "cold start: " + module + (run == 0 ? " (warm-up)" : " run " + run)
        + " " + what + "; its output ends:\n  " + String.join("\n  ", tail));
  }

  /** What a function's floor builds: these clients, the first of them the one it requests. */
  record Floor(List<String> clients) {}

  /**
   * A client for each service the function's policies allow (IamPolicyIT holds the grants to what
   * the function calls, so these are the clients its component builds), the one its first request
   * goes to first: intake reads the upload before anything else, the others the table.
   */
  static Floor floorOf(SamTemplate template, String functionLogicalId) {
    var services = new java.util.TreeSet<String>();
    for (var policy : template.resource(functionLogicalId).property("Policies")) {
      for (var name : (Iterable<String>) policy::fieldNames) {
        if (!name.equals("Statement")) {
          services.add(serviceOf(name.replaceFirst("^(DynamoDB|S3|SQS|SES).*", "$1"), functionLogicalId));
          continue; // a SAM policy template, named for its service
        }
        for (var statement : policy.path("Statement")) {
          var actions = statement.path("Action");
          if ("Allow".equals(statement.path("Effect").asText())) {
            (actions.isArray() ? actions.valueStream() : Stream.of(actions))
                .forEach(action -> services.add(serviceOf(action.asText().split(":")[0], functionLogicalId)));
          }
        }
      }
    }
    var first = functionLogicalId.equals(LocalWorkflow.INTAKE_FUNCTION) ? "S3" : "DYNAMODB";
    if (!services.remove(first)) {
      throw new AnslagCli.CommandFailure(1, "cold start: " + functionLogicalId + " is granted no " + first
          + ", the service its floor requests first; see ColdStartBenchmark.floorOf");
    }
    var clients = new ArrayList<String>(List.of(first));
    clients.addAll(services);
    return new Floor(List.copyOf(clients));
  }

  private static String serviceOf(String iamPrefix, String functionLogicalId) {
    return switch (iamPrefix.toLowerCase(Locale.ROOT)) {
      case "dynamodb" -> "DYNAMODB";
      case "s3" -> "S3";
      case "sqs" -> "SQS";
      case "ses" -> "SESV2";
      default -> throw new AnslagCli.CommandFailure(1, "cold start: " + functionLogicalId + " is granted " + iamPrefix
          + ", for which the floor builds no client; add it to FloorHandler");
    };
  }

  private static void report(PrintWriter out, String module, SamTemplate.Function function, long artifactBytes,
      List<Run> measured, Floor floor, List<Run> floorMeasured) {
    out.printf("%-16s artifact %.1f MB, MemorySize %d MB%n", module, artifactBytes / 1e6, function.memorySizeMb());
    out.printf("  function: init %s ms, first invocation %s ms, total %s ms (min/median/max); VmHWM %s MB (median/max)%n",
        spread(measured, Run::initMs), spread(measured, Run::invokeMs), spread(measured, Run::totalMs), peak(measured));
    out.printf("  floor:    init %s ms, first invocation %s ms, total %s ms; VmHWM %s MB (clients %s, one %s request)%n",
        spread(floorMeasured, Run::initMs), spread(floorMeasured, Run::invokeMs), spread(floorMeasured, Run::totalMs),
        peak(floorMeasured), String.join(", ", floor.clients()), floor.clients().getFirst());
    out.printf("  ratio function/floor (medians): total %.2f, init %.2f, first invocation %.2f%n",
        ratio(measured, floorMeasured, Run::totalMs), ratio(measured, floorMeasured, Run::initMs),
        ratio(measured, floorMeasured, Run::invokeMs));
    out.flush();
  }

  private static double ratio(List<Run> function, List<Run> floor, java.util.function.ToDoubleFunction<Run> figure) {
    return median(function.stream().mapToDouble(figure).sorted().toArray())
        / median(floor.stream().mapToDouble(figure).sorted().toArray());
  }

  private static String spread(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
    var sorted = runs.stream().mapToDouble(figure).sorted().toArray();
    return "%.0f/%.0f/%.0f".formatted(sorted[0], median(sorted), sorted[sorted.length - 1]);
  }

  static double median(double[] sorted) {
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static String peak(List<Run> runs) {
    var sorted = runs.stream().mapToDouble(run -> run.peakKb() / 1024.0).sorted().toArray();
    return "%.0f/%.0f".formatted(median(sorted), sorted[sorted.length - 1]);
  }

  private static long epochMicros() {
    var now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  private static String loadAverage() {
    try {
      var fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (var files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
