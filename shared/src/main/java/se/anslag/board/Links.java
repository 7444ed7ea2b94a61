package se.anslag.board;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Object keys of the site, links between them, and the stable identifiers of feeds and entries. */
final class Links {

  static final String SITE_INDEX = "index.html";

  private Links() {}

  static String boardIndex(String boardId) {
    return boardId + "/index.html";
  }

  static String organIndex(String boardId, String organSlug) {
    return boardId + "/organ/" + organSlug + "/index.html";
  }

  static String noticePage(String boardId, String organSlug, String meetingSegment) {
    return boardId + "/anslag/" + organSlug + "/" + meetingSegment + "/index.html";
  }

  /** One page of the notices posted on a board, by kind, organ and year ({@link Finding#ALL} for each: all). */
  static String filterPage(String boardId, String kind, String organ, String year, int page) {
    return boardId + "/urval/" + kind + "/" + organ + "/" + year + "/" + pageSegment(page) + "index.html";
  }

  /** The taken-down notices of a board, by year. */
  static String archiveIndex(String boardId) {
    return boardId + "/arkiv/index.html";
  }

  /** One page of the notices taken down from a board in one year. */
  static String archiveYear(String boardId, int year, int page) {
    return boardId + "/arkiv/" + year + "/" + pageSegment(page) + "index.html";
  }

  /**
   * What the board's filter form asks for with its query string. No object is written there: the CloudFront
   * Function (and the local SiteServer) redirects it to the filter page chosen.
   */
  static String filterForm(String boardId) {
    return boardId + "/sok/index.html";
  }

  private static String pageSegment(int page) {
    return page == 1 ? "" : "sida-" + page + "/";
  }

  static String atomFeed(String boardId) {
    return boardId + "/anslag.atom";
  }

  static String jsonFeed(String boardId) {
    return boardId + "/anslag.json";
  }

  /**
   * The link from one object to another, relative so that the site works under any host name and path
   * prefix (and from a local directory). Keys contain only slugs, dates and fixed words.
   */
  static String relative(String fromKey, String toKey) {
    String[] from = fromKey.split("/");
    String[] to = toKey.split("/");
    int common = 0;
    while (common < from.length - 1 && common < to.length - 1 && from[common].equals(to[common])) {
      common++;
    }
    StringBuilder link = new StringBuilder();
    link.append("../".repeat(from.length - 1 - common));
    for (int i = common; i < to.length; i++) {
      if (i > common) {
        link.append('/');
      }
      link.append(to[i]);
    }
    return link.toString();
  }

  /**
   * A stable identifier that does not depend on the host name, so a feed keeps its entry ids when the site
   * moves. Name-based UUID of the object key.
   */
  static String stableId(String key) {
    return "urn:uuid:" + UUID.nameUUIDFromBytes(("anslag:" + key).getBytes(StandardCharsets.UTF_8));
  }
}
