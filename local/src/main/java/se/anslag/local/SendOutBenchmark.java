package se.anslag.local;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import se.anslag.cli.ProjectRoot;
import se.anslag.domain.SendOutKind;
import se.anslag.compose.DecisionMailComposer;
import se.anslag.compose.RawMime;
import software.amazon.awssdk.core.SdkBytes;
import se.anslag.domain.SendOutStatus;

/**
 * Measures send-outs per second through the whole path (SQS, the mailer with its claims and
 * records, the SES emulator) against a plain loop that composes the same mails and calls SESv2
 * directly, with as many mails in flight in both: what the queue and the bookkeeping of
 * exactly-once delivery cost. Prints figures; asserts nothing.
 */
@Command(name = "benchmark-send-outs", description = {
    "Measure send-outs per second through SQS, the mailer and the SES emulator, against direct SESv2 calls."})
final class SendOutBenchmark implements Callable<Integer> {
  private static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);

  @Spec CommandSpec spec;

  @Option(names = "--paragraphs", defaultValue = "100", description = "Paragraphs in the synthetic minutes (default 100).")
  int paragraphs;

  @Option(names = "--recipients", defaultValue = "10", description = "Recipients of each paragraph (default 10).")
  int recipients;

  @Option(names = "--concurrency", defaultValue = "5",
      description = "Mails in flight at once, in the mailer (MailerParallelism) and in the plain loop alike (default 5, at most 10).")
  int concurrency;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    if (concurrency < 1 || concurrency > 10) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--concurrency must be 1 to 10 (a mailer's batch holds 10 messages), not " + concurrency);
    }
    var root = ProjectRoot.find();
    var work = Files.createTempDirectory("anslag-benchmark-");
    var parallelism = Map.of("MailerParallelism", Integer.toString(concurrency));
    try (var workflow = LocalWorkflow.start(root, parallelism, LocalWorkflow.clockAt(POSTED_ON), System.err)) {
      workflow.loadSetup(SyntheticMinutes.writeSetup(root, work, recipients));
      int sendOuts = paragraphs * recipients;
      out.printf("Benchmark: %d paragraphs x %d recipients = %d send-outs; %d mails in flight at a time in both runs"
          + " (one mailer invocation at a time with MailerParallelism %d, and %d threads in the plain loop)%n",
          paragraphs, recipients, sendOuts, concurrency, concurrency, concurrency);
      out.flush();
      // A whole round first, not reported, so that neither run pays for the JIT compiling the code both share.
      round(workflow, work, LocalDate.of(2024, 2, 7), paragraphs);
      var measured = round(workflow, work, LocalDate.of(2024, 2, 14), paragraphs);
      out.printf("intake of the minutes: %.1f s%n", measured.intakeSeconds());
      report(out, sendOuts, measured);
      return measured.sent() == sendOuts ? 0 : 1;
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private record Round(double intakeSeconds, long sent, double pipelineSeconds, int invocations, CpuUse pipelineCpu,
      int sentDirectly, double directSeconds, CpuUse directCpu) {}

  /**
   * What one run costs: the SDK requests sent (every client in this JVM, the local Lambda's
   * polling included), and the processor time of this JVM (the functions, the SDK clients, the SQS
   * emulator) and of the Node emulators (DynamoDB, SES, S3).
   */
  private static final class CpuUse {
    private static final com.sun.management.OperatingSystemMXBean JVM =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private final ProcessHandle emulators;
    private final long jvmStart;
    private final long emulatorsStart;
    private final Map<String, Long> requestsAtStart = SdkCallCount.snapshot();
    private long jvmNanos;
    private long emulatorNanos;
    private final Map<String, Long> requests = new java.util.TreeMap<>();

    CpuUse(ProcessHandle emulators) {
      this.emulators = emulators;
      this.jvmStart = JVM.getProcessCpuTime();
      this.emulatorsStart = emulatorCpu(emulators);
    }

    void stop() {
      jvmNanos = JVM.getProcessCpuTime() - jvmStart;
      emulatorNanos = emulatorCpu(emulators) - emulatorsStart;
      SdkCallCount.snapshot().forEach((service, count) -> {
        long during = count - requestsAtStart.getOrDefault(service, 0L);
        if (during > 0) {
          requests.put(service, during);
        }
      });
    }

    String perMail(long mails) {
      var perService = new StringBuilder();
      requests.forEach((service, count) -> perService.append(perService.isEmpty() ? "" : ", ")
          .append("%s %.2f".formatted(service, (double) count / mails)));
      long total = requests.values().stream().mapToLong(Long::longValue).sum();
      return "a mail: %.2f SDK requests (%s); processor time: JVM %.1f ms, Node emulators %.1f ms".formatted(
          (double) total / mails, perService, jvmNanos / 1e6 / mails, emulatorNanos / 1e6 / mails);
    }

    private static long emulatorCpu(ProcessHandle emulators) {
      return emulators.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }
  }

  /** Minutes of one meeting through intake and the pipeline, then the same mails through the plain loop. */
  private Round round(LocalWorkflow workflow, Path work, LocalDate meetingDate, int paragraphCount) throws Exception {
    var minutesFile = Files.writeString(work.resolve("benchmark-minutes-" + meetingDate + ".txt"),
        SyntheticMinutes.text(meetingDate, paragraphCount, recipients), StandardCharsets.UTF_8);
    var key = workflow.upload(minutesFile, LocalDate.of(2024, 2, 19), POSTED_ON);
    workflow.cloud().awaitEventRouting();
    long intakeStart = System.nanoTime();
    workflow.lambda().deliverOnce(); // the intake: reading, records, the send-outs queued
    var minutes = workflow.minutesFromUpload(key).orElseThrow();
    double intakeSeconds = (System.nanoTime() - intakeStart) / 1e9;
    var emulators = ProcessHandle.of(workflow.cloud().emulatorPid()).orElseThrow();
    var pipelineCpu = new CpuUse(emulators);
    long start = System.nanoTime();
    var drained = workflow.process();
    double pipelineSeconds = (System.nanoTime() - start) / 1e9;
    pipelineCpu.stop();
    var stores = workflow.stores();
    long sent = stores.sendOuts().sendOuts(minutes.id()).stream()
        .filter(s -> s.kind() == SendOutKind.EMAIL)
        .filter(s -> s.status() == SendOutStatus.SENT || s.status() == SendOutStatus.DELIVERED).count();

    // The plain loop composes and sends the same mails as the mailer, with as many at once, but
    // without the queue and the records; what it needs from the table is read before the clock starts.
    var notice = stores.notices().notices(minutes.id()).getFirst();
    var composer = new DecisionMailComposer();
    var plainSends = new ArrayList<Runnable>();
    var ses = workflow.cloud().sesV2();
    var paragraphs = stores.minutes().paragraphs(minutes.id()).stream()
        .collect(java.util.stream.Collectors.toMap(se.anslag.domain.Paragraph::number, paragraph -> paragraph));
    for (var sendOut : stores.sendOuts().sendOuts(minutes.id())) {
      if (sendOut.kind() == SendOutKind.EMAIL) {
        var paragraph = paragraphs.get(sendOut.paragraph());
        plainSends.add(() -> {
          var mail = composer.compose(minutes, paragraph, sendOut, notice, Optional.empty(), POSTED_ON);
          var raw = RawMime.build(mail, "anslag@example.org", ZonedDateTime.now(), null);
          ses.sendEmail(b -> b.fromEmailAddress("anslag@example.org").destination(d -> d.toAddresses(mail.to()))
              .content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(raw)))));
        });
      }
    }
    var directCpu = new CpuUse(emulators);
    long directStart = System.nanoTime();
    try (var senders = Executors.newFixedThreadPool(concurrency, Thread.ofVirtual().factory())) {
      var sends = plainSends.stream().map(senders::submit).toList();
      for (var send : sends) {
        send.get();
      }
    }
    double directSeconds = (System.nanoTime() - directStart) / 1e9;
    directCpu.stop();
    return new Round(intakeSeconds, sent, pipelineSeconds, drained.invocations(), pipelineCpu, plainSends.size(),
        directSeconds, directCpu);
  }

  private static void report(PrintWriter out, int planned, Round round) {
    double pipelineRate = round.sent() / round.pipelineSeconds();
    double directRate = round.sentDirectly() / round.directSeconds();
    out.printf("pipeline (SQS + mailer + SES emulator):         %d of %d decisions sent in %.1f s = %.1f send-outs/s (%d invocations)%n",
        round.sent(), planned, round.pipelineSeconds(), pipelineRate, round.invocations());
    out.printf("  %s%n", round.pipelineCpu().perMail(round.sent()));
    out.printf("plain loop, compose + SESv2 SendEmail:            %d sent in %.1f s = %.1f mails/s%n",
        round.sentDirectly(), round.directSeconds(), directRate);
    out.printf("  %s%n", round.directCpu().perMail(round.sentDirectly()));
    out.printf("ratio pipeline/direct: %.2f%n", pipelineRate / directRate);
    out.flush();
  }
}
