package se.anslag.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import se.anslag.domain.Board;
import se.anslag.domain.NoticeDates;
import se.anslag.calendar.NoticeSchedule;
import se.anslag.domain.TakedownPolicy;

/**
 * The sample notice seen on every day from 2024-02-19 to 2024-03-14 on both boards of the joint committee, with
 * the dates computed by law under the default takedown policy.
 */
class BoardTimeTravelTest {

  private static final LocalDate FIRST_DAY = LocalDate.parse("2024-02-19");
  private static final LocalDate LAST_DAY = LocalDate.parse("2024-03-14");
  private static final LocalDate POSTED = LocalDate.parse("2024-02-20");
  private static final String NOTICE_PAGE = "anslag/gemensamma-servicenamnden/2024-02-14/index.html";
  private static final List<Board> BOARDS = List.of(SampleNotices.LUDVIKA, SampleNotices.SMEDJEBACKEN);

  private final BoardSite site = new BoardSite();

  /** Posted on both boards the same day, so the appeal time runs from that day on both. */
  private static BoardNotice sampleOn(Board otherBoard) {
    NoticeDates dates = NoticeSchedule.forPostings(List.of(POSTED, POSTED), TakedownPolicy.NEXT_DAY);
    return new BoardNotice(
        "sha256-gsn-2024-02-14", "Gemensamma servicenämnden", "gemensamma-servicenamnden",
        LocalDate.parse("2024-02-14"), LocalDate.parse("2024-02-19"), "kanslienheten, stadshuset Ludvika",
        SampleNotices.PARAGRAPHS, POSTED, dates, TakedownPolicy.NEXT_DAY, List.of(otherBoard.name()), null);
  }

  private SortedMap<String, byte[]> renderOn(LocalDate day) {
    return site.render(BOARDS, Map.of(
        "ludvika", List.of(sampleOn(SampleNotices.SMEDJEBACKEN)),
        "smedjebacken", List.of(sampleOn(SampleNotices.LUDVIKA))), day);
  }

  private static String text(Map<String, byte[]> files, String key) {
    byte[] content = files.get(key);
    return content == null ? null : new String(content, StandardCharsets.UTF_8);
  }

  @Test
  void theLawGivesTheDatesOfTheWorkedExample() {
    NoticeDates dates = sampleOn(SampleNotices.LUDVIKA).dates();

    assertThat(dates.lastAppealDay()).isEqualTo(LocalDate.parse("2024-03-12"));
    assertThat(dates.takedownOn()).isEqualTo(LocalDate.parse("2024-03-13"));
  }

  @Test
  void bothBoardsListTheNoticeExactlyFromPostingThroughTheLastAppealDay() {
    for (Board board : BOARDS) {
      List<LocalDate> listedOn = new ArrayList<>();
      for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(1)) {
        SortedMap<String, byte[]> files = renderOn(day);
        String index = text(files, board.id() + "/index.html");
        String organPage = text(files, board.id() + "/organ/gemensamma-servicenamnden/index.html");
        if (index.contains("href=\"" + NOTICE_PAGE + "\"")) {
          listedOn.add(day);
          assertThat(index).as("%s on %s", board.id(), day).contains("<caption id=\"aktuella\">Aktuella anslag "
              + "<time datetime=\"" + day + "\">" + day + "</time>: 1</caption>");
          assertThat(organPage).as("organ page of %s on %s", board.id(), day).contains("../../" + NOTICE_PAGE);
        } else {
          assertThat(index).as("%s on %s", board.id(), day).contains("Det finns inga aktuella anslag");
        }
      }

      assertThat(listedOn).as(board.id()).first().isEqualTo(LocalDate.parse("2024-02-20"));
      assertThat(listedOn).as(board.id()).last().isEqualTo(LocalDate.parse("2024-03-12"));
      assertThat(listedOn).as(board.id()).hasSize(22); // every day in between, none skipped
    }
  }

  @Test
  void noticePageIsAbsentThenFullThenTakenDown() {
    for (Board board : BOARDS) {
      String key = board.id() + "/" + NOTICE_PAGE;
      for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(1)) {
        String page = text(renderOn(day), key);

        if (day.isBefore(POSTED)) {
          assertThat(page).as("%s on %s, before posting", key, day).isNull();
        } else if (!day.isAfter(LocalDate.parse("2024-03-12"))) {
          assertThat(page).as("%s on %s", key, day)
              .contains("Sista dag för överklagande</dt><dd><time datetime=\"2024-03-12\">")
              .contains("Tas ned</dt><dd><time datetime=\"2024-03-13\">", "Införande av Microsoft 365")
              .doesNotContain("Anslaget är nedtaget");
        } else {
          assertThat(page).as("%s on %s, taken down", key, day)
              .contains("<h1>Anslaget är nedtaget</h1>", "togs ned <time datetime=\"2024-03-13\">")
              .doesNotContain("Införande av Microsoft 365", "kanslienheten");
        }
      }
    }
  }
}
