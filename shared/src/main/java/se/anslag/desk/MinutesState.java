package se.anslag.desk;

import java.time.LocalDate;
import java.util.List;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;

/** Where a set of minutes stands as the clerk's list says it: the record's status and its notices' dates. */
enum MinutesState {
  READING("Läses in"),
  AWAITING_REVIEW("Väntar på granskning"),
  AWAITING_POSTING("Väntar på anslag"),
  POSTED("Anslaget"),
  TAKEN_DOWN("Nedtaget"),
  SUPERSEDED("Ersatt av en rättelse"),
  NEEDS_CLERK("Behöver kompletteras"),
  REJECTED("Avvisat"),
  WITHDRAWN("Återkallat");

  private final String swedish;

  MinutesState(String swedish) {
    this.swedish = swedish;
  }

  String swedish() {
    return swedish;
  }

  static MinutesState of(MinutesStatus status, List<Notice> notices, LocalDate today) {
    return switch (status) {
      case RECEIVED -> READING;
      case AWAITING_REVIEW -> AWAITING_REVIEW;
      case SUPERSEDED -> SUPERSEDED;
      case REJECTED -> REJECTED;
      case NEEDS_CLERK -> NEEDS_CLERK;
      case WITHDRAWN -> WITHDRAWN;
      case DISPATCHED -> {
        if (notices.isEmpty()) {
          yield POSTED;
        }
        if (notices.stream().allMatch(n -> n.takenDown() || today.isAfter(n.dates().lastAppealDay()))) {
          yield TAKEN_DOWN;
        }
        yield notices.stream().allMatch(n -> today.isBefore(n.postedOnThisBoard())) ? AWAITING_POSTING : POSTED;
      }
    };
  }
}
