package se.anslag.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.anslag.board.WrittenIdentityNumbers.WrittenForm;

/** The redactor against the hand-written list of forms ({@link WrittenIdentityNumbers}). */
class PersonalIdentityNumbersTest {

  static List<WrittenForm> writtenForms() {
    return WrittenIdentityNumbers.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writtenForms")
  void redactsExactlyTheNumberAsWritten(WrittenForm form) {
    assertThat(PersonalIdentityNumbers.redact(form.text())).isEqualTo(form.redacted());
    assertThat(PersonalIdentityNumbers.contains(form.text())).as("contains").isEqualTo(form.mustBeRedacted());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writtenForms")
  void redactedTextHoldsNoNumberAndRedactingAgainChangesNothing(WrittenForm form) {
    var redacted = PersonalIdentityNumbers.redact(form.text());

    assertThat(PersonalIdentityNumbers.contains(redacted)).isFalse();
    assertThat(PersonalIdentityNumbers.redact(redacted)).isEqualTo(redacted);
  }

  @Test
  void theListCoversBothVerdictsAndEveryFormOfIssue11() {
    assertThat(WrittenIdentityNumbers.mustBeRedacted()).hasSizeGreaterThan(40);
    assertThat(WrittenIdentityNumbers.mustBeKept()).hasSizeGreaterThan(40);
    assertThat(WrittenIdentityNumbers.mustBeRedacted()).extracting(WrittenForm::text).anySatisfy(t -> t.contains("850709 - 1234"))
        .anySatisfy(t -> t.contains("850709- 1234")).anySatisfy(t -> t.contains("850709 -1234"))
        .anySatisfy(t -> t.contains("19850709 - 1234")).anySatisfy(t -> t.contains("850709--1234"))
        .anySatisfy(t -> t.contains("850709-12 34")).anySatisfy(t -> t.contains("850709\u20141234"))
        .anySatisfy(t -> t.contains("850709\uFF0D1234")).anySatisfy(t -> t.contains("-\n"))
        .anySatisfy(t -> t.contains("\u00AD")).anySatisfy(t -> t.contains("\u2009"))
        .anySatisfy(t -> t.contains("\u202F")).anySatisfy(t -> t.contains("\u200B"));
  }

  @Test
  void checkDigitIsSkatteverketsLuhn() {
    // By hand, weights 2, 1, 2, ...: 8*2=16 -> 1+6=7, 1, 1*2=2, 2, 1*2=2, 8, 9*2=18 -> 9, 8, 7*2=14 -> 5, 6;
    // 7+1+2+2+2+8+9+8+5+6 = 50, a multiple of ten.
    assertThat(PersonalIdentityNumbers.hasValidCheckDigit("8112189876")).isTrue();
    assertThat(PersonalIdentityNumbers.hasValidCheckDigit("8112189875")).isFalse();
    assertThat(PersonalIdentityNumbers.hasValidCheckDigit("7010632391")).isTrue(); // samordningsnummer, day 63
  }

  @Test
  void severalNumbersInOneTextAreEachReplacedAndTheRestKept() {
    var text = "Sökande 850709-1234 och 19920101-5678, belopp 5 549,8 tkr, Dnr 2024/7, tel 0240-860 00.";

    assertThat(PersonalIdentityNumbers.redact(text)).isEqualTo(
        "Sökande [personnummer borttaget] och [personnummer borttaget], belopp 5 549,8 tkr, Dnr 2024/7, tel 0240-860 00.");
  }

  @Test
  void nullStaysNull() {
    assertThat(PersonalIdentityNumbers.redact(null)).isNull();
    assertThat(PersonalIdentityNumbers.contains(null)).isFalse();
  }
}
