package se.anslag.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.anslag.domain.Minutes;
import se.anslag.domain.Paragraph;
import se.anslag.domain.ParagraphRange;
import se.anslag.domain.PrintedNoticeDates;
import se.anslag.domain.RecipientLine;

/** The sample minutes, as PDF and as text, read field by field. */
class SampleMinutesTest {

  private final MinutesReader reader = new MinutesReader();

  static byte[] sample(String name) throws IOException {
    try (InputStream in = SampleMinutesTest.class.getResourceAsStream("/samples/" + name)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gsn-2024-02-14.txt", "gsn-2024-02-14.pdf"})
  void readsTheNoticeBlockOfTheSample(String file) throws Exception {
    Minutes minutes = reader.read(sample(file));

    assertThat(minutes.organ()).isEqualTo("Gemensamma servicenämnden");
    assertThat(minutes.meetingDate()).isEqualTo(LocalDate.of(2024, 2, 14));
    assertThat(minutes.paragraphRange()).isEqualTo(new ParagraphRange(1, 6));
    assertThat(minutes.storagePlace()).isEqualTo("kanslienheten, stadshuset Ludvika");
    assertThat(minutes.adjustedOn()).isNull();
    assertThat(minutes.printedNotice()).isEqualTo(PrintedNoticeDates.NONE);
    assertThat(minutes.warnings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gsn-2024-02-14.txt", "gsn-2024-02-14.pdf"})
  void readsEveryParagraphOfTheSample(String file) throws Exception {
    Minutes minutes = reader.read(sample(file));

    assertThat(minutes.paragraphs())
        .extracting(Paragraph::number, Paragraph::caseNumber, Paragraph::title)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "2024/7", "Begäran om överflyttning av investeringsmedel 2023-2024"),
            org.assertj.core.groups.Tuple.tuple(2, "2024/6", "Bokslut 2023"),
            org.assertj.core.groups.Tuple.tuple(3, "2024/5", "Driftbudget och fördelningsnyckel 2025"),
            org.assertj.core.groups.Tuple.tuple(4, "2024/8", "Investeringsbudget 2025"),
            org.assertj.core.groups.Tuple.tuple(5, "2024/2", "Information från verksamheten"),
            org.assertj.core.groups.Tuple.tuple(6, "2024/9", "Införande av Microsoft 365"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gsn-2024-02-14.txt", "gsn-2024-02-14.pdf"})
  void readsTheDecisionsOfTheSample(String file) throws Exception {
    List<String> decisions = reader.read(sample(file)).paragraphs().stream().map(Paragraph::decision).toList();

    assertThat(decisions).containsExactly(
        "Gemensamma servicesnämnden föreslår kommunfullmäktige att föra över 5 549,8 tkr av outnyttjade "
            + "investeringsmedel från år 2023 till 2024.",
        "1. IT-centers verksamhetsberättelse och bokslut godkänns och överlämnas till samverkande kommuners "
            + "fullmäktige.\n"
            + "2. Nämnden ger IT-chefen ett medskick att vid nämnden den 20 mars ge en presentation av genomförd "
            + "enkät ”nöjd-kund-undersökning”.",
        "1. Gemensamma servicenämnden godkänner förslag om ny fördelningsnyckel 2025 enligt bilaga daterad "
            + "12 februari 2024.\n"
            + "2. Gemensamma servicenämnden godkänner förslag om medlemsbidrag 2025 enligt bilaga daterad "
            + "12 februari 2024",
        "Gemensamma servicenämnden godkänner förslag om investeringsmedel för vidare hantering i "
            + "kommunövergripande budgetprocess.",
        "Gemensamma servicenämnden noterar informationen.",
        "1. Gemensamma servicenämnden noterar informationen\n"
            + "2. Gemensamma servicenämnden uppdrar till samordningsgruppens att återkomma i ärendet.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gsn-2024-02-14.txt", "gsn-2024-02-14.pdf"})
  void readsTheRecipientsOfTheSample(String file) throws Exception {
    List<Paragraph> paragraphs = reader.read(sample(file)).paragraphs();

    assertThat(paragraphs.get(0).recipients()).containsExactly(
        plain("Kommunstyrelsen"), plain("Samverkande kommuner"), plain("Ekonomienheten"), plain("Akten"));
    assertThat(paragraphs.get(1).recipients()).containsExactly(
        plain("Samverkande kommuners fullmäktige"), plain("Digitaliseringsrådet"), plain("Akten"));
    assertThat(paragraphs.get(2).recipients()).containsExactly(
        forInformation("Kommunstyrelsen"),
        forInformation("Kommunstyrelsens förvaltnings verksamhetscontroller"),
        plain("Samverkande kommuner"),
        forInformation("Revisorerna"),
        forInformation("Ekonomienheten"),
        plain("Akten"));
    assertThat(paragraphs.get(3).recipients()).containsExactly(
        forInformation("Kommunstyrelsen"),
        forInformation("Kommunstyrelsens förvaltnings verksamhetscontroller"),
        forInformation("Revisorerna"),
        forInformation("Ekonomienheten"),
        plain("Akten"));
    assertThat(paragraphs.get(4).recipients()).containsExactly(plain("Akten"));
    assertThat(paragraphs.get(5).recipients()).containsExactly(
        new RecipientLine("IT-chef", "fvb till Samordningsgruppen", "IT-chef fvb till Samordningsgruppen"),
        plain("Akten"));
    assertThat(paragraphs.get(5).recipients().getFirst().forwardTo()).isEqualTo("Samordningsgruppen");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gsn-2024-02-14.txt", "gsn-2024-02-14.pdf"})
  void keepsTheWholeParagraphTextWithoutBulletGlyphs(String file) throws Exception {
    Paragraph first = reader.read(sample(file)).paragraphs().getFirst();
    Paragraph last = reader.read(sample(file)).paragraphs().getLast();

    assertThat(first.text()).startsWith("§ 1 Dnr 2024/7\n").contains("0013 Gem. identitetsplattform")
        .endsWith("Akten");
    assertThat(last.text()).contains("Säker informationslagring").doesNotContain("•").doesNotContain("\uF0B7");
  }

  @Test
  void theTextAndThePdfGiveTheSameParagraphs() throws Exception {
    Minutes fromText = reader.read(sample("gsn-2024-02-14.txt"));
    Minutes fromPdf = reader.read(sample("gsn-2024-02-14.pdf"));

    assertThat(fromPdf.paragraphs())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("text")
        .isEqualTo(fromText.paragraphs());
  }

  @Test
  void readsTheSampleInOtherEncodings() throws Exception {
    String text = new String(sample("gsn-2024-02-14.txt"), StandardCharsets.UTF_8);
    Minutes expected = reader.readText(text);

    for (byte[] encoded : List.of(
        withPrefix(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8)),
        withPrefix(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)),
        withPrefix(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE)),
        text.getBytes(Charset.forName("windows-1252")))) {
      assertThat(reader.read(encoded)).isEqualTo(expected);
    }
  }

  private static byte[] withPrefix(byte[] prefix, byte[] body) {
    byte[] all = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(body, 0, all, prefix.length, body.length);
    return all;
  }

  private static RecipientLine plain(String name) {
    return new RecipientLine(name, null, name);
  }

  private static RecipientLine forInformation(String name) {
    return new RecipientLine(name, "för kännedom", name + " för kännedom");
  }
}
