package se.anslag.board;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.TakedownPolicy;
import se.anslag.format.Slugs;

/**
 * One notice (tillkännagivande) of adjusted minutes, as one board shows it.
 *
 * @param minutesId content hash of the minutes; stable, used only to order notices that would share an address
 * @param organ the organ as printed ("Gemensamma servicenämnden")
 * @param organSlug the organ's address segment ("gemensamma-servicenamnden"); normalised with {@link Slugs#slug}
 * @param meetingDate the meeting date (sammanträdesdatum)
 * @param adjustedOn the adjustment date (justeringsdatum)
 * @param storagePlace where the minutes are kept (förvaringsplats), or null
 * @param paragraphs the paragraphs of the minutes
 * @param postedOnThisBoard the day the notice went up on this board
 * @param dates postedOn is the posting that starts the appeal time (the latest among all boards for a
 *     joint committee), with the last appeal day and the takedown date
 * @param policy the municipality's takedown policy
 * @param cooperatingBoardNames the other municipalities of a joint committee ("Smedjebacken kommun"); empty otherwise
 * @param minutesDocumentUrl the published minutes document (absolute http(s) URL or site path "/..."), or null
 * @param withdrawnReason why the clerk withdrew the notice (posted in error), or null when it was not withdrawn:
 *     from its posting on, the board keeps only a withdrawn record with this reason at the notice's address
 * @param kind what kind of notice this is; the lists and filter pages group and filter by it
 */
public record BoardNotice(
    String minutesId,
    String organ,
    String organSlug,
    LocalDate meetingDate,
    LocalDate adjustedOn,
    String storagePlace,
    List<ParagraphSummary> paragraphs,
    LocalDate postedOnThisBoard,
    NoticeDates dates,
    TakedownPolicy policy,
    List<String> cooperatingBoardNames,
    String minutesDocumentUrl,
    String withdrawnReason,
    NoticeKind kind) {

  public BoardNotice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(minutesId, "minutesId");
    Objects.requireNonNull(organ, "organ");
    Objects.requireNonNull(organSlug, "organSlug");
    Objects.requireNonNull(meetingDate, "meetingDate");
    Objects.requireNonNull(adjustedOn, "adjustedOn");
    Objects.requireNonNull(postedOnThisBoard, "postedOnThisBoard");
    Objects.requireNonNull(dates, "dates");
    Objects.requireNonNull(policy, "policy");
    paragraphs = List.copyOf(paragraphs);
    cooperatingBoardNames = List.copyOf(cooperatingBoardNames);
  }

  /** A notice of adjusted minutes (the one kind there is so far) that was not withdrawn. */
  public BoardNotice(String minutesId, String organ, String organSlug, LocalDate meetingDate, LocalDate adjustedOn,
      String storagePlace, List<ParagraphSummary> paragraphs, LocalDate postedOnThisBoard, NoticeDates dates,
      TakedownPolicy policy, List<String> cooperatingBoardNames, String minutesDocumentUrl) {
    this(minutesId, organ, organSlug, meetingDate, adjustedOn, storagePlace, paragraphs, postedOnThisBoard, dates,
        policy, cooperatingBoardNames, minutesDocumentUrl, null, NoticeKind.MINUTES);
  }

  /**
   * The notice is on this board from its posting here through the whole last appeal day, unless it was
   * withdrawn: then only the withdrawn record stands from its posting on (before it, nothing was shown and
   * nothing is). The start is this
   * board's own posting, not {@code dates.postedOn()}, which for a joint committee may be a later posting
   * elsewhere.
   */
  public NoticeState stateOn(LocalDate day) {
    if (day.isBefore(postedOnThisBoard)) {
      return NoticeState.NOT_YET_POSTED;
    }
    if (withdrawnReason != null) {
      return NoticeState.WITHDRAWN;
    }
    return new NoticeDates(postedOnThisBoard, dates.lastAppealDay(), dates.takedownOn()).isVisibleOn(day)
        ? NoticeState.ON_BOARD
        : NoticeState.TAKEN_DOWN;
  }

  /** A joint committee (gemensam nämnd) is posted on the boards of several municipalities. */
  public boolean isJointCommittee() {
    return !cooperatingBoardNames.isEmpty();
  }
}
