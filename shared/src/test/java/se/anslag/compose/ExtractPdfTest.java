package se.anslag.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.TakedownPolicy;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.Paragraph;
import se.anslag.domain.ParagraphRange;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;

/** The extract PDF, read back with PDFBox's text extraction and its document model. */
class ExtractPdfTest {
  private static final Instant NOW = Instant.parse("2024-02-20T08:00:00Z");
  private static final MinutesRecord MINUTES = new MinutesRecord("abc123", "bucket", "key", NOW,
      "Gemensamma servicenämnden", "gemensamma-servicenamnden", LocalDate.of(2024, 2, 14), new ParagraphRange(1, 6),
      "kanslienheten, stadshuset Ludvika", LocalDate.of(2024, 2, 19), MinutesStatus.DISPATCHED, null, List.of());
  private static final Notice NOTICE = new Notice("abc123", "ludvika", LocalDate.of(2024, 2, 20),
      new NoticeDates(LocalDate.of(2024, 2, 20), LocalDate.of(2024, 3, 12), LocalDate.of(2024, 3, 13)),
      TakedownPolicy.NEXT_DAY, false);
  private static final SendOut SEND_OUT = new SendOut("abc123", 3, "ks@example.org", SendOutKind.EMAIL,
      List.of("Kommunstyrelsen"), null, SendOutStatus.SENDING, 1, null, NOW, NOW, null);

  private final DecisionMailComposer composer = new DecisionMailComposer();

  @Test
  void extractShowsHeaderDecisionFirstTheDatesAndTheCertificationLast() throws IOException {
    var paragraph = new Paragraph(3, "2024/5", "Driftbudget och fördelningsnyckel 2025",
        "Gemensamma servicenämnden fastställer fördelningsnyckeln för år 2025.",
        "Beslut\nGemensamma servicenämnden fastställer fördelningsnyckeln för år 2025.\n\n"
            + "Beskrivning av ärendet\nÄrendet gäller kostnaderna enligt § 4 i avtalet; café-verksamheten ingår.",
        List.of());

    var text = text(composer.pdf(MINUTES, paragraph, SEND_OUT, NOTICE, LocalDate.of(2024, 2, 21)));

    assertThat(text).contains("Protokollsutdrag", "Organ: Gemensamma servicenämnden", "Sammanträdesdatum: 2024-02-14",
        "Paragraf: § 3", "Dnr: 2024/5", "Ärende: Driftbudget och fördelningsnyckel 2025",
        "enligt § 4 i avtalet; café-verksamheten ingår.", "Sista dag för överklagande: 2024-03-12",
        "Anslaget tas ned: 2024-03-13", "Tillkännagivet på anslagstavlan: 2024-02-20");
    assertThat(text.indexOf("fastställer fördelningsnyckeln")).isLessThan(text.indexOf("Paragrafen i sin helhet"));
    assertThat(text.strip()).contains(
        "Utdragsbestyrkande: Utdraget överensstämmer med protokollet. Anslag, 2024-02-21");
    assertThat(text.lastIndexOf("Utdragsbestyrkande:")).isGreaterThan(text.indexOf("Så överklagar du"));
  }

  /** Names as they are written: every Sami letter, other European alphabets, and a few hostile ones. */
  private static final List<String> NAMES = List.of(
      "Čuoŋo Đuolbbajávri Ŋoarvi Šiellá Ŧuomas Žanna", // North Sami capitals
      "čuoŋo đuolbba ŋoarvi šiellá ŧuomas žanna áddjá", // and lower case
      "Ǯǯ Ʒʒ Ǥǥ Ǩǩ Åå Ää Öö Ïï Ââ", // Skolt and Inari Sami, South Sami
      "Łukasz Żółć Dvořák Erdős Ştefan Țară Işıl Gökçe Ğ Þórður Ķēniņš Nguyễn Thị Ngọc",
      "Юлия Щербакова Ωμέγα Σαμοθράκη Արամ თბილისი",
      "Jose\u0301 Åsa \u00D6berg", // a combining accent, printed as the precomposed letter
      "Ond\u202Erubrik\u200B med\u0007kontroll\u2028tecken");

  @Test
  void everyLetterOfSamiAndOtherNamesIsPrintedAndReadBack() throws IOException {
    var blocks = new ArrayList<ExtractPdf.Block>();
    blocks.add(new ExtractPdf.Title("Čuoŋo Šiellá"));
    blocks.add(new ExtractPdf.Heading("Ŧuomas Žanna"));
    NAMES.forEach(name -> blocks.add(new ExtractPdf.Field("Namn", name)));
    blocks.add(new ExtractPdf.Text(String.join("\n", NAMES)));

    var text = text(ExtractPdf.render("Utdrag för Đuolbba", blocks));

    assertThat(text).contains("Čuoŋo Šiellá", "Ŧuomas Žanna", "Utdrag för Đuolbba – sida 1 av 1",
        "Namn: Čuoŋo Đuolbbajávri Ŋoarvi Šiellá Ŧuomas Žanna", "čuoŋo đuolbba ŋoarvi šiellá ŧuomas žanna áddjá",
        "Ǯǯ Ʒʒ Ǥǥ Ǩǩ Åå Ää Öö Ïï Ââ", "Łukasz Żółć Dvořák Erdős Ştefan Țară Işıl Gökçe Ğ Þórður Ķēniņš Nguyễn Thị Ngọc",
        "Юлия Щербакова Ωμέγα Σαμοθράκη Արամ თბილისი", "Namn: José Åsa Öberg", "Ondrubrik medkontroll tecken");
    assertThat(text).doesNotContain("?");
  }

  @Test
  void aCharacterTheFontLacksIsAQuestionMarkAndTheRestOfTheLineIsKept() throws IOException {
    var pdf = ExtractPdf.render("Test", List.of(new ExtractPdf.Text("Åsa Öberg — 漢字 och देव • slut 😀")));

    assertThat(text(pdf)).contains("Åsa Öberg — ?? och ??? • slut 😀"); // DejaVu Sans has no Han or Devanagari
  }

  @Test
  void bothFontsAreEmbeddedAsSubsetsAndNoOtherFontIsUsed() throws IOException {
    try (var document = Loader.loadPDF(ExtractPdf.render("Fonter", List.of(new ExtractPdf.Title("Rubrik"),
        new ExtractPdf.Text("Brödtext med Č och Ŋ."))))) {
      var resources = document.getPage(0).getResources();
      var fonts = new ArrayList<PDFont>();
      for (var name : resources.getFontNames()) {
        fonts.add(resources.getFont(name));
      }
      assertThat(fonts).extracting(PDFont::getName).hasSize(2)
          .anyMatch(name -> name.matches("[A-Z]{6}\\+DejaVuSans")).anyMatch(name -> name.matches("[A-Z]{6}\\+DejaVuSans-Bold"));
      assertThat(fonts).allSatisfy(font -> assertThat(font.isEmbedded()).as("%s embedded", font.getName()).isTrue());
      assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Fonter");
    }
  }

  @Test
  void longParagraphRunsOntoAsManyPagesAsItNeedsWithEveryLineInsideTheMargins() throws IOException {
    var body = IntStream.rangeClosed(1, 300)
        .mapToObj(i -> "Rad " + i + " av paragrafen, med text som är lång nog att brytas över flera rader när den "
            + "sätts med Helvetica i tio och en halv punkt på en A4-sida med två centimeters marginaler.")
        .collect(Collectors.joining("\n"));
    var pdf = ExtractPdf.render("Lång paragraf", List.of(new ExtractPdf.Title("Protokollsutdrag"),
        new ExtractPdf.Text(body), new ExtractPdf.Text("x".repeat(400))));

    try (var document = Loader.loadPDF(pdf)) {
      // 300 sentences of two lines each at 14 pt leading: about 50 lines a page.
      assertThat(document.getNumberOfPages()).isBetween(12, 14);
      var glyphs = new ArrayList<TextPosition>();
      var stripper = new PDFTextStripper() {
        @Override
        protected void processTextPosition(TextPosition text) {
          glyphs.add(text);
          super.processTextPosition(text);
        }
      };
      var all = stripper.getText(document);
      for (int i = 1; i <= 300; i++) {
        assertThat(all).contains("Rad " + i + " av paragrafen");
      }
      assertThat(all.replaceAll("\\s", "")).contains("x".repeat(400));
      assertThat(glyphs).allSatisfy(glyph -> {
        assertThat(glyph.getXDirAdj()).isGreaterThanOrEqualTo(56f);
        assertThat(glyph.getXDirAdj() + glyph.getWidthDirAdj()).isLessThanOrEqualTo(ExtractPdf.PAGE_WIDTH - 56f);
        assertThat(glyph.getYDirAdj()).isBetween(56f, ExtractPdf.PAGE_HEIGHT - 40f);
      });
      int pages = document.getNumberOfPages();
      stripper.setStartPage(pages);
      assertThat(stripper.getText(document)).contains("Lång paragraf – sida " + pages + " av " + pages);
    }
  }

  private static String text(byte[] pdf) throws IOException {
    try (var document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }
}
