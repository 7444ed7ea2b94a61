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
import java.util.Optional;
import se.anslag.domain.SendOutKind;
import se.anslag.mail.DecisionMailComposer;
import se.anslag.mail.RawMime;
import software.amazon.awssdk.core.SdkBytes;
import se.anslag.domain.SendOutStatus;

/**
 * Measures send-outs per second through the whole path (SQS, the mailer with its claims and
 * records, the SES emulator) against a plain loop of SESv2 calls to the same emulator, both one
 * at a time: what the bookkeeping of exactly-once delivery costs. Prints figures; asserts nothing.
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

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var root = ProjectRoot.find();
    var work = Files.createTempDirectory("anslag-benchmark-");
    try (var workflow = LocalWorkflow.start(root, LocalWorkflow.clockAt(POSTED_ON), System.err)) {
      workflow.loadSetup(writeSetup(root, work));
      var minutesFile = Files.writeString(work.resolve("benchmark-minutes.txt"), minutesText(), StandardCharsets.UTF_8);
      int sendOuts = paragraphs * recipients;
      out.printf("Benchmark: %d paragraphs x %d recipients = %d send-outs, one invocation at a time%n",
          paragraphs, recipients, sendOuts);
      out.flush();

      var key = workflow.upload(minutesFile, LocalDate.of(2024, 2, 19), POSTED_ON);
      workflow.cloud().awaitEventRouting();
      long intakeStart = System.nanoTime();
      workflow.lambda().deliverOnce(); // the intake: reading, records, 1,000 queued send-outs
      var minutes = workflow.minutesFromUpload(key).orElseThrow();
      double intakeSeconds = (System.nanoTime() - intakeStart) / 1e9;
      out.printf("intake of the minutes: %.1f s%n", intakeSeconds);
      long start = System.nanoTime();
      var drained = workflow.process();
      double pipelineSeconds = (System.nanoTime() - start) / 1e9;
      long sent = workflow.table().sendOuts(minutes.id()).stream()
          .filter(s -> s.kind() == SendOutKind.EMAIL)
          .filter(s -> s.status() == SendOutStatus.SENT || s.status() == SendOutStatus.DELIVERED).count();

      // The same mails the mailer sent (extract with its PDF, as raw MIME), composed before the clock starts.
      var table = workflow.table();
      var notice = table.notices(minutes.id()).getFirst();
      var composer = new DecisionMailComposer();
      var mails = new ArrayList<byte[]>();
      for (var sendOut : table.sendOuts(minutes.id())) {
        if (sendOut.kind() == SendOutKind.EMAIL) {
          var paragraph = table.paragraph(minutes.id(), sendOut.paragraph()).orElseThrow();
          var mail = composer.compose(minutes, paragraph, sendOut, notice, Optional.empty(), POSTED_ON);
          mails.add(RawMime.build(mail, "anslag@example.org", ZonedDateTime.now(), null));
        }
      }
      var ses = workflow.cloud().sesV2();
      long directStart = System.nanoTime();
      for (int i = 0; i < mails.size(); i++) {
        var raw = mails.get(i);
        var to = "mottagare" + (i % recipients) + "@example.org";
        ses.sendEmail(b -> b.fromEmailAddress("anslag@example.org").destination(d -> d.toAddresses(to))
            .content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(raw)))));
      }
      double directSeconds = (System.nanoTime() - directStart) / 1e9;
      report(out, sendOuts, sent, pipelineSeconds, directSeconds, drained.invocations());
      return sent == sendOuts ? 0 : 1;
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static void report(PrintWriter out, int planned, long sent, double pipelineSeconds, double directSeconds,
      int invocations) {
    double pipelineRate = sent / pipelineSeconds;
    double directRate = sent / directSeconds;
    out.printf("pipeline (SQS + mailer + SES emulator):         %d of %d decisions sent in %.1f s = %.1f send-outs/s (%d invocations)%n",
        sent, planned, pipelineSeconds, pipelineRate, invocations);
    out.printf("direct SESv2 loop, the same raw mails:           %d sent in %.1f s = %.1f mails/s%n",
        sent, directSeconds, directRate);
    out.printf("ratio pipeline/direct: %.2f%n", pipelineRate / directRate);
    out.flush();
  }

  private Path writeSetup(Path root, Path work) throws Exception {
    var setup = new StringBuilder(Files.readString(root.resolve("local/setup/sample-setup.yaml")));
    for (int r = 0; r < recipients; r++) {
      setup.append("  - name: Mottagare ").append(r).append('\n')
          .append("    addresses: [mottagare").append(r).append("@example.org]\n");
    }
    return Files.writeString(work.resolve("setup.yaml"), setup);
  }

  /** Minutes laid out as the sample's text: a notice block, then one § per page. */
  private String minutesText() {
    var text = new StringBuilder();
    text.append("ANSLAG/BEVIS\n\nProtokollet är justerat.\n\nOrgan Gemensamma servicenämnden\n\n")
        .append("Sammanträdesdatum 2024-02-14 Paragrafer § 1-").append(paragraphs).append("\n\n")
        .append("Förvaringsplats för protokollet Kanslienheten, stadshuset Ludvika\n\n");
    for (int p = 1; p <= paragraphs; p++) {
      text.append(" § ").append(p).append("  Dnr 2024/").append(p).append("\n\n")
          .append("Ärende nummer ").append(p).append(" om budget\n\n")
          .append("Beslut\nGemensamma servicenämnden godkänner förslaget i ärende ").append(p).append(".\n\n")
          .append("Beskrivning av ärendet\n").append("Underlag och motivering. ".repeat(40)).append("\n\n")
          .append("______\n\nBeslut skickas till\n");
      for (int r = 0; r < recipients; r++) {
        text.append("Mottagare ").append(r).append('\n');
      }
    }
    return text.toString();
  }

}
