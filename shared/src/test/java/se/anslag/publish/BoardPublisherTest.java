package se.anslag.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.anslag.board.BoardSite;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.intake.ProtocolIntake;
import se.anslag.intake.UploadEvent;
import se.anslag.ports.SampleWorld;
import se.anslag.reader.MinutesReader;
import se.anslag.setup.MunicipalSetup;
import se.anslag.setup.Organ;

/**
 * The board run on its ports, in memory, after intake recorded the sample: the notice goes up on
 * both boards of the joint committee, an unchanged board writes nothing, and after the last appeal
 * day the notice comes down by itself.
 */
class BoardPublisherTest {
  private final SampleWorld world = new SampleWorld();
  private final BoardPublisher publisher = new BoardPublisher(world.records, world.records, world.records,
      world.objects, SampleWorld.CONFIG, new BoardSite(), world.clock,
      new se.anslag.publish.NoticeMailings(world.subscriptions, world.records, world.queue, world.clock));
  private String minutesId;

  @BeforeEach
  void intakeRecordedTheSample() {
    world.upload("uploads/gsn.txt", SampleWorld.sampleText());
    minutesId = new ProtocolIntake(world.objects, world.records, world.records, world.records, world.records,
        new MinutesReader(), world.queue, world.clock).receive(new UploadEvent(SampleWorld.PROTOCOLS, "uploads/gsn.txt"))
        .minutesId();
  }

  private String page(String key) {
    return new String(world.objects.get(SampleWorld.SITE, key).content(), StandardCharsets.UTF_8);
  }

  @Test
  void theNoticeGoesUpOnBothBoardsOnItsPostingDay() {
    var result = publisher.publish();

    assertThat(result.day()).isEqualTo(LocalDate.of(2024, 2, 20));
    assertThat(result.takenDown()).isZero();
    var site = world.objects.list(SampleWorld.SITE);
    assertThat(site).containsKeys("index.html", "ludvika/index.html", "smedjebacken/index.html",
        "ludvika/anslag.atom", "ludvika/anslag.json",
        "ludvika/anslag/gemensamma-servicenamnden/2024-02-14/index.html",
        "smedjebacken/anslag/gemensamma-servicenamnden/2024-02-14/index.html");
    assertThat(result.written()).isEqualTo(site.size());
    assertThat(page("ludvika/anslag/gemensamma-servicenamnden/2024-02-14/index.html"))
        .contains("Gemensamma servicenämnden").contains("2024-03-12").contains("Smedjebackens kommun");
  }

  @Test
  void anUnchangedBoardWritesNothingTheSecondTime() {
    publisher.publish();
    int puts = world.objects.puts();

    var again = publisher.publish();

    assertThat(again.written()).isZero();
    assertThat(again.unchanged()).isEqualTo(world.objects.list(SampleWorld.SITE).size());
    assertThat(world.objects.puts()).isEqualTo(puts);
  }

  @Test
  void afterTheLastAppealDayTheNoticeComesDownAndItsPageSaysSo() {
    publisher.publish();
    world.clock.set(Instant.parse("2024-03-13T00:05:00Z"));

    var result = publisher.publish();

    assertThat(result.day()).isEqualTo(LocalDate.of(2024, 3, 13));
    assertThat(result.takenDown()).isEqualTo(2);
    assertThat(world.records.notices(minutesId)).allMatch(Notice::takenDown);
    assertThat(page("ludvika/anslag/gemensamma-servicenamnden/2024-02-14/index.html"))
        .contains("Anslaget är nedtaget").doesNotContain("Driftbudget");
    assertThat(page("ludvika/index.html")).contains("Det finns inga aktuella anslag");
  }

  @Test
  void minutesStillBeingRecordedAreNotShown() {
    var record = world.records.findMinutes(minutesId).orElseThrow();
    world.records.putMinutes(record.withStatus(MinutesStatus.RECEIVED, null));

    publisher.publish();

    assertThat(world.objects.list(SampleWorld.SITE)).doesNotContainKey(
        "ludvika/anslag/gemensamma-servicenamnden/2024-02-14/index.html");
    assertThat(page("ludvika/index.html")).contains("Det finns inga aktuella anslag");
  }

  @Test
  void theMinutesDocumentIsPublishedAsTheVersionIntakeReadAfterTheUploadWasOverwritten() {
    var sample = SampleWorld.sampleText();
    var organ = SampleWorld.SETUP.organs().getFirst();
    world.records.replaceSetup(new MunicipalSetup(SampleWorld.SETUP.boards(), List.of(new Organ(organ.slug(),
        organ.name(), organ.aliases(), organ.boardIds(), organ.clerkAddress(), organ.takedownPolicy(), true,
        organ.reviewPolicy())),
        SampleWorld.SETUP.directory()));
    var record = world.records.findMinutes(minutesId).orElseThrow();
    assertThat(record.sourceVersionId()).as("the version intake read").isEqualTo("v1");
    // Overwritten after intake read it (an upload whose intake has not yet run, say).
    world.upload("uploads/gsn.txt", sample.replace("Bokslut 2023", "Något annat"));

    publisher.publish();

    var key = "protokoll/" + minutesId.substring(0, 16) + "/gemensamma-servicenamnden-2024-02-14.txt";
    assertThat(new String(world.objects.get(SampleWorld.SITE, key).content(), StandardCharsets.UTF_8))
        .isEqualTo(sample);
    assertThat(page("ludvika/anslag/gemensamma-servicenamnden/2024-02-14/index.html")).contains("/" + key);
  }

  @Test
  void aDocumentWhoseBytesAreNotTheOnesReadIsNotPublishedAndTheNoticeGoesUpWithoutIt() {
    var organ = SampleWorld.SETUP.organs().getFirst();
    world.records.replaceSetup(new MunicipalSetup(SampleWorld.SETUP.boards(), List.of(new Organ(organ.slug(),
        organ.name(), organ.aliases(), organ.boardIds(), organ.clerkAddress(), organ.takedownPolicy(), true,
        organ.reviewPolicy())),
        SampleWorld.SETUP.directory()));
    // A record without a version id (from before, or from a bucket that keeps none) reads the current object.
    world.records.putMinutes(world.records.findMinutes(minutesId).orElseThrow().withSourceVersion(null));
    world.upload("uploads/gsn.txt", SampleWorld.sampleText().replace("Bokslut 2023", "Något annat"));

    publisher.publish();

    assertThat(world.objects.list(SampleWorld.SITE).keySet()).noneMatch(k -> k.startsWith("protokoll/"));
    assertThat(page("ludvika/anslag/gemensamma-servicenamnden/2024-02-14/index.html"))
        .contains("Sista dag för överklagande").doesNotContain("protokoll/");
  }
}
