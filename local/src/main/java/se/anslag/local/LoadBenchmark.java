package se.anslag.local;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `./anslag benchmark load`: the whole system with many organs at once and faults injected from a
 * seed (see {@link LoadRun}); prints the figures, and exits non-zero when a send-out was lost or
 * sent twice, or anything else came out wrong. Asserts nothing about time.
 */
@Command(name = "benchmark-load", description = {
    "Run many sets of minutes of many organs through the local cloud with faults injected, check that nothing",
    "was lost or sent twice, and print the rate, the requests and processor time a send-out, and the memory."})
final class LoadBenchmark implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated minutes and of the faults (default 1).")
  long seed;

  @Option(names = "--minutes", defaultValue = "100", description = "Sets of minutes uploaded together (default 100).")
  int minutes;

  @Option(names = "--organs", defaultValue = "20", description = "Organs (default 20), on --boards boards.")
  int organs;

  @Option(names = "--boards", defaultValue = "10", description = "Boards (default 10).")
  int boards;

  @Option(names = "--parallelism", defaultValue = "5", description = "MailerParallelism (default 5).")
  int parallelism;

  @Option(names = "--log", description = "Where the functions' and the local cloud's log goes (default: a file under local/target).")
  Path log;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var base = LoadRun.Config.benchmark(seed);
    var config = new LoadRun.Config(seed, boards, organs, minutes, base.maxParagraphs(), base.maxLines(), parallelism,
        base.sesRefusedShare(), base.redeliveredShare(), base.timeout());
    var logFile = log != null ? log : se.anslag.cli.ProjectRoot.find().resolve("local/target/load-benchmark.log");
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    var load = Files.readString(Path.of("/proc/loadavg")).split(" ");
    try (var progress = new PrintStream(Files.newOutputStream(logFile), true, java.nio.charset.StandardCharsets.UTF_8)) {
      // The functions log every retried send-out; that goes to the file, not the terminal.
      var root = Logger.getLogger("");
      var handler = new java.util.logging.StreamHandler(progress, new java.util.logging.SimpleFormatter());
      for (var existing : root.getHandlers()) {
        root.removeHandler(existing);
      }
      root.addHandler(handler);
      var run = new LoadRun(config, progress);
      print(out, run.scenario(), config, logFile, load);
      var result = run.run();
      handler.flush();
      report(out, result, Files.readString(Path.of("/proc/loadavg")).split(" "));
      return result.problems().isEmpty() ? 0 : 1;
    }
  }

  private static void print(PrintWriter out, LoadScenario scenario, LoadRun.Config config, Path logFile, String[] load) {
    out.printf("Load benchmark, seed %d: %s; %d send-outs planned (%d mails); MailerParallelism %d%n", config.seed(),
        scenario.sizes(), scenario.expectedSendOutCount(), scenario.expectedMailCount(), config.parallelism());
    out.printf("faults: SES refuses %.0f %% of SendEmail calls, each queue delivers %.0f %% of its messages twice, one mailer"
        + " invocation killed after SES accepted, SES stopped and started once, one board render's S3 write refused%n",
        config.sesRefusedShare() * 100, config.redeliveredShare() * 100);
    out.printf("machine: %d processors, load average %s %s %s at the start; log: %s%n",
        Runtime.getRuntime().availableProcessors(), load[0], load[1], load[2], logFile);
    out.flush();
  }

  static void report(PrintWriter out, LoadRun.Result result, String[] load) {
    long sendOuts = result.sendOuts();
    out.printf("send-outs: %d settled, %d mails in the SES mailbox; lost %d, sent twice %d%n", sendOuts, result.mails(),
        result.lost(), result.doubled());
    out.printf("time: %.1f s from the first upload until the queues were empty (%d invocations); %.1f s to the last mail"
        + "; %.1f send-outs/s, %.1f mails/s%n", result.drainSeconds(), result.invocations(), result.uploadToLastMailSeconds(),
        sendOuts / result.drainSeconds(), result.mails() / result.uploadToLastMailSeconds());
    var byFunction = new java.util.TreeMap<String, Long>();
    long functionRequests = 0;
    long mailerRequests = 0;
    for (var entry : result.requests().entrySet()) {
      var function = entry.getKey().substring(0, entry.getKey().indexOf(' '));
      byFunction.merge(function, entry.getValue(), Long::sum);
      if (!function.equals(SdkCallCount.OUTSIDE_FUNCTIONS)) {
        functionRequests += entry.getValue();
      }
      if (function.equals(LoadRun.MAILER)) {
        mailerRequests += entry.getValue();
      }
    }
    out.printf("SDK requests a send-out: the mailer %.2f (floor 3: claim, send, outcome), all functions %.2f; "
        + "the local Lambda's polling and the fault harness %.2f more%n", (double) mailerRequests / sendOuts,
        (double) functionRequests / sendOuts, (double) byFunction.getOrDefault(SdkCallCount.OUTSIDE_FUNCTIONS, 0L) / sendOuts);
    var perRequest = new StringBuilder();
    result.requests().forEach((key, count) -> perRequest.append(perRequest.isEmpty() ? "" : ", ")
        .append("%s %.2f".formatted(key, (double) count / sendOuts)));
    out.printf("  by function and service, a send-out: %s%n", perRequest);
    long sqsEmulator = result.jvmCpuByThreadGroup().entrySet().stream()
        .filter(e -> e.getKey().startsWith("elasticmq") || e.getKey().startsWith("pekko"))
        .mapToLong(Map.Entry::getValue).sum();
    long proxy = result.jvmCpuByThreadGroup().getOrDefault("fault proxy (connections)", 0L);
    long rest = result.jvmCpuNanos() - sqsEmulator - proxy;
    out.printf("JVM processor time a send-out: %.2f ms in all; %.2f ms without the SQS emulator (%.2f ms) and the"
        + " SES fault proxy (%.2f ms): the functions, the SDK, the local Lambda%n", result.jvmCpuNanos() / 1e6 / sendOuts,
        rest / 1e6 / sendOuts, sqsEmulator / 1e6 / sendOuts, proxy / 1e6 / sendOuts);
    out.printf("  while each function's invocations ran (with the SQS emulator serving them), a send-out: %s%n",
        result.jvmCpuByFunction().entrySet().stream()
            .map(e -> "%s %.2f ms".formatted(e.getKey(), e.getValue() / 1e6 / sendOuts)).toList());
    var groups = new java.util.ArrayList<>(result.jvmCpuByThreadGroup().entrySet());
    groups.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    out.printf("  the JVM's threads that took most, a send-out: %s%n", groups.stream().limit(8)
        .map(e -> "%s %.2f ms".formatted(e.getKey(), e.getValue() / 1e6 / sendOuts)).toList());
    out.printf("peak memory (VmHWM): JVM %d MiB; emulators %s%n", result.jvmPeakKib() / 1024,
        result.emulatorPeakKib().entrySet().stream().map(e -> "pid " + e.getKey() + " " + e.getValue() / 1024 + " MiB").toList());
    for (var fault : result.faults()) {
      out.printf("fault: %-48s injected %4d, %s%n", fault.name(), fault.injected(),
          result.problems().isEmpty() ? "survived" : "see the problems below");
    }
    out.printf("load average at the end: %s %s %s%n", load[0], load[1], load[2]);
    if (result.problems().isEmpty()) {
      out.println("OK: every send-out settled, none lost, none sent twice, every notice on its boards with its dates,"
          + " every queue and dead-letter queue empty");
    } else {
      out.printf("FAILED: %d problem(s)%n", result.problems().size());
      result.problems().forEach(problem -> out.println("  " + problem));
    }
    out.flush();
  }
}
