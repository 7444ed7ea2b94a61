package se.anslag.domain;

import java.time.LocalDate;

/**
 * The notice of one set of minutes on one board.
 *
 * @param postedOnThisBoard the day it went up on this board
 * @param dates the legal dates; for a joint committee they run from the latest posting of all boards
 * @param takenDown set by the board run once the notice has come down: the record is kept (soft delete)
 */
public record Notice(
    String minutesId,
    String boardId,
    LocalDate postedOnThisBoard,
    NoticeDates dates,
    TakedownPolicy policy,
    boolean takenDown) {}
