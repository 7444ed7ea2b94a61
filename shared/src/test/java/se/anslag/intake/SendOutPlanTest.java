package se.anslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.anslag.domain.Board;
import se.anslag.domain.ReviewPolicy;
import se.anslag.domain.TakedownPolicy;
import se.anslag.domain.Paragraph;
import se.anslag.domain.RecipientLine;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.setup.DirectoryEntry;
import se.anslag.setup.MunicipalSetup;
import se.anslag.setup.Organ;

/** Planning send-outs from recipient lines: one per target, merged names, case file and unknown lines. */
class SendOutPlanTest {
  private static final Instant NOW = Instant.parse("2024-02-20T08:00:00Z");
  private static final MunicipalSetup SETUP = new MunicipalSetup(
      List.of(new Board("ludvika", "Ludvika kommun")),
      List.of(new Organ("gsn", "Gemensamma servicenämnden", List.of(), List.of("ludvika"), "c@example.org",
          TakedownPolicy.NEXT_DAY, false, ReviewPolicy.NONE)),
      List.of(
          new DirectoryEntry("Kommunstyrelsen", List.of("KS"), List.of("ks@example.org"), false),
          new DirectoryEntry("Samverkande kommuner", List.of(), List.of("reg@ludvika.example.org",
              "reg@smedjebacken.example.org"), false),
          new DirectoryEntry("Registrator Ludvika", List.of(), List.of("reg@ludvika.example.org"), false),
          new DirectoryEntry("Akten", List.of("Diariet"), List.of(), true)));

  private static Paragraph paragraph(RecipientLine... lines) {
    return new Paragraph(1, "2024/7", "Titel", "Beslut.", "Text", List.of(lines));
  }

  private static RecipientLine line(String name, String qualifier) {
    return new RecipientLine(name, qualifier, name + (qualifier == null ? "" : " " + qualifier));
  }

  @Test
  void aGroupReachesEachOfItsAddresses() {
    var plan = SendOutPlan.plan("m", List.of(paragraph(line("Samverkande kommuner", null))), SETUP, NOW);

    assertThat(plan).extracting(SendOut::target)
        .containsExactly("reg@ludvika.example.org", "reg@smedjebacken.example.org");
    assertThat(plan).allMatch(s -> s.kind() == SendOutKind.EMAIL && s.status() == SendOutStatus.PENDING);
  }

  @Test
  void twoLinesReachingOneAddressGiveOneSendOutNamingBoth() {
    var plan = SendOutPlan.plan("m", List.of(paragraph(line("Samverkande kommuner", null),
        line("Registrator Ludvika", "för kännedom"))), SETUP, NOW);

    var ludvika = plan.stream().filter(s -> s.target().equals("reg@ludvika.example.org")).toList();
    assertThat(ludvika).hasSize(1);
    assertThat(ludvika.getFirst().recipientNames()).containsExactly("Samverkande kommuner", "Registrator Ludvika");
    assertThat(ludvika.getFirst().qualifier()).as("one line asks for more than information").isNull();
  }

  @Test
  void aliasesAndCaseAndSpacingAreFolded() {
    var plan = SendOutPlan.plan("m", List.of(paragraph(line("  ks ", null), line("DIARIET.", null))), SETUP, NOW);

    assertThat(plan).extracting(SendOut::target).containsExactly("ks@example.org", SendOut.CASE_FILE_TARGET);
    assertThat(plan.get(1).kind()).isEqualTo(SendOutKind.CASE_FILE);
  }

  @Test
  void anUnknownRecipientIsRecordedUnresolvedWithTheLineAsPrinted() {
    var plan = SendOutPlan.plan("m", List.of(paragraph(line("Tekniska nämnden", "för åtgärd"))), SETUP, NOW);

    assertThat(plan).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(SendOutKind.UNRESOLVED);
      assertThat(s.status()).isEqualTo(SendOutStatus.UNRESOLVED);
      assertThat(s.target()).isEqualTo("unresolved:tekniska nämnden");
      assertThat(s.detail()).contains("'Tekniska nämnden för åtgärd'");
    });
  }
}
