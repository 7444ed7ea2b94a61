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

  public String filterPage(Board board, Finding.Choice choice) {
    return to(Links.filterPage(board.id(), choice.kindSegment(), choice.organSegment(), choice.yearSegment(), 1));
  }

  public String filterForm(Board board) {
    return to(Links.filterForm(board.id()));
  }

  public String archiveIndex(Board board) {
    return to(Links.archiveIndex(board.id()));
  }

  public String archiveYear(Board board, int year) {
    return to(Links.archiveYear(board.id(), year, 1));
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
