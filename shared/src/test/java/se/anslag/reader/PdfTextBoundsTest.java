package se.anslag.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Hostile PDFs under the 20 MB limit are refused by a bound, with a sentence naming the bound and the
 * page, instead of filling the memory or outlasting the function. How much memory and time a refusal
 * takes is printed by {@code ./anslag benchmark bomb}, never asserted here.
 */
class PdfTextBoundsTest {
  private final MinutesReader reader = new MinutesReader();

  @Test
  void aDecompressionBombOfZerosIsRefusedAtTheContentLimitNamingThePage() {
    var bomb = HostilePdfs.decompressionBomb(300L * 1024 * 1024);
    assertThat(bomb.length).as("a small file").isLessThan(1024 * 1024);

    assertThatThrownBy(() -> reader.read(bomb))
        .isInstanceOf(UnreadableMinutesException.class)
        .hasMessage("The PDF is not read: its content unpacks to more than 64 MB by page 2, the limit for a whole"
            + " file (a decompression bomb, or pages drawn in extreme detail).");
  }

  @Test
  void aBombThatDrawsTextIsRefusedAtTheContentLimitToo() {
    assertThatThrownBy(() -> reader.read(HostilePdfs.textBomb(300L * 1024 * 1024)))
        .isInstanceOf(UnreadableMinutesException.class)
        .hasMessageContaining("more than 64 MB by page 2");
  }

  @Test
  void aPageDrawingMoreCharactersThanTheLimitIsRefusedNamingIt() {
    var dense = HostilePdfs.denseText(150_000);
    assertThat(dense.length).as("well under the content limit").isLessThan(1024 * 1024);

    assertThatThrownBy(() -> reader.read(dense))
        .isInstanceOf(UnreadableMinutesException.class)
        .hasMessage("The PDF is not read: page 2 draws more than 100,000 characters, the limit for one page.");
  }

  @Test
  void aPageJustUnderTheCharacterLimitIsRead() throws Exception {
    var text = PdfText.extract(HostilePdfs.denseText(90_000), MinutesReader.MAX_PAGES);

    assertThat(text).contains("Nämnden godkänner bokslutet.");
  }

  @Test
  void aReadingPastTheTimeLimitIsRefusedNamingIt() {
    assertThatThrownBy(() -> PdfText.extract(HostilePdfs.decompressionBomb(1024 * 1024), MinutesReader.MAX_PAGES,
        Duration.ZERO))
        .isInstanceOf(UnreadableMinutesException.class)
        .hasMessage("The PDF is not read: reading it took longer than 0 seconds, the limit, at page 1.");
  }

  @Test
  void aSmallBombUnderTheLimitIsReadAsTheBlankPageItIs() throws Exception {
    var minutes = reader.read(HostilePdfs.decompressionBomb(8L * 1024 * 1024));

    assertThat(minutes.organ()).isEqualTo("Gemensamma servicenämnden");
    assertThat(minutes.paragraphs()).singleElement().satisfies(p -> assertThat(p.title()).isEqualTo("Bokslut 2023"));
  }

  @Test
  void aFileOfThirtyMegabytesIsRefusedForItsSize() {
    assertThatThrownBy(() -> reader.read(HostilePdfs.ofSize(30L * 1024 * 1024)))
        .isInstanceOf(UnreadableMinutesException.class)
        .hasMessage("The file is 30 MB; files larger than 20 MB are not accepted.");
  }
}
