package se.anslag.ports;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import se.anslag.domain.HistoryEntry;
import se.anslag.domain.MeetingVersion;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.Paragraph;

/**
 * Uploaded minutes with their paragraphs, and the pointer to the current version of each organ's
 * meeting. A corrected upload moves the pointer with a conditional switch, so of two corrections
 * racing one wins.
 */
public interface MinutesStore {
  /** The minutes record, read consistently; empty when the content was never uploaded. */
  Optional<MinutesRecord> findMinutes(String minutesId);

  /** Writes the minutes record; what the send-outs counted on it (their settle count) stays. */
  void putMinutes(MinutesRecord minutes);

  /** All minutes, newest upload first. */
  List<MinutesRecord> listMinutes();

  /** One listed set of minutes and how far its send-outs have come (the settle count on its record). */
  record ListedMinutes(MinutesRecord minutes, int settledSendOuts, int plannedSendOuts) {}

  /** A page of a list and where the next begins ({@code next}, null after the last page). */
  record MinutesPage(List<ListedMinutes> minutes, String next) {}

  /**
   * A page of the minutes of some organs, newest upload first: at most {@code limit}, received
   * before {@code before} (the {@code next} of the page before; null for the first page).
   */
  MinutesPage minutesOfOrgans(Collection<String> organSlugs, String before, int limit);

  void putParagraph(String minutesId, Paragraph paragraph);

  /** The paragraphs of the minutes in number order. */
  List<Paragraph> paragraphs(String minutesId);

  Optional<Paragraph> paragraph(String minutesId, int number);

  /** The current version of an organ's meeting, or empty when no minutes of it were dispatched. */
  Optional<MeetingVersion> currentVersion(String organSlug, LocalDate meetingDate);

  /**
   * Makes {@code next} the current version of its meeting, provided the current one is still
   * {@code expectedCurrentId} (null: no version yet) or already {@code next}. Returns false when
   * another upload moved the pointer first.
   */
  boolean switchCurrentVersion(MeetingVersion next, String expectedCurrentId);

  /** Adds the entry to the minutes' history unless an entry with its key is there already. */
  void addHistory(String minutesId, HistoryEntry entry);

  /** The minutes' history, oldest first. */
  List<HistoryEntry> history(String minutesId);
}
