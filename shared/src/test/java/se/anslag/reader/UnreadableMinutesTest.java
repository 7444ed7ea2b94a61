package se.anslag.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.anslag.domain.Minutes;
import se.anslag.domain.Warning;

/** Files that are not minutes Anslag can read are refused with one sentence naming the problem. */
class UnreadableMinutesTest {

  private static final List<String> SHORT_MINUTES = HostilePdfs.MINUTES;

  private final MinutesReader reader = new MinutesReader();

  @Test
  void aPdfWithTextIsRead() throws Exception {
    var minutes = reader.read(TestPdfs.withLines(SHORT_MINUTES));

    assertThat(minutes.organ()).isEqualTo("Gemensamma servicenämnden");
    assertThat(minutes.paragraphs()).singleElement().satisfies(p -> {
      assertThat(p.decision()).isEqualTo("Nämnden godkänner bokslutet.");
      assertThat(p.recipients()).extracting(r -> r.name()).containsExactly("Akten");
    });
  }

  @Test
  void refusesAnEmptyFile() {
    assertThatThrownBy(() -> reader.read(new byte[0]))
        .isInstanceOf(UnreadableMinutesException.class).hasMessage("The file is empty.");
    assertThatThrownBy(() -> reader.read(" \n\r\n ".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableMinutesException.class).hasMessage("The file is empty.");
  }

  @Test
  void refusesBinaryThatIsNeitherPdfNorText() {
    byte[] binary = new byte[512];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31);
    }

    assertThatThrownBy(() -> reader.read(binary))
        .isInstanceOf(UnreadableMinutesException.class).hasMessage("The file is neither a PDF nor a text file.");
  }

  @Test
  void refusesAWordDocumentWithAdvice() {
    byte[] docx = {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00};

    assertThatThrownBy(() -> reader.read(docx))
        .isInstanceOf(UnreadableMinutesException.class).hasMessageContaining("save the minutes as PDF");
  }

  @Test
  void refusesAPdfWithoutTextLayer() throws Exception {
    byte[] scan = TestPdfs.blankPages(2);

    assertThatThrownBy(() -> reader.read(scan))
        .isInstanceOf(UnreadableMinutesException.class)
        .hasMessageContaining("no text layer").hasMessageContaining("OCR");
  }

  @Test
  void refusesAPasswordProtectedPdf() throws Exception {
    byte[] encrypted = TestPdfs.encrypted(SHORT_MINUTES, "user-secret");

    assertThatThrownBy(() -> reader.read(encrypted))
        .isInstanceOf(UnreadableMinutesException.class).hasMessageContaining("encrypted with a password");
  }

  @Test
  void readsAPdfEncryptedWithoutAUserPassword() throws Exception {
    byte[] ownerOnly = TestPdfs.encrypted(SHORT_MINUTES, "");

    assertThat(reader.read(ownerOnly).paragraphs()).hasSize(1);
  }

  @Test
  void refusesATruncatedPdf() throws Exception {
    byte[] whole = TestPdfs.withLines(SHORT_MINUTES);
    byte[] truncated = Arrays.copyOf(whole, whole.length / 3);

    assertThatThrownBy(() -> reader.read(truncated))
        .isInstanceOf(UnreadableMinutesException.class).hasMessageContaining("damaged");
  }

  @Test
  void refusesAPdfWithGarbageAfterTheHeader() {
    byte[] damaged = "%PDF-1.7\n\u0001\u0002 this is not a PDF body at all".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> reader.read(damaged))
        .isInstanceOf(UnreadableMinutesException.class).hasMessageContaining("damaged");
  }

  @Test
  void refusesAFileOverTheSizeLimit() {
    byte[] huge = new byte[(int) MinutesReader.MAX_BYTES + 1];

    assertThatThrownBy(() -> reader.read(huge))
        .isInstanceOf(UnreadableMinutesException.class).hasMessageContaining("larger than 20 MB");
  }

  @Test
  void refusesAPdfOverThePageLimit() throws Exception {
    byte[] longPdf = TestPdfs.blankPages(MinutesReader.MAX_PAGES + 1);

    assertThatThrownBy(() -> reader.read(longPdf))
        .isInstanceOf(UnreadableMinutesException.class).hasMessageContaining("501 pages");
  }

  @Test
  void namesEveryMissingPartOfATextThatIsNotMinutes() {
    assertThatThrownBy(() -> reader.readText("Hej!\nVi ses på fredag vid fikat.\n"))
        .isInstanceOf(UnreadableMinutesException.class)
        .hasMessage("The text does not look like minutes: no organ (\"Organ\", \"Beslutsinstans\" ...), "
            + "no meeting date (\"Sammanträdesdatum\" ...) and no paragraph heading (\"§ 1\" ...) was found.");
  }

  @Test
  void readsMinutesWithoutParagraphsInPartAndNamesWhatIsMissing() throws Exception {
    String noParagraphs = "Organ Kommunstyrelsen\nSammanträdesdatum 2024-03-01\nInga ärenden.\n";

    Minutes minutes = reader.readText(noParagraphs);

    assertThat(minutes.organ()).isEqualTo("Kommunstyrelsen");
    assertThat(minutes.meetingDate()).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(minutes.paragraphs()).isEmpty();
    assertThat(minutes.warnings()).extracting(Warning::code).contains("PARAGRAPHS_NOT_FOUND");
  }

  @Test
  void readsMinutesWithoutAMeetingDateInPartAndNamesIt() throws Exception {
    String noDate = "Organ Kommunstyrelsen\n§ 1\nBudget\nBeslut\nGodkänns.\n";

    Minutes minutes = reader.readText(noDate);

    assertThat(minutes.organ()).isEqualTo("Kommunstyrelsen");
    assertThat(minutes.meetingDate()).isNull();
    assertThat(minutes.paragraphs()).extracting(p -> p.title()).containsExactly("Budget");
    assertThat(minutes.warnings()).filteredOn(w -> w.code().equals("MEETING_DATE_NOT_FOUND")).singleElement()
        .satisfies(w -> assertThat(w.message()).contains("meeting date"));
  }

  @Test
  void readsMinutesWithoutAnOrganInPartAndNamesIt() throws Exception {
    String noOrgan = "Sammanträdesdatum 2024-03-01\n§ 1\nBudget\nBeslut\nGodkänns.\n";

    Minutes minutes = reader.readText(noOrgan);

    assertThat(minutes.organ()).isNull();
    assertThat(minutes.meetingDate()).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(minutes.warnings()).extracting(Warning::code).contains("ORGAN_NOT_FOUND");
  }

  @Test
  void refusesAnOrganAloneInATextWithoutAWordOfMinutes() {
    assertThatThrownBy(() -> reader.readText("Kommunstyrelsen\nHej, här kommer bilderna från i fredags.\n"))
        .isInstanceOf(UnreadableMinutesException.class)
        .hasMessage("The text does not look like minutes: no meeting date (\"Sammanträdesdatum\" ...) "
            + "and no paragraph heading (\"§ 1\" ...) was found.");
  }
}
