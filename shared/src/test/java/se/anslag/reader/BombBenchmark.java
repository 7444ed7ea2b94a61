package se.anslag.reader;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * What a decompression bomb costs: the peak heap above the idle heap and the time to an answer, for
 * bombs of 60 MB and 300 MB (zeros, and text drawn over and over), read three ways: by the reader
 * with its bounds, by PDFBox as the reader used it before the bounds, and the same with a
 * {@code MemoryUsageSetting} of 64 MB main memory (which chooses where decoded streams are kept, not
 * how much is decoded). Not a test; prints, asserts nothing. {@code ./anslag benchmark bomb} runs it
 * in a JVM of 1 GB heap, the function's memory; by hand, as {@link ReaderBenchmark} says, with
 * {@code se.anslag.reader.BombBenchmark}.
 */
public final class BombBenchmark {

  private BombBenchmark() {}

  private interface Reading {
    String read(byte[] pdf) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    System.out.printf("Java %s, max heap %d MB; peak heap above the idle heap, time to the answer%n",
        Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
    var bounded = (Reading) pdf -> {
      try {
        new MinutesReader().read(pdf);
        return "read";
      } catch (UnreadableMinutesException refused) {
        return "refused: " + refused.getMessage();
      }
    };
    var unbounded = (Reading) pdf -> {
      try (PDDocument document = Loader.loadPDF(pdf)) {
        return strip(document);
      }
    };
    var memoryUsageSetting = (Reading) pdf -> {
      try (PDDocument document = Loader.loadPDF(pdf, "", null, null,
          MemoryUsageSetting.setupMainMemoryOnly(64L * 1024 * 1024).streamCache)) {
        return strip(document);
      }
    };
    // Warm the classes with a small one, so that the first figure is not class loading.
    bounded.read(HostilePdfs.decompressionBomb(1024 * 1024));
    unbounded.read(HostilePdfs.decompressionBomb(1024 * 1024));
    for (var megabytes : List.of(60, 300)) {
      for (var kind : List.of("zeros", "text")) {
        long inflated = megabytes * 1024L * 1024;
        var pdf = kind.equals("zeros") ? HostilePdfs.decompressionBomb(inflated) : HostilePdfs.textBomb(inflated);
        System.out.printf("%n%d MB bomb of %s (%d KB file)%n", megabytes, kind, pdf.length / 1024);
        measure("reader with its bounds", bounded, pdf);
        measure("PDFBox as before", unbounded, pdf);
        if (megabytes == 60) { // it answers as PDFBox does without it; at 300 MB that is minutes more
          measure("PDFBox, MemoryUsageSetting 64 MB", memoryUsageSetting, pdf);
        }
      }
    }
  }

  private static String strip(PDDocument document) throws java.io.IOException {
    var stripper = new PDFTextStripper();
    stripper.setSortByPosition(true);
    return "read, " + stripper.getText(document).length() + " characters";
  }

  private static void measure(String label, Reading reading, byte[] pdf) {
    var pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    System.gc();
    long idle = heapUsed(pools, false);
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    long start = System.nanoTime();
    String answer;
    try {
      answer = reading.read(pdf);
    } catch (OutOfMemoryError exhausted) {
      answer = "OutOfMemoryError";
    } catch (Exception failed) {
      answer = "failed: " + failed;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    long peak = heapUsed(pools, true);
    System.out.printf("  %-34s +%5d MB  %6d ms  %s%n", label, Math.max(0, peak - idle) >> 20, millis,
        answer.length() > 90 ? answer.substring(0, 90) + "..." : answer);
  }

  /** Summed over the heap's pools; the peak of each pool, which may not all peak at once, so an upper bound. */
  private static long heapUsed(List<MemoryPoolMXBean> pools, boolean peak) {
    return pools.stream().mapToLong(p -> (peak ? p.getPeakUsage() : p.getUsage()).getUsed()).sum();
  }
}
