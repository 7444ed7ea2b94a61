package se.anslag.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Finding and hiding personal identity numbers in what the board prints. */
class PersonalIdentityNumbersTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "850709-1234",       // YYMMDD-XXXX
      "850709+1234",       // aged 100 or more
      "8507091234",        // no separator
      "19850709-1234",     // YYYYMMDD-XXXX
      "198507091234",      // YYYYMMDDXXXX
      "850709–1234",       // en dash from PDF text
      "850709 1234",       // space
      "850769-1234",       // samordningsnummer: day 09 + 60
      "20000229-1234",     // leap day
      "000229-1234",       // leap day, century unknown
  })
  void redactsEveryFormOfIdentityNumber(String number) {
    String text = "Ärendet gäller " + number + ", se bilaga.";

    String redacted = PersonalIdentityNumbers.redact(text);

    assertThat(redacted).isEqualTo("Ärendet gäller [personnummer borttaget], se bilaga.");
    assertThat(PersonalIdentityNumbers.contains(text)).isTrue();
    assertThat(PersonalIdentityNumbers.contains(redacted)).isFalse();
  }

  @Test
  void redactsSeveralNumbersInOneText() {
    String text = "Sökande 850709-1234 och 19920101-5678 (ombud 9201015678).";

    assertThat(PersonalIdentityNumbers.redact(text)).isEqualTo(
        "Sökande [personnummer borttaget] och [personnummer borttaget] (ombud [personnummer borttaget]).");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Dnr 2024/7",
      "KS 2024/55",
      "BUN/2016:360",
      "Utfall 5 549,8 tkr",
      "Sammanträde 2024-02-14",
      "Begäran om överflyttning av investeringsmedel 2023-2024",
      "Ludvika kommun, organisationsnummer 212000-2239", // month 20: an organisation number
      "Bolaget 556036-0793",
      "851309-1234",   // month 13
      "850230-1234",   // 30 February
      "20230229-1234", // not a leap year
      "850700-1234",   // day 00
      "20240214",      // a date alone
      "12345678901234", // longer run of digits
      "Belopp 1 234 567 890 kr",
      "Telefon 0240-860 00",
  })
  void leavesCaseNumbersAmountsAndDatesAlone(String text) {
    assertThat(PersonalIdentityNumbers.contains(text)).isFalse();
    assertThat(PersonalIdentityNumbers.redact(text)).isEqualTo(text);
  }

  @Test
  void nullStaysNull() {
    assertThat(PersonalIdentityNumbers.redact(null)).isNull();
    assertThat(PersonalIdentityNumbers.contains(null)).isFalse();
  }
}
