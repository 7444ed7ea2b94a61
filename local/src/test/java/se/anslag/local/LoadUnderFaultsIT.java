package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The load benchmark's run in a size CI affords: the generated setup of 20 organs on 10 boards, a few
 * sets of minutes (a few hundred send-outs) uploaded together, and every fault of the benchmark. What
 * must hold is what the benchmark checks: every send-out settled, none lost, none sent twice, every
 * notice on its boards with the dates the generation implies, nothing left in any queue. No timing.
 */
class LoadUnderFaultsIT {
  /** A seed of its own; the benchmark's figures in the README come from seed 1. */
  private static final long SEED = 15;

  @Test
  void aFewSetsOfMinutesOfManyOrgansUnderEveryFaultLoseNothingAndSendNothingTwice() throws Exception {
    var run = new LoadRun(LoadRun.Config.ci(SEED), System.err);
    assertThat(run.scenario().expectedSendOutCount()).as("send-outs planned").isBetween(150L, 900L);

    // The functions log every retried send-out: some thousand lines that would bury the suite's output.
    var functions = Logger.getLogger("se.anslag");
    var level = functions.getLevel();
    functions.setLevel(Level.SEVERE);
    LoadRun.Result result;
    try {
      result = run.run();
    } finally {
      functions.setLevel(level);
    }

    LoadBenchmark.report(new PrintWriter(System.out, true), result, new String[] {"-", "-", "-"});
    assertThat(result.faults()).allSatisfy(fault -> assertThat(fault.injected()).as(fault.name()).isPositive());
    assertThat(result.lost()).as("send-outs lost").isZero();
    assertThat(result.doubled()).as("mails sent twice").isZero();
    assertThat(result.problems()).as("problems found by the checks").isEmpty();
    assertThat(result.sendOuts()).as("send-outs recorded").isEqualTo(run.scenario().expectedSendOutCount());
  }
}
