package se.anslag.board;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import se.anslag.calendar.NoticeSchedule;
import se.anslag.domain.TakedownPolicy;
import se.anslag.format.Slugs;

/** Many notices that are all on one board on {@link #TODAY}, as a busy board might carry: benchmark and size test. */
final class ManyNotices {

  static final LocalDate TODAY = LocalDate.parse("2024-03-01");

  private static final List<String> ORGANS = List.of(
      "Kommunfullmäktige", "Kommunstyrelsen", "Kommunstyrelsens arbetsutskott", "Barn- och utbildningsnämnden",
      "Socialnämnden", "Miljö- och byggnadsnämnden", "Kultur- och fritidsnämnden", "Tekniska nämnden",
      "Gemensamma servicenämnden", "Överförmyndarnämnden i Västerbergslagen", "Valnämnden",
      "Gemensamma nämnden för upphandling och ekonomiadministration");

  private ManyNotices() {}

  /**
   * {@code count} notices posted over the last three weeks, each with the six paragraphs of the sample, so all
   * are current on {@link #TODAY} under the default policy.
   */
  static List<BoardNotice> current(int count) {
    List<BoardNotice> notices = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String organ = ORGANS.get(i % ORGANS.size());
      LocalDate posted = TODAY.minusDays(i % 21);
      LocalDate meeting = posted.minusDays(2 + (i / ORGANS.size()) % 12);
      notices.add(new BoardNotice(
          "sha256-bench-" + i, organ, Slugs.slug(organ), meeting, posted.minusDays(1), "Kommunkansliet, stadshuset",
          SampleNotices.PARAGRAPHS, posted, NoticeSchedule.forPostings(List.of(posted), TakedownPolicy.NEXT_DAY),
          TakedownPolicy.NEXT_DAY, List.of(), "/protokoll/bench-" + i + ".pdf"));
    }
    return notices;
  }
}
