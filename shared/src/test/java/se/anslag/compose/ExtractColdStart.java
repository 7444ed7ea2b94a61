package se.anslag.compose;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.Paragraph;
import se.anslag.domain.ParagraphRange;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.TakedownPolicy;

/**
 * How long a fresh JVM takes to compose its first decision extract (the PDF), as a new mailer's first message
 * does: starts {@code runs} JVMs with the given class path, each composing one extract of the sample's § 1 and
 * then 20 more, and prints the medians. A benchmark, not a test. Run it on the mailer's deployment jar
 * ({@code ./anslag benchmark extract}), so that the classes load from the artifact Lambda gets:
 *
 * <pre>
 * java -cp functions/decision-mailer/target/decision-mailer-1.0.0-SNAPSHOT-lambda.jar:shared/target/test-classes \
 *     se.anslag.compose.ExtractColdStart [runs]
 * </pre>
 */
public final class ExtractColdStart {
  private static final Instant NOW = Instant.parse("2024-02-20T08:00:00Z");
  private static final String ONCE = "--once";

  private ExtractColdStart() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals(ONCE)) {
      once(args.length > 1 ? Integer.parseInt(args[1]) : 20);
      return;
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    var java = ProcessHandle.current().info().command().orElse("java");
    var classPath = System.getProperty("java.class.path");
    var results = new ArrayList<double[]>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      var process = new ProcessBuilder(java, "-cp", classPath, ExtractColdStart.class.getName(), ONCE)
          .redirectErrorStream(true).start();
      var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("the run failed:\n" + output);
      }
      double wall = (System.nanoTime() - start) / 1e6;
      var line = output.lines().filter(l -> l.startsWith("figures ")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no figures in:\n" + output));
      var fields = line.substring("figures ".length()).split(" ");
      results.add(new double[] {wall, Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
          Double.parseDouble(fields[2]), Double.parseDouble(fields[3])});
    }
    System.out.printf("fresh JVMs: %d, class path %s%n", runs, classPath);
    System.out.printf("whole process (start to exit): median %.0f ms%n", median(results, 0));
    System.out.printf("JVM start to the first extract composed: median %.0f ms%n", median(results, 1));
    System.out.printf("the first extract alone: median %.0f ms%n", median(results, 2));
    System.out.printf("a warm extract (median of the 20 after it): median %.1f ms%n", median(results, 3));
    System.out.printf("extract size: %.0f bytes%n", median(results, 4));
  }

  /**
   * One fresh JVM: the first extract, then {@code warmRuns} more; prints "figures <start-to-first> <first>
   * <warm median> <bytes>". With 0 warm runs the process ends after the first extract: time it as a whole.
   */
  private static void once(int warmRuns) throws IOException {
    var composer = new DecisionMailComposer();
    var minutes = new MinutesRecord("abc123", "bucket", "key", NOW, "Gemensamma servicenämnden",
        "gemensamma-servicenamnden", LocalDate.of(2024, 2, 14), new ParagraphRange(1, 6),
        "kanslienheten, stadshuset Ludvika", LocalDate.of(2024, 2, 19), MinutesStatus.DISPATCHED, null, List.of());
    var notice = new Notice("abc123", "ludvika", LocalDate.of(2024, 2, 20),
        new NoticeDates(LocalDate.of(2024, 2, 20), LocalDate.of(2024, 3, 12), LocalDate.of(2024, 3, 13)),
        TakedownPolicy.NEXT_DAY, false);
    var sendOut = new SendOut("abc123", 1, "ks@example.org", SendOutKind.EMAIL, List.of("Kommunstyrelsen"), null,
        SendOutStatus.SENDING, 1, null, NOW, NOW, null);
    var paragraph = new Paragraph(1, "2024/7", "Begäran om överflyttning av investeringsmedel 2023-2024",
        "Gemensamma servicenämnden föreslår kommunfullmäktige att föra över 5 549,8 tkr av outnyttjade "
            + "investeringsmedel från år 2023 till 2024.",
        "Beslut\nGemensamma servicenämnden föreslår kommunfullmäktige att föra över 5 549,8 tkr av outnyttjade "
            + "investeringsmedel från år 2023 till 2024.\n\nBeskrivning av ärendet\n"
            + "Bokslut 2023 för investeringsmedlen inom gemensamma servicenämnden slutade med ett underskridande av "
            + "budget om 7 752,9 tkr. ".repeat(12),
        List.of());
    long first = System.nanoTime();
    byte[] pdf = composer.pdf(minutes, paragraph, sendOut, notice, LocalDate.of(2024, 2, 21));
    long done = System.nanoTime();
    long doneAt = System.currentTimeMillis();
    long sinceJvmStart = doneAt - ManagementFactory.getRuntimeMXBean().getStartTime(); // read after, not counted
    var warm = new double[Math.max(1, warmRuns)];
    for (int i = 0; i < warmRuns; i++) {
      long start = System.nanoTime();
      composer.pdf(minutes, paragraph, sendOut, notice, LocalDate.of(2024, 2, 21));
      warm[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(warm);
    System.out.printf(java.util.Locale.ROOT, "figures %d %.1f %.2f %d%n", sinceJvmStart, (done - first) / 1e6,
        warm[warm.length / 2], pdf.length);
  }

  private static double median(List<double[]> results, int field) {
    return results.stream().mapToDouble(r -> r[field]).sorted().skip(results.size() / 2).findFirst().orElseThrow();
  }
}
