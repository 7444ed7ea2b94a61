package se.anslag.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The size limit that BoardBenchmark reports on, with the benchmark's own notices. */
class BoardIndexSizeTest {

  @Test
  void boardIndexWithFiftyCurrentNoticesStaysUnder100Kilobytes() {
    Map<String, byte[]> files = new BoardSite().render(
        List.of(SampleNotices.LUDVIKA), Map.of("ludvika", ManyNotices.current(50)), ManyNotices.TODAY);

    byte[] index = files.get("ludvika/index.html");
    assertThat(new String(index, StandardCharsets.UTF_8)).contains(": 50</caption>");
    assertThat(index.length).isLessThan(100 * 1024);
  }
}
