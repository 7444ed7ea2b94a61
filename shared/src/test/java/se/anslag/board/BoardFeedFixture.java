package se.anslag.board;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A board on 2024-03-01 with every kind of feed entry: the joint-committee sample (current), a notice with a
 * minutes document and a paragraph without case number (current), and one taken down on 2024-02-06 (still
 * listed, withdrawn).
 */
final class BoardFeedFixture {

  static final LocalDate TODAY = LocalDate.parse("2024-03-01");

  private BoardFeedFixture() {}

  static SortedMap<String, byte[]> render() {
    BoardNotice withDocument = SampleNotices.withTexts(
        SampleNotices.ordinary("sha256-bun", "Barn- och utbildningsnämnden", LocalDate.parse("2024-02-22"),
            LocalDate.parse("2024-02-27")),
        "Barn- och utbildningsnämnden", "barn-och-utbildningsnamnden", "Kansliet <Bildning> & co",
        List.of(new ParagraphSummary(81, null, "Val av justerare"),
            new ParagraphSummary(82, "BUN 2024/3", "Skolskjuts 'särskilda skäl'")),
        "/protokoll/bun-2024-02-22.pdf");
    BoardNotice withdrawn = SampleNotices.ordinary(
        "sha256-ks", "Kommunstyrelsen", LocalDate.parse("2024-01-10"), LocalDate.parse("2024-01-15"));
    return new BoardSite().render(
        List.of(SampleNotices.LUDVIKA),
        Map.of("ludvika", List.of(SampleNotices.gsn(), withDocument, withdrawn)),
        TODAY);
  }
}
