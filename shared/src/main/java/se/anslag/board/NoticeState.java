package se.anslag.board;

/** Where a notice stands on one board on one day. */
public enum NoticeState {
  /** Not yet posted on this board: nothing is published. */
  NOT_YET_POSTED,
  /** On the board: the full notice is published. */
  ON_BOARD,
  /** Past the last appeal day: only a short "taken down" page remains at the same address. */
  TAKEN_DOWN,
  /**
   * Withdrawn by the clerk (posted in error): a short page with the reason stays at the same address, as a
   * record, and the notice is listed no more (it stays in the feeds, marked withdrawn, as a taken-down one).
   */
  WITHDRAWN
}
