package se.anslag.board;

/**
 * The kinds of notice a board carries, each with its address segment and its Swedish name. Today there is
 * one; meeting notices (kungörelser) and free notices are meant to be added here, and the board's lists,
 * filter pages and form pick up every kind without other changes.
 *
 * @see BoardNotice#kind()
 */
public enum NoticeKind {
  /** A notice (tillkännagivande) that the minutes of a meeting have been adjusted. */
  MINUTES("protokoll", "Protokoll");

  private final String slug;
  private final String label;

  NoticeKind(String slug, String label) {
    this.slug = slug;
    this.label = label;
  }

  /** The kind's segment in the filter pages' addresses and the form's value ("protokoll"). */
  public String slug() {
    return slug;
  }

  /** The kind as the pages name it ("Protokoll"). */
  public String label() {
    return label;
  }
}
