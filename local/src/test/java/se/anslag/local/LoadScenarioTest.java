package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import se.anslag.reader.MinutesReader;

/**
 * The load benchmark's generated minutes read as the generation meant them: its expectations (the
 * mails, the notices' dates) only hold if the reader takes each organ, meeting date, paragraph and
 * recipient line from the text as written.
 */
class LoadScenarioTest {
  private final LoadScenario scenario = LoadScenario.generate(1, 10, 20, 100, 60, 15);

  @Test
  void everyGeneratedSetOfMinutesReadsAsGenerated() throws Exception {
    var reader = new MinutesReader();
    for (var minutes : scenario.minutes()) {
      var read = reader.read(minutes.text().getBytes(StandardCharsets.UTF_8));
      assertThat(read.organ()).as(minutes.fileName()).isEqualTo(minutes.organ().name());
      assertThat(read.meetingDate()).as(minutes.fileName()).isEqualTo(minutes.meetingDate());
      assertThat(read.paragraphs()).as(minutes.fileName()).hasSameSizeAs(minutes.paragraphs());
      for (int p = 0; p < minutes.paragraphs().size(); p++) {
        var generated = minutes.paragraphs().get(p);
        var lines = read.paragraphs().get(p).recipients();
        assertThat(read.paragraphs().get(p).number()).isEqualTo(generated.number());
        assertThat(lines).as("%s § %d", minutes.fileName(), generated.number()).hasSameSizeAs(generated.lines());
        for (int l = 0; l < lines.size(); l++) {
          var line = generated.lines().get(l);
          var name = line.unresolved() ? line.printed() : line.recipient().name();
          assertThat(lines.get(l).name()).as("%s § %d", minutes.fileName(), generated.number()).isEqualTo(name);
        }
      }
    }
  }

  @Test
  void theScenarioHasTheSizesTheBenchmarkPromises() {
    assertThat(scenario.organs()).hasSize(20);
    assertThat(scenario.boards()).hasSize(10);
    assertThat(scenario.organs()).filteredOn(o -> o.boardIds().size() > 1).hasSize(2);
    assertThat(scenario.minutes()).extracting(m -> m.paragraphs().size()).contains(1, 60).allMatch(n -> n >= 1 && n <= 60);
    assertThat(scenario.minutes()).flatExtracting(LoadScenario.Minutes::paragraphs).extracting(p -> p.lines().size())
        .contains(1, 15).allMatch(n -> n >= 1 && n <= 15);
    assertThat(scenario.minutes()).extracting(LoadScenario.Minutes::expectedUnresolved).anyMatch(n -> n > 0);
    assertThat(scenario.expectedSendOutCount()).isBetween(2_000L, 10_000L);
  }

  @Test
  void everyPostingDayIsAWeekdayUpOnTheRunsDayWithAnAppealDayOnTheSameWeekday() {
    assertThat(scenario.minutes()).allSatisfy(m -> {
      assertThat(m.postedOn()).isBeforeOrEqualTo(LoadScenario.TODAY);
      assertThat(m.postedOn().getDayOfWeek().getValue()).isLessThanOrEqualTo(5);
      assertThat(m.expectedLastAppealDay().getDayOfWeek()).isEqualTo(m.postedOn().getDayOfWeek());
      assertThat(m.expectedTakedown()).isAfter(LoadScenario.TODAY);
      assertThat(m.adjustedOn()).isBeforeOrEqualTo(m.postedOn()).isAfter(m.meetingDate());
    });
  }
}
