package se.anslag.board;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import se.anslag.domain.Board;
import se.anslag.format.Markup;
import se.anslag.format.Slugs;

/**
 * Renders the public notice boards (anslagstavlor) as static files for the site bucket. Pure: no clock, no
 * I/O. The same records and the same day give byte-identical files, so a re-render uploads nothing new; the
 * files carry the day they describe, never a generation time.
 *
 * <p>Object keys (see {@link #render}):
 *
 * <ul>
 *   <li>{@code index.html}: the list of boards
 *   <li>{@code <board>/index.html}: the notices on the board today, newest posting first
 *   <li>{@code <board>/organ/<organ>/index.html}: the same, for one organ (the filter, without JavaScript)
 *   <li>{@code <board>/anslag/<organ>/<meeting-date>/index.html}: one notice; after the last appeal day a short
 *       "Anslaget är nedtaget" page at the same address; a notice the clerk withdrew, a page with "Återkallat" and
 *       the reason from its posting on. A second set of minutes from the same meeting (for
 *       instance an immediately adjusted paragraph) gets {@code <meeting-date>-2}, in order of adjustment date
 *       and then minutes id, so earlier addresses never move.
 *   <li>{@code <board>/urval/<kind>/<organ>/<year>/index.html} (and {@code sida-<n>/index.html} for the
 *       pages after the first): the notices posted on the board, current and taken down, for every combination
 *       of kind, organ and year of posting the filter form offers, {@code alla} standing for all ({@link Finding})
 *   <li>{@code <board>/arkiv/index.html}, {@code <board>/arkiv/<year>/index.html}: the taken-down notices as
 *       withdrawn records, by the year they came down
 *   <li>{@code <board>/anslag.atom}, {@code <board>/anslag.json}: the notices on the board, plus those taken
 *       down within the last {@code withdrawnListedDays} days marked withdrawn
 * </ul>
 *
 * <p>Every text from the records is cleaned before it is printed: whitespace collapsed, characters XML does
 * not allow dropped, personal identity numbers redacted ({@link PersonalIdentityNumbers}); then escaped for
 * HTML or XML, or written by Jackson. Links are built from slugs, dates and fixed words only; the one link
 * taken from a record, the minutes document, is printed only if it is an http(s) URL or a site path.
 *
 * <p>Notices not yet posted on a board produce nothing. Pages of taken-down notices are produced for as long
 * as the caller passes their records. Organ pages are produced for every organ with a posted notice among
 * the records, also when none of its notices is current, so a stale organ page is overwritten.
 */
public final class BoardSite {

  /** How long a taken-down notice stays in the feeds, marked withdrawn, so that feed readers see it go. */
  public static final int DEFAULT_WITHDRAWN_LISTED_DAYS = 30;

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** How many notices a filter or archive page lists before the list goes on to the next page. */
  public static final int DEFAULT_PAGE_SIZE = 25;

  private final int withdrawnListedDays;
  private final int pageSize;

  public BoardSite() {
    this(DEFAULT_WITHDRAWN_LISTED_DAYS);
  }

  /** @param withdrawnListedDays days a taken-down notice stays in the Atom and JSON feeds (0: not at all) */
  public BoardSite(int withdrawnListedDays) {
    this(withdrawnListedDays, DEFAULT_PAGE_SIZE);
  }

  /**
   * @param withdrawnListedDays days a taken-down notice stays in the Atom and JSON feeds (0: not at all)
   * @param pageSize notices per filter or archive page
   */
  public BoardSite(int withdrawnListedDays, int pageSize) {
    if (withdrawnListedDays < 0) {
      throw new IllegalArgumentException("withdrawnListedDays must not be negative: " + withdrawnListedDays);
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
    }
    this.withdrawnListedDays = withdrawnListedDays;
    this.pageSize = pageSize;
  }

  /**
   * Renders every file of the site for one day.
   *
   * @param boards the boards; their order does not matter (they are listed by name)
   * @param noticesByBoardId each board's notices, in any order; a missing board has none
   * @param today the day the site shows (Swedish local date)
   * @return object key to UTF-8 file content, ordered by key
   * @throws IllegalArgumentException for duplicate board ids, notices of an unknown board, or the same minutes
   *     twice on one board
   */
  public SortedMap<String, byte[]> render(
      List<Board> boards, Map<String, List<BoardNotice>> noticesByBoardId, LocalDate today) {
    Collator collator = swedishCollator();
    List<Board> sortedBoards = sortBoards(boards, noticesByBoardId, collator);

    SortedMap<String, byte[]> files = new TreeMap<>();
    put(files, Links.SITE_INDEX, HtmlPages.siteIndex(sortedBoards, today));
    for (Board board : sortedBoards) {
      List<BoardNotice> notices = noticesByBoardId.getOrDefault(board.id(), List.of());
      renderBoard(files, board, notices == null ? List.of() : notices, today, collator);
    }
    return Collections.unmodifiableSortedMap(files);
  }

  private void renderBoard(
      SortedMap<String, byte[]> files, Board board, List<BoardNotice> notices, LocalDate today, Collator collator) {
    List<PlacedNotice> posted = place(board.id(), notices, today, collator);

    Comparator<PlacedNotice> newestPostingFirst = Comparator
        .comparing((PlacedNotice p) -> p.notice().postedOnThisBoard(), Comparator.reverseOrder())
        .thenComparing(p -> p.notice().organ(), collator)
        .thenComparing(p -> p.notice().meetingDate(), Comparator.reverseOrder())
        .thenComparing(PlacedNotice::pageKey);
    List<PlacedNotice> current = posted.stream().filter(PlacedNotice::isOnBoard).sorted(newestPostingFirst).toList();
    List<PlacedNotice> listed = posted.stream()
        .filter(p -> p.isOnBoard() || isStillListedAsWithdrawn(p, today))
        .sorted(Comparator.comparing(AtomFeed::updated, Comparator.<LocalDate>reverseOrder())
            .thenComparing(newestPostingFirst))
        .toList();

    List<OrganGroup> organs = organGroups(posted, newestPostingFirst, collator);
    List<OrganGroup> organsOnBoard = organs.stream().filter(o -> o.currentCount() > 0).toList();

    var options = new Finding.Options(
        Arrays.stream(NoticeKind.values()).filter(k -> posted.stream().anyMatch(p -> p.notice().kind() == k)).toList(),
        organs,
        posted.stream().map(p -> p.notice().postedOnThisBoard().getYear()).distinct()
            .sorted(Comparator.reverseOrder()).toList());
    put(files, Links.boardIndex(board.id()),
        HtmlPages.noticeList(board, Links.boardIndex(board.id()), null, organsOnBoard, current, options, today));
    for (OrganGroup organ : organs) {
      String key = Links.organIndex(board.id(), organ.slug());
      List<PlacedNotice> ofOrgan = current.stream().filter(p -> p.organSlug().equals(organ.slug())).toList();
      put(files, key, HtmlPages.noticeList(board, key, organ, organsOnBoard, ofOrgan, options, today));
    }
    // A withdrawn notice keeps only its withdrawn record at its own address, in no list.
    renderFilterPages(files, board, posted.stream().filter(p -> p.state() != NoticeState.WITHDRAWN)
        .sorted(newestPostingFirst).toList(), options, today);
    renderArchive(files, board, posted.stream().filter(p -> p.state() == NoticeState.TAKEN_DOWN)
        .sorted(Comparator.comparing((PlacedNotice p) -> p.notice().dates().takedownOn(), Comparator.reverseOrder())
            .thenComparing(newestPostingFirst))
        .toList(), today);
    for (PlacedNotice placed : posted) {
      put(files, placed.pageKey(), switch (placed.state()) {
        case ON_BOARD -> HtmlPages.notice(board, placed, today);
        case WITHDRAWN -> HtmlPages.withdrawn(board, placed, today);
        default -> HtmlPages.takenDown(board, placed, today);
      });
    }
    put(files, Links.atomFeed(board.id()), AtomFeed.render(board, listed, today));
    put(files, Links.jsonFeed(board.id()), JsonFeed.render(board, listed, today));
  }

  /**
   * Every combination the filter form offers (each kind, organ and year, and "all" of each) as pages of its
   * own, empty ones too, so that the form never leads to a missing page. Each notice is in at most eight of
   * them, so the pages grow with the notices, not with the product of the choices alone.
   */
  private void renderFilterPages(
      SortedMap<String, byte[]> files, Board board, List<PlacedNotice> posted, Finding.Options options,
      LocalDate today) {
    for (NoticeKind kind : withAll(options.kinds())) {
      for (OrganGroup organ : withAll(options.organs())) {
        for (Integer year : withAll(options.years())) {
          var choice = new Finding.Choice(kind, organ, year);
          List<PlacedNotice> matching = posted.stream()
              .filter(p -> kind == null || p.notice().kind() == kind)
              .filter(p -> organ == null || p.organSlug().equals(organ.slug()))
              .filter(p -> year == null || p.notice().postedOnThisBoard().getYear() == year)
              .toList();
          paginate(files, matching, page -> Links.filterPage(board.id(), choice.kindSegment(), choice.organSegment(),
              choice.yearSegment(), page), (key, pagination, items) ->
              HtmlPages.filtered(board, key, options, choice, items, pagination, today));
        }
      }
    }
  }

  /** The taken-down notices as withdrawn records: an index of years, and per year the notices taken down then. */
  private void renderArchive(SortedMap<String, byte[]> files, Board board, List<PlacedNotice> takenDown,
      LocalDate today) {
    Map<Integer, List<PlacedNotice>> byYear = new TreeMap<>(Comparator.reverseOrder());
    for (PlacedNotice placed : takenDown) {
      byYear.computeIfAbsent(placed.notice().dates().takedownOn().getYear(), y -> new ArrayList<>()).add(placed);
    }
    Map<Integer, Integer> counts = new LinkedHashMap<>();
    byYear.forEach((year, notices) -> counts.put(year, notices.size()));
    put(files, Links.archiveIndex(board.id()), HtmlPages.archiveIndex(board, counts, today));
    byYear.forEach((year, notices) -> paginate(files, notices, page -> Links.archiveYear(board.id(), year, page),
        (key, pagination, items) -> HtmlPages.archiveYear(board, key, year, counts, items, pagination, today)));
  }

  private interface PageRenderer {
    String render(String key, Finding.Pagination pagination, List<PlacedNotice> items);
  }

  /** A list as pages of at most {@code pageSize} notices each; an empty list is one page that says so. */
  private void paginate(SortedMap<String, byte[]> files, List<PlacedNotice> list,
      java.util.function.IntFunction<String> keyOfPage, PageRenderer renderer) {
    int pages = Math.max(1, (list.size() + pageSize - 1) / pageSize);
    List<String> keys = new ArrayList<>();
    for (int page = 1; page <= pages; page++) {
      keys.add(keyOfPage.apply(page));
    }
    for (int page = 1; page <= pages; page++) {
      int from = (page - 1) * pageSize;
      int to = Math.min(list.size(), from + pageSize);
      var pagination = new Finding.Pagination(page, keys, from + 1, to, list.size());
      put(files, keys.get(page - 1), renderer.render(keys.get(page - 1), pagination, list.subList(from, to)));
    }
  }

  /** The choices with "all" (null) first. */
  private static <T> List<T> withAll(List<T> choices) {
    List<T> all = new ArrayList<>();
    all.add(null);
    all.addAll(choices);
    return all;
  }

  private boolean isStillListedAsWithdrawn(PlacedNotice placed, LocalDate today) {
    LocalDate withdrawnOn = placed.notice().dates().lastAppealDay().plusDays(1);
    return today.isBefore(withdrawnOn.plusDays(withdrawnListedDays));
  }

  /**
   * The page of each notice that is on the board today (minutes id to its page's key), placed as
   * {@link #render} places it: for the mails that tell subscribers of a new notice.
   */
  public static Map<String, String> pagesOnBoard(String boardId, List<BoardNotice> notices, LocalDate today) {
    var pages = new java.util.LinkedHashMap<String, String>();
    for (PlacedNotice placed : place(boardId, notices, today, Collator.getInstance(Locale.forLanguageTag("sv-SE")))) {
      if (placed.isOnBoard()) {
        pages.put(placed.notice().minutesId(), placed.pageKey());
      }
    }
    return pages;
  }

  /** Cleans the notices, gives each its address, and keeps those posted on this board by today. */
  private static List<PlacedNotice> place(
      String boardId, List<BoardNotice> notices, LocalDate today, Collator collator) {
    Set<String> minutesIds = new HashSet<>();
    for (BoardNotice notice : notices) {
      if (!minutesIds.add(notice.minutesId())) {
        throw new IllegalArgumentException("Minutes " + notice.minutesId() + " appear twice on board " + boardId);
      }
    }
    // Addresses are assigned over all records, posted or not, so that posting one never moves another.
    Map<String, List<BoardNotice>> byMeeting = new TreeMap<>();
    for (BoardNotice notice : notices) {
      BoardNotice clean = clean(notice);
      byMeeting.computeIfAbsent(clean.organSlug() + "/" + clean.meetingDate(), k -> new ArrayList<>()).add(clean);
    }
    List<PlacedNotice> posted = new ArrayList<>();
    for (List<BoardNotice> sameMeeting : byMeeting.values()) {
      sameMeeting.sort(Comparator.comparing(BoardNotice::adjustedOn).thenComparing(BoardNotice::minutesId));
      for (int i = 0; i < sameMeeting.size(); i++) {
        BoardNotice notice = sameMeeting.get(i);
        NoticeState state = notice.stateOn(today);
        if (state == NoticeState.NOT_YET_POSTED) {
          continue;
        }
        String segment = notice.meetingDate() + (i == 0 ? "" : "-" + (i + 1));
        posted.add(new PlacedNotice(
            boardId, notice, notice.organSlug(), Links.noticePage(boardId, notice.organSlug(), segment), state));
      }
    }
    return posted;
  }

  private static List<OrganGroup> organGroups(
      List<PlacedNotice> posted, Comparator<PlacedNotice> newestPostingFirst, Collator collator) {
    Map<String, String> nameBySlug = new LinkedHashMap<>();
    Map<String, Integer> currentBySlug = new TreeMap<>();
    for (PlacedNotice placed : posted.stream().sorted(newestPostingFirst).toList()) {
      nameBySlug.putIfAbsent(placed.organSlug(), placed.notice().organ());
      currentBySlug.merge(placed.organSlug(), placed.isOnBoard() ? 1 : 0, Integer::sum);
    }
    return nameBySlug.entrySet().stream()
        .map(e -> new OrganGroup(e.getKey(), e.getValue(), currentBySlug.get(e.getKey())))
        .sorted(Comparator.comparing(OrganGroup::name, collator).thenComparing(OrganGroup::slug))
        .toList();
  }

  /** The boards with cleaned names, by name. */
  private static List<Board> sortBoards(
      List<Board> boards, Map<String, List<BoardNotice>> noticesByBoardId, Collator collator) {
    Set<String> ids = new HashSet<>();
    for (Board board : boards) {
      if (!ids.add(board.id())) {
        throw new IllegalArgumentException("Board id appears twice: " + board.id());
      }
    }
    for (String boardId : noticesByBoardId.keySet()) {
      if (!ids.contains(boardId)) {
        throw new IllegalArgumentException("Notices given for unknown board: " + boardId);
      }
    }
    return boards.stream()
        .map(board -> new Board(board.id(), cleanText(board.name())))
        .sorted(Comparator.comparing(Board::name, collator).thenComparing(Board::id))
        .toList();
  }

  /** The notice with every printed text cleaned and the document link kept only if safe. */
  static BoardNotice clean(BoardNotice notice) {
    String organ = cleanText(notice.organ());
    String organSlug = Slugs.slug(notice.organSlug());
    if (organSlug.isEmpty()) {
      organSlug = Slugs.slug(organ);
    }
    if (organSlug.isEmpty()) {
      organSlug = "organ";
    }
    List<ParagraphSummary> paragraphs = notice.paragraphs().stream()
        .map(p -> new ParagraphSummary(p.number(), cleanOptional(p.caseNumber()), cleanText(p.title())))
        .toList();
    List<String> cooperating = notice.cooperatingBoardNames().stream()
        .map(BoardSite::cleanText)
        .filter(name -> !name.isEmpty())
        .sorted(swedishCollator())
        .toList();
    return new BoardNotice(
        notice.minutesId(), organ, organSlug, notice.meetingDate(), notice.adjustedOn(),
        cleanOptional(notice.storagePlace()), paragraphs, notice.postedOnThisBoard(), notice.dates(),
        notice.policy(), cooperating, safeDocumentUrl(notice.minutesDocumentUrl()),
        notice.withdrawnReason() == null ? null : cleanText(notice.withdrawnReason()), notice.kind());
  }

  /** One line of printable text without personal identity numbers. */
  static String cleanText(String text) {
    return text == null ? "" : PersonalIdentityNumbers.redact(oneLine(text));
  }

  /**
   * What {@link #cleanText} takes out of a printed text as personal identity numbers, as the board sees
   * them (on one line): the clerk's review lists these before anything is published.
   */
  public static List<String> hiddenIdentityNumbers(String text) {
    return text == null ? List.of() : PersonalIdentityNumbers.found(oneLine(text));
  }

  /**
   * The path on the site of an organ's page on a board, where its notices are listed with their
   * state: the clerk desk links to it.
   */
  public static String organPagePath(String boardId, String organSlug) {
    var key = Links.organIndex(boardId, Slugs.slug(organSlug));
    return "/" + key.substring(0, key.length() - "index.html".length());
  }

  private static String oneLine(String text) {
    return WHITESPACE.matcher(Markup.stripInvalid(text)).replaceAll(" ").strip();
  }

  private static String cleanOptional(String text) {
    String cleaned = cleanText(text);
    return cleaned.isEmpty() ? null : cleaned;
  }

  /**
   * The minutes document link if it is an absolute http(s) URL with a host or a path on this site ("/…");
   * anything else ({@code javascript:}, {@code data:}, protocol-relative, unparsable) is dropped.
   */
  static String safeDocumentUrl(String url) {
    if (url == null || url.isBlank() || PersonalIdentityNumbers.contains(url)) {
      return null;
    }
    String trimmed = url.strip();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      return null;
    }
    if (uri.isAbsolute()) {
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      boolean web = scheme.equals("https") || scheme.equals("http");
      return web && uri.getHost() != null && uri.getRawUserInfo() == null ? uri.toASCIIString() : null;
    }
    boolean sitePath = trimmed.startsWith("/") && !trimmed.startsWith("//");
    return sitePath ? uri.toASCIIString() : null;
  }

  private static Collator swedishCollator() {
    Collator collator = Collator.getInstance(Locale.forLanguageTag("sv-SE"));
    collator.setStrength(Collator.TERTIARY);
    return collator;
  }

  private static void put(Map<String, byte[]> files, String key, String content) {
    if (files.put(key, content.getBytes(StandardCharsets.UTF_8)) != null) {
      throw new IllegalStateException("Two files for one key: " + key);
    }
  }
}
