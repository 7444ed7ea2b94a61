package se.anslag.ports;

import java.util.List;
import java.util.Map;
import se.anslag.domain.Notice;

/** What hangs on each board: the notice of each set of minutes per board, kept after takedown. */
public interface NoticeStore {
  void putNotice(Notice notice);

  /** Marks a notice taken down (soft delete: the record stays). */
  void markTakenDown(Notice notice);

  /** Every notice ever put on a board, taken down or not, newest posting first. */
  List<Notice> noticesOnBoard(String boardId);

  /** The notices of one set of minutes, one per board. */
  List<Notice> notices(String minutesId);

  /** The notices of several sets of minutes on the boards given for each (minutes id to board ids). */
  List<Notice> noticesOn(Map<String, List<String>> boardsByMinutesId);
}
