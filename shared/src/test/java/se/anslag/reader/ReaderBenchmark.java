package se.anslag.reader;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Times the reader on the sample minutes, then reads the real corpus ({@link RealCorpus}) and prints
 * its accuracy fact by fact, the refused count and the corpus's files per second; not a test
 * (surefire runs only *Test classes). Prints the median and 90th percentile over many runs after a
 * warm-up, and the files per second one thread reads at the median. {@code ./anslag benchmark
 * reader} runs it; by hand, from the repository root:
 *
 * <pre>
 * mvn -B -q -o -pl shared test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
 * java -cp shared/target/test-classes:shared/target/classes:$(cat shared/target/bench.classpath) \
 *     se.anslag.reader.ReaderBenchmark
 * </pre>
 *
 * (The exec plugin is not in the offline Maven cache, hence the plain java command.)
 *
 * Optional arguments: number of measured runs (default 200) and of warm-up runs (default 100).
 */
public final class ReaderBenchmark {

  private ReaderBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    MinutesReader reader = new MinutesReader();
    System.out.printf("Java %s, %d runs after %d warm-up runs, one thread%n",
        Runtime.version(), runs, warmUp);
    for (String name : new String[] {"gsn-2024-02-14.txt", "gsn-2024-02-14.pdf"}) {
      byte[] file = resource("/samples/" + name);
      for (int i = 0; i < warmUp; i++) {
        reader.read(file);
      }
      long[] nanos = new long[runs];
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        reader.read(file);
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      double median = nanos[runs / 2] / 1e6;
      double p90 = nanos[(int) (runs * 0.9)] / 1e6;
      System.out.printf("%-20s %7d bytes  median %7.3f ms  p90 %7.3f ms  %8.1f files/s%n",
          name, file.length, median, p90, 1000 / median);
    }
    realCorpus(reader, Math.max(1, runs / 20));
  }

  /** Accuracy on the real minutes, and their reading speed over {@code rounds} passes after one warm-up pass. */
  private static void realCorpus(MinutesReader reader, int rounds) throws IOException {
    var texts = new java.util.ArrayList<byte[]>();
    for (var folder : RealCorpus.folders()) {
      texts.add(java.nio.file.Files.readAllBytes(folder.resolve("minutes.txt")));
    }
    RealCorpus.Figures figures = RealCorpus.measure(reader);
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      for (byte[] text : texts) {
        try {
          reader.read(text);
        } catch (UnreadableMinutesException refused) {
          // counted by the figures above
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%nReal corpus (shared/src/test/resources/corpus/real), %d sets of minutes as text,"
        + " read right per fact:%n", figures.folders);
    figures.lines().forEach(System.out::println);
    System.out.printf("  %-18s %.1f files/s over %d passes%n", "speed", rounds * texts.size() / seconds, rounds);
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = ReaderBenchmark.class.getResourceAsStream(path)) {
      return Objects.requireNonNull(in, path).readAllBytes();
    }
  }
}
