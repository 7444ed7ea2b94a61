package se.anslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.anslag.domain.Minutes;
import se.anslag.domain.Paragraph;
import se.anslag.domain.ParagraphRange;
import se.anslag.board.WrittenIdentityNumbers;
import se.anslag.domain.Warning;

/** Intake warns the clerk where a public field of the minutes holds a personal identity number. */
class IdentityNumberWarningTest {

  private static Minutes minutes(String storagePlace, String... titles) {
    var paragraphs = new java.util.ArrayList<Paragraph>();
    for (int i = 0; i < titles.length; i++) {
      paragraphs.add(new Paragraph(i + 1, "2024/" + (i + 1), titles[i], "Beslut.", "Text", List.of()));
    }
    return new Minutes("Socialnämnden", LocalDate.of(2024, 2, 14), new ParagraphRange(1, titles.length), storagePlace,
        null, null, paragraphs, List.of());
  }

  @Test
  void aTitleWithAPersonalIdentityNumberWarnsTheClerkNamingTheParagraph() {
    var warnings = ProtocolIntake.publicFieldsWithIdentityNumbers(
        minutes("Kansliet", "Bokslut 2023", "Ansökan om bistånd, 19850312-1234"));

    assertThat(warnings).extracting(Warning::code).containsExactly("PERSONAL_IDENTITY_NUMBER");
    assertThat(warnings.getFirst().message()).startsWith("§ 2:");
  }

  @Test
  void theClerkIsWarnedOfExactlyTheParagraphsWhoseTitleHoldsAWrittenForm() {
    var forms = WrittenIdentityNumbers.all();
    var warnings = ProtocolIntake.publicFieldsWithIdentityNumbers(
        minutes("Kansliet", forms.stream().map(WrittenIdentityNumbers.WrittenForm::text).toArray(String[]::new)));

    var expected = new java.util.ArrayList<String>();
    for (int i = 0; i < forms.size(); i++) {
      if (forms.get(i).mustBeRedacted()) {
        expected.add("§ " + (i + 1) + ":");
      }
    }
    assertThat(warnings).extracting(w -> w.message().substring(0, w.message().indexOf(':') + 1))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void ordinaryTitlesCaseNumbersAndAmountsGiveNoWarning() {
    assertThat(ProtocolIntake.publicFieldsWithIdentityNumbers(
        minutes("Kansliet, stadshuset", "Begäran om överflyttning av investeringsmedel 2023-2024", "5 549,8 tkr")))
        .isEmpty();
  }
}
