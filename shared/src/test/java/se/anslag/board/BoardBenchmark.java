package se.anslag.board;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import se.anslag.domain.Board;

/**
 * Renders a board with 1,000 current notices and prints the median time and the size of the board's index
 * page, then the index size for 50 notices. A benchmark, not a test: surefire does not run it (no "Test" in
 * the name), and BoardIndexSizeTest holds the 50-notice size limit. Run it with
 *
 * <pre>
 * mvn -B -q -o -pl shared test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test-classpath.txt
 * java -cp shared/target/test-classes:shared/target/classes:$(cat shared/target/test-classpath.txt) \
 *     se.anslag.board.BoardBenchmark [notices] [runs]
 * </pre>
 */
public final class BoardBenchmark {

  private static final String INDEX = "ludvika/index.html";

  private BoardBenchmark() {}

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    BoardSite site = new BoardSite();
    Map<String, List<BoardNotice>> notices = Map.of(SampleNotices.LUDVIKA.id(), ManyNotices.current(count));
    List<Board> boards = List.of(SampleNotices.LUDVIKA);

    for (int i = 0; i < 3; i++) {
      site.render(boards, notices, ManyNotices.TODAY); // warm-up: class loading and JIT
    }
    long[] nanos = new long[runs];
    SortedMap<String, byte[]> files = null;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      files = site.render(boards, notices, ManyNotices.TODAY);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    long totalBytes = files.values().stream().mapToLong(bytes -> bytes.length).sum();
    System.out.printf("%,d current notices: median of %d renders %.1f ms (min %.1f, max %.1f); "
            + "%s %,d bytes; %,d files, %,d bytes in all%n",
        count, runs, millis(nanos[runs / 2]), millis(nanos[0]), millis(nanos[runs - 1]),
        INDEX, files.get(INDEX).length, files.size(), totalBytes);

    SortedMap<String, byte[]> fifty =
        site.render(boards, Map.of(SampleNotices.LUDVIKA.id(), ManyNotices.current(50)), ManyNotices.TODAY);
    System.out.printf("50 current notices: %s %,d bytes (limit 102,400)%n", INDEX, fifty.get(INDEX).length);
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}
