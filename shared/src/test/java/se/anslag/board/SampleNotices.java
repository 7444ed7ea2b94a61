package se.anslag.board;

import java.time.LocalDate;
import java.util.List;
import se.anslag.domain.Board;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.TakedownPolicy;
import se.anslag.format.Slugs;

/** The sample minutes (Gemensamma servicenämnden 2024-02-14) as notices, and variations on them. */
final class SampleNotices {

  static final Board LUDVIKA = new Board("ludvika", "Ludvika kommun");
  static final Board SMEDJEBACKEN = new Board("smedjebacken", "Smedjebackens kommun");

  static final LocalDate POSTED = LocalDate.parse("2024-02-20");
  static final LocalDate LAST_APPEAL_DAY = LocalDate.parse("2024-03-12");
  static final LocalDate TAKEDOWN_NEXT_DAY = LocalDate.parse("2024-03-13");

  static final List<ParagraphSummary> PARAGRAPHS = List.of(
      new ParagraphSummary(1, "2024/7", "Begäran om överflyttning av investeringsmedel 2023-2024"),
      new ParagraphSummary(2, "2024/6", "Bokslut 2023"),
      new ParagraphSummary(3, "2024/5", "Driftbudget och fördelningsnyckel 2025"),
      new ParagraphSummary(4, "2024/8", "Investeringsbudget 2025"),
      new ParagraphSummary(5, "2024/2", "Information från verksamheten"),
      new ParagraphSummary(6, "2024/9", "Införande av Microsoft 365"));

  private SampleNotices() {}

  /** The sample as Ludvika's board shows it, joint with Smedjebacken, default takedown policy. */
  static BoardNotice gsn() {
    return gsn(TakedownPolicy.NEXT_DAY);
  }

  static BoardNotice gsn(TakedownPolicy policy) {
    LocalDate takedown = policy == TakedownPolicy.NEXT_DAY ? TAKEDOWN_NEXT_DAY : LAST_APPEAL_DAY;
    return new BoardNotice(
        "sha256-gsn-2024-02-14",
        "Gemensamma servicenämnden",
        "gemensamma-servicenamnden",
        LocalDate.parse("2024-02-14"),
        LocalDate.parse("2024-02-16"),
        "Kanslienheten, stadshuset Ludvika",
        PARAGRAPHS,
        POSTED,
        new NoticeDates(POSTED, LAST_APPEAL_DAY, takedown),
        policy,
        List.of("Smedjebackens kommun"),
        null);
  }

  /** A notice of an ordinary (not joint) organ, posted on the given day with the default policy. */
  static BoardNotice ordinary(String minutesId, String organ, LocalDate meetingDate, LocalDate posted) {
    LocalDate lastAppealDay = posted.plusDays(21);
    return new BoardNotice(
        minutesId, organ, Slugs.slug(organ), meetingDate, meetingDate.plusDays(2), "Kommunkansliet",
        List.of(new ParagraphSummary(1, "KS 2024/55", "Val av justerare")),
        posted, new NoticeDates(posted, lastAppealDay, lastAppealDay.plusDays(1)), TakedownPolicy.NEXT_DAY,
        List.of(), null);
  }

  static BoardNotice withTexts(
      BoardNotice notice, String organ, String organSlug, String storagePlace, List<ParagraphSummary> paragraphs,
      String documentUrl) {
    return new BoardNotice(
        notice.minutesId(), organ, organSlug, notice.meetingDate(), notice.adjustedOn(), storagePlace, paragraphs,
        notice.postedOnThisBoard(), notice.dates(), notice.policy(), notice.cooperatingBoardNames(), documentUrl);
  }
}
