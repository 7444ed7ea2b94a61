package se.anslag.board;

import se.anslag.domain.Board;

/**
 * The links of one page of the site, relative to the page's own key, for the templates: built from
 * slugs, dates and fixed words only (see {@link Links}).
 */
public record PageLinks(String key) {

  public boolean isSiteIndex() {
    return key.equals(Links.SITE_INDEX);
  }

  public String siteIndex() {
    return to(Links.SITE_INDEX);
  }

  public String boardIndex(Board board) {
    return to(Links.boardIndex(board.id()));
  }

  public String organIndex(Board board, String organSlug) {
    return to(Links.organIndex(board.id(), organSlug));
  }

  public String atomFeed(Board board) {
    return to(Links.atomFeed(board.id()));
  }

  public String jsonFeed(Board board) {
    return to(Links.jsonFeed(board.id()));
  }

  /** The link to another page of the site by its key. */
  public String to(String otherKey) {
    return Links.relative(key, otherKey);
  }
}
