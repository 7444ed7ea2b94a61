package se.anslag.board;

import se.anslag.format.Slugs;

/**
 * A notice made safe to print (texts cleaned, document link checked), with its address on one board and its
 * state on the day being rendered.
 *
 * @param boardId the board it is on
 * @param notice the cleaned notice
 * @param organSlug the organ's address segment, made by {@link Slugs}
 * @param pageKey the object key of the notice page
 * @param state the notice's state on the rendered day (never NOT_YET_POSTED here)
 */
public record PlacedNotice(String boardId, BoardNotice notice, String organSlug, String pageKey, NoticeState state) {

  boolean isOnBoard() {
    return state == NoticeState.ON_BOARD;
  }
}
