package se.anslag.board;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * A board function's cold start in small: a fresh JVM renders the sample board once and prints how
 * long that took from the JVM's start, and how long the render itself. Not a test; time the whole
 * process from outside too, since class loading before main counts.
 */
public final class FirstRender {
  private FirstRender() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    var files = new BoardSite().render(List.of(SampleNotices.LUDVIKA, SampleNotices.SMEDJEBACKEN),
        Map.of("ludvika", List.of(SampleNotices.gsn()), "smedjebacken", List.of(SampleNotices.gsn())),
        SampleNotices.POSTED);
    long render = System.nanoTime() - start;
    System.out.printf("first render: %d files in %.1f ms; %d ms from JVM start%n", files.size(), render / 1e6,
        ManagementFactory.getRuntimeMXBean().getUptime());
  }
}
