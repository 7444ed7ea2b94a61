package se.anslag.board;

import java.util.List;

/**
 * What the board's pages for finding a notice show: the filter's choices, the one a page shows, and where a
 * long list continues. The site is static files, so every choice the form offers is a page rendered in advance
 * ({@code <board>/urval/<kind>/<organ>/<year>/}); the form's query string is turned into that address by the
 * CloudFront Function in front of the site (template.yaml, SiteIndexFunction).
 */
public final class Finding {

  /** The address segment that stands for "every kind", "every organ" or "every year". */
  public static final String ALL = "alla";

  private Finding() {}

  /**
   * What the board's filter offers: the kinds, organs and posting years that occur among its posted notices.
   *
   * @param kinds kinds with a posted notice, in the enum's order
   * @param organs organs with a posted notice, by name
   * @param years years with a posting on this board, newest first
   */
  public record Options(List<NoticeKind> kinds, List<OrganGroup> organs, List<Integer> years) {
    public Options {
      kinds = List.copyOf(kinds);
      organs = List.copyOf(organs);
      years = List.copyOf(years);
    }
  }

  /**
   * One filter page's selection; null stands for all.
   *
   * @param kind the kind, or null
   * @param organ the organ, or null
   * @param year the year of posting, or null
   */
  public record Choice(NoticeKind kind, OrganGroup organ, Integer year) {

    public String kindSegment() {
      return kind == null ? ALL : kind.slug();
    }

    public String organSegment() {
      return organ == null ? ALL : organ.slug();
    }

    public String yearSegment() {
      return year == null ? ALL : String.valueOf(year);
    }

    /** The selection in words, for the page's heading and title ("Protokoll från Kommunstyrelsen, uppsatta 2024"). */
    public String describe() {
      var text = new StringBuilder(kind == null ? "Alla anslag" : kind.label());
      text.append(organ == null ? "" : " från " + organ.name());
      text.append(year == null ? "" : (organ == null && kind == null ? " " : ", ") + "uppsatta " + year);
      return text.toString();
    }
  }

  /**
   * Where one page of a long list stands.
   *
   * @param number this page, from 1
   * @param keys the object key of every page of the list, in order
   * @param first the position (from 1) of the first item on this page
   * @param last the position of the last item on this page
   * @param total how many items the whole list has
   */
  public record Pagination(int number, List<String> keys, int first, int last, int total) {
    public Pagination {
      keys = List.copyOf(keys);
    }

    public int count() {
      return keys.size();
    }

    public String key(int page) {
      return keys.get(page - 1);
    }
  }
}
