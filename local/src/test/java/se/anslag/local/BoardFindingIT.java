package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding a notice on the boards the emulators publish: two organs' minutes posted in two years, one taken
 * down since, read back from the site bucket as the filter pages, the archive and the board's form show them.
 */
class BoardFindingIT {
  private static final Path SAMPLE = SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt");
  private static final LocalDate KS_POSTED_ON = LocalDate.of(2025, 1, 20);
  private static final LocalDate TODAY = LocalDate.of(2025, 1, 22);

  @TempDir Path temp;
  @RegisterExtension static final SampleWorkflow sample = SampleWorkflow.withoutSetup();
  private LocalWorkflow workflow;

  @BeforeEach
  void twoOrgansOverTwoYears() throws Exception {
    workflow = sample.get();
    BoardFindingIT.publishTwoOrgansOverTwoYears(workflow, temp);
  }

  /**
   * The sample (Gemensamma servicenämnden 2024-02-14, posted 2024-02-20 on Ludvika's and Smedjebacken's boards,
   * down 2024-03-13) and the same text as Kommunstyrelsen's minutes of 2025-01-15, posted on Ludvika's board
   * 2025-01-20; the boards rendered on 2025-01-22.
   */
  static void publishTwoOrgansOverTwoYears(LocalWorkflow workflow, Path temp) throws Exception {
    var setup = Files.readString(SampleWorkflow.SAMPLE_SETUP).replace("\nrecipients:\n", """

          - name: Kommunstyrelsen
            slug: kommunstyrelsen
            boards: [ludvika]
            clerk: ks.sekreterare@ludvika.example.org
            review: none

        recipients:
        """);
    workflow.loadSetup(Files.writeString(temp.resolve("setup.yaml"), setup));
    workflow.upload(SAMPLE, SampleWorkflow.ADJUSTED_ON, SampleWorkflow.POSTED_ON);
    workflow.process();

    var ks = Files.readString(SAMPLE).replace("Organ Gemensamma servicenämnden", "Organ Kommunstyrelsen")
        .replace("Sammanträdesdatum 2024-02-14", "Sammanträdesdatum 2025-01-15");
    workflow.lambda().withClock(LocalWorkflow.clockAt(KS_POSTED_ON));
    workflow.upload(Files.writeString(Files.createDirectories(temp.resolve("ks")).resolve("ks-2025-01-15.txt"), ks),
        LocalDate.of(2025, 1, 17), KS_POSTED_ON);
    workflow.process();
    workflow.runDailySchedule(TODAY);
  }

  @Test
  void theBoardOffersAGetFormOverKindOrganAndYearAndPlainLinks() {
    var board = siteText("ludvika/index.html");

    assertThat(board).contains("<form method=\"get\" action=\"sok/index.html\">",
        "<option value=\"protokoll\">Protokoll</option>",
        "<option value=\"gemensamma-servicenamnden\">Gemensamma servicenämnden</option>",
        "<option value=\"kommunstyrelsen\">Kommunstyrelsen</option>",
        "<option value=\"2025\">2025</option>", "<option value=\"2024\">2024</option>",
        "<a href=\"urval/alla/alla/2024/index.html\">Uppsatta 2024</a>",
        "<a href=\"arkiv/index.html\">Arkiv: nedtagna anslag</a>",
        "<a href=\"organ/kommunstyrelsen/index.html\">Kommunstyrelsen (1)</a>")
        .doesNotContain("<script");
  }

  @Test
  void eachFilterPageListsTheNoticesOfItsChoiceCurrentAndTakenDown() {
    var all = siteText("ludvika/urval/alla/alla/alla/index.html");
    var ks2025 = siteText("ludvika/urval/protokoll/kommunstyrelsen/2025/index.html");
    var gsn2024 = siteText("ludvika/urval/alla/gemensamma-servicenamnden/2024/index.html");
    var ks2024 = siteText("ludvika/urval/alla/kommunstyrelsen/2024/index.html");

    assertThat(all).contains("Anslag i urvalet: 2</caption>",
        "<a href=\"../../../../anslag/kommunstyrelsen/2025-01-15/index.html\">Kommunstyrelsen",
        "<a href=\"../../../../anslag/gemensamma-servicenamnden/2024-02-14/index.html\">Gemensamma servicenämnden");
    assertThat(all.indexOf("2025-01-15")).as("newest posting first").isLessThan(all.indexOf("2024-02-14"));
    assertThat(ks2025).contains("<h1>Protokoll från Kommunstyrelsen, uppsatta 2025</h1>",
        "Anslag i urvalet: 1</caption>", "data-label=\"Status\">Uppe</td>",
        "<time datetime=\"2025-01-20\">2025-01-20</time>")
        .doesNotContain("Gemensamma servicenämnden<span");
    assertThat(gsn2024).contains("Anslag i urvalet: 1</caption>",
        "Nedtaget <time datetime=\"2024-03-13\">2024-03-13</time>");
    assertThat(ks2024).contains("Inga anslag matchar.");
    // Smedjebacken's board carries only the joint committee.
    assertThat(siteText("smedjebacken/urval/alla/alla/alla/index.html")).contains("Anslag i urvalet: 1</caption>")
        .doesNotContain("Kommunstyrelsen");
    assertThat(workflow.siteFile("smedjebacken/urval/alla/kommunstyrelsen/alla/index.html")).isEmpty();
  }

  @Test
  void takenDownNoticesStayFindableInTheArchiveOfTheirYear() {
    var archive = siteText("ludvika/arkiv/index.html");
    var year = siteText("ludvika/arkiv/2024/index.html");

    assertThat(archive).contains("<a href=\"2024/index.html\">2024</a>: 1 anslag").doesNotContain("2025/index.html");
    assertThat(year).contains("<h1>Anslag nedtagna 2024</h1>",
        "<a href=\"../../anslag/gemensamma-servicenamnden/2024-02-14/index.html\">Gemensamma servicenämnden",
        "Nedtaget <time datetime=\"2024-03-13\">2024-03-13</time>")
        .doesNotContain("Kommunstyrelsen<span", "Begäran om överflyttning");
    assertThat(siteText("ludvika/anslag/gemensamma-servicenamnden/2024-02-14/index.html"))
        .contains("Anslaget är nedtaget");
  }

  @Test
  void theFilterPagesAreNotRewrittenWhenNothingChanged() {
    var before = siteKeys();

    workflow.runDailySchedule(TODAY);

    assertThat(siteKeys()).isEqualTo(before);
  }

  private Map<String, String> siteKeys() {
    return workflow.cloud().s3().listObjectsV2Paginator(b -> b.bucket(workflow.cloud().physicalId("SiteBucket")))
        .contents().stream().collect(java.util.stream.Collectors.toMap(o -> o.key(), o -> o.eTag() + " " + o.lastModified()));
  }

  private String siteText(String key) {
    return new String(workflow.siteFile(key).orElseThrow(() -> new AssertionError("no " + key)), StandardCharsets.UTF_8);
  }
}
