package se.anslag.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Processor time of this JVM and of its threads, and the peak memory of a process, as Linux's /proc tells them. */
final class JvmCpu {
  /** Linux's USER_HZ: /proc counts processor time in hundredths of a second on every common kernel. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private JvmCpu() {}

  static long process() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Processor time of the live threads of this JVM, summed by name without trailing digits
   * ("elasticmq-pekko.actor.default-dispatcher-7" counts to its dispatcher); a thread that ended is
   * missing, so differences are only right for long-lived threads.
   */
  static Map<String, Long> byThreadGroup() {
    var groups = new TreeMap<String, Long>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (var task : tasks.toList()) {
        try {
          var name = Files.readString(task.resolve("comm")).strip().replaceAll("[-#]?\\d+$", "");
          var stat = Files.readString(task.resolve("stat"));
          var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
          groups.merge(name, ticks * NANOS_PER_TICK, Long::sum);
        } catch (IOException | RuntimeException ended) {
          // The thread ended while being read.
        }
      }
    } catch (IOException noProc) {
      return groups;
    }
    return groups;
  }

  static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
    var during = new TreeMap<String, Long>();
    after.forEach((group, nanos) -> {
      long delta = nanos - before.getOrDefault(group, 0L);
      if (delta > 0) {
        during.put(group, delta);
      }
    });
    return during;
  }

  /** The peak resident set of a process (VmHWM), in KiB; 0 when it cannot be read. */
  static long peakResidentKib(long pid) {
    try {
      for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | NumberFormatException unreadable) {
      return 0;
    }
    return 0;
  }
}
