package se.anslag.desk;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import se.anslag.compose.ExtractPdf;
import se.anslag.domain.HistoryEntry;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.Notice;
import se.anslag.domain.SwedishTime;
import se.anslag.setup.MunicipalSetup;

/**
 * The proof of posting (anslagsbevis) of published minutes, once their notice is down: what the
 * ANSLAG/BEVIS block of the minutes records (organ, meeting, posted on, taken down on, where the
 * minutes are kept), per board, with who published them. Written with {@link ExtractPdf}, the one
 * way Anslag writes PDFs, so it has the extracts' embedded DejaVu fonts and wrapping.
 */
final class ProofOfPosting {
  /** What the desk writes in the history when a clerk publishes (DeskRequests). */
  private static final String PUBLISHED = "Publicerade";
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private ProofOfPosting() {}

  /**
   * Down on every board: past the last appeal day (the notice stays up all of that day) and on or after
   * the takedown date.
   */
  static boolean takenDown(List<Notice> notices, LocalDate today) {
    return !notices.isEmpty() && notices.stream().allMatch(notice -> today.isAfter(notice.dates().lastAppealDay())
        && !today.isBefore(notice.dates().takedownOn()));
  }

  static String fileName(MinutesRecord minutes) {
    return "anslagsbevis-" + minutes.organSlug() + "-" + minutes.meetingDate() + ".pdf";
  }

  static byte[] render(MinutesRecord minutes, List<Notice> notices, List<HistoryEntry> history,
      MunicipalSetup setup) {
    var blocks = new ArrayList<ExtractPdf.Block>();
    blocks.add(new ExtractPdf.Title("Anslagsbevis"));
    blocks.add(new ExtractPdf.Text("Bevis om anslag av justerat protokoll på kommunens digitala anslagstavla."));
    blocks.add(new ExtractPdf.Field("Organ", minutes.organ()));
    blocks.add(new ExtractPdf.Field("Sammanträdesdatum", String.valueOf(minutes.meetingDate())));
    if (minutes.paragraphRange() != null) {
      blocks.add(new ExtractPdf.Field("Paragrafer", "§ " + minutes.paragraphRange().from()
          + (minutes.paragraphRange().to() == minutes.paragraphRange().from() ? "" : "–" + minutes.paragraphRange().to())));
    }
    if (minutes.adjustedOn() != null) {
      blocks.add(new ExtractPdf.Field("Justerat", minutes.adjustedOn().toString()));
    }
    if (minutes.storagePlace() != null) {
      blocks.add(new ExtractPdf.Field("Förvaringsplats för protokollet", minutes.storagePlace()));
    }
    for (var notice : notices.stream().sorted(Comparator.comparing(Notice::boardId)).toList()) {
      var board = setup.board(notice.boardId()).map(b -> b.name()).orElse(notice.boardId());
      blocks.add(new ExtractPdf.Heading("Anslagstavla: " + board));
      blocks.add(new ExtractPdf.Field("Anslaget sattes upp", notice.postedOnThisBoard().toString()));
      blocks.add(new ExtractPdf.Field("Sista dag för överklagande", notice.dates().lastAppealDay().toString()));
      blocks.add(new ExtractPdf.Field("Anslaget togs ned", notice.dates().takedownOn().toString()));
    }
    blocks.add(new ExtractPdf.Heading("Publicering"));
    var published = history.stream().filter(entry -> PUBLISHED.equals(entry.action())).reduce((first, last) -> last);
    if (published.isPresent()) {
      blocks.add(new ExtractPdf.Field("Publicerat av", published.get().clerk()));
      blocks.add(new ExtractPdf.Field("Publicerat", MINUTE.format(published.get().at().atZone(SwedishTime.ZONE))));
    } else {
      // review: none publishes the upload as it arrives; no clerk clicked Publish
      blocks.add(new ExtractPdf.Field("Publicerat av", "Anslag, vid uppladdningen (organet granskar inte före anslag)"));
    }
    blocks.add(new ExtractPdf.Field("Protokollets id (SHA-256)", minutes.id()));
    return ExtractPdf.render("Anslagsbevis – " + minutes.organ() + " " + minutes.meetingDate(), blocks);
  }
}
