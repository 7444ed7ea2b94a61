package se.anslag.board;

import static se.anslag.format.Markup.escape;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import se.anslag.domain.Board;
import se.anslag.domain.TakedownPolicy;

/** The HTML pages of the board: Swedish, semantic, no JavaScript, one small inline style sheet. */
final class HtmlPages {

  private static final String STYLE = """
      body{font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#fff;\
      margin:0 auto;max-width:62rem;padding:0 1rem 2rem}
      a{color:#0b4f8a;text-underline-offset:.15em}
      a:focus-visible,.tabell:focus-visible{outline:3px solid #b34700;outline-offset:2px;border-radius:2px}
      .hoppa{position:absolute;left:-10000px;top:0;background:#fff;padding:.5rem 1rem}
      .hoppa:focus{left:1rem;top:.5rem}
      .vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
      header{border-bottom:3px solid #0b4f8a;padding:.75rem 0;margin-bottom:1rem}
      header p{margin:0;font-weight:bold;font-size:1.15rem}
      nav ul,nav ol{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
      h1{font-size:1.6rem;line-height:1.25}
      h2{font-size:1.25rem;margin-top:2rem}
      .tabell{overflow-x:auto}
      table{border-collapse:collapse;width:100%}
      caption{text-align:left;font-weight:bold;padding:.5rem 0}
      th,td{text-align:left;vertical-align:top;padding:.45rem .6rem;border-bottom:1px solid #b8b8b8}
      thead th{border-bottom:2px solid #1b1b1b}
      time{white-space:nowrap}
      dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.25rem}
      dt{font-weight:bold}
      dd{margin:0}
      footer{margin-top:2.5rem;border-top:1px solid #b8b8b8;font-size:.9rem}
      .paragrafer tbody th{white-space:nowrap}
      @media (max-width:40rem){dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}th,td{padding:.4rem .3rem}\
      .anslag thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}\
      .anslag tbody tr,.anslag tbody th,.anslag td{display:block}\
      .anslag tbody tr{border-bottom:1px solid #b8b8b8;padding:.4rem 0}\
      .anslag tbody th,.anslag td{border:0;padding:.1rem 0}\
      .anslag td::before{content:attr(data-label) ": ";content:attr(data-label) ": " / "";font-weight:bold}}
      @media print{.hoppa,nav{display:none}body{max-width:none;padding:0}a{color:inherit;text-decoration:none}\
      .tabell{overflow:visible}}
      """;

  /** The columns of the notice list; each date cell repeats its column name for the stacked phone layout. */
  private static final List<String> NOTICE_COLUMNS = List.of(
      "Organ", "Sammanträdesdatum", "Anslaget uppsatt", "Sista dag för överklagande", "Tas ned");

  private HtmlPages() {}

  static String siteIndex(List<Board> boards, LocalDate today) {
    String key = Links.SITE_INDEX;
    StringBuilder main = new StringBuilder();
    main.append("<h1>Anslagstavlor</h1>\n");
    if (boards.isEmpty()) {
      main.append("<p>Det finns inga anslagstavlor.</p>\n");
    } else {
      main.append("<p>Kommunernas officiella anslagstavlor. Välj kommun.</p>\n<ul>\n");
      for (Board board : boards) {
        main.append("<li><a href=\"").append(Links.relative(key, Links.boardIndex(board.id()))).append("\">")
            .append(escape(board.name())).append("</a></li>\n");
      }
      main.append("</ul>\n");
    }
    return page("Anslagstavlor", "<p>Anslagstavlor</p>\n", "", main.toString(), footer(today, null, key));
  }

  /** The board's front page (organ == null) or the page of one organ's notices. */
  static String noticeList(
      Board board, String key, OrganGroup organ, List<OrganGroup> organsOnBoard, List<PlacedNotice> current,
      LocalDate today) {
    String boardName = escape(board.name());
    StringBuilder main = new StringBuilder();
    if (organ == null) {
      main.append("<h1>Anslagstavla – ").append(boardName).append("</h1>\n");
      main.append("<p>Här tillkännager kommunen att protokoll har justerats. Varje anslag sitter uppe under hela "
          + "tiden för överklagande.</p>\n");
    } else {
      main.append("<h1>").append(escape(organ.name())).append("</h1>\n");
      main.append("<p>Aktuella anslag från ").append(escape(organ.name())).append(" på anslagstavlan för ")
          .append(boardName).append(".</p>\n");
    }
    main.append(organFilter(board, key, organ, organsOnBoard));
    if (current.isEmpty()) {
      main.append("<p>Det finns inga aktuella anslag ").append(time(today)).append(".</p>\n");
    } else {
      main.append(noticeTable(key, current, today));
    }
    String title = organ == null
        ? "Anslagstavla – " + boardName
        : escape(organ.name()) + " – Anslagstavla – " + boardName;
    String head = "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Anslag – " + boardName
        + "\" href=\"" + Links.relative(key, Links.atomFeed(board.id())) + "\">\n";
    return page(title, boardHeader(board, key), head, main.toString(), footer(today, board, key));
  }

  static String notice(Board board, PlacedNotice placed, LocalDate today) {
    BoardNotice notice = placed.notice();
    String key = placed.pageKey();
    String organ = escape(notice.organ());
    StringBuilder main = new StringBuilder();
    main.append(breadcrumbs(board, key, placed));
    main.append("<h1>").append(organ).append(", sammanträde ").append(time(notice.meetingDate())).append("</h1>\n");
    main.append("<p>Tillkännagivande om justerat protokoll. Anslaget sitter uppe till och med ")
        .append(time(notice.dates().lastAppealDay())).append(", den sista dagen för överklagande.</p>\n");

    main.append("<dl>\n");
    definition(main, "Organ", organ);
    definition(main, "Sammanträdesdatum", time(notice.meetingDate()));
    definition(main, "Justeringsdatum", time(notice.adjustedOn()));
    definition(main, "Anslaget uppsatt", time(notice.postedOnThisBoard()));
    if (notice.isJointCommittee()) {
      definition(main, "Tiden för överklagande räknas från", time(notice.dates().postedOn()));
    }
    definition(main, "Sista dag för överklagande", time(notice.dates().lastAppealDay()));
    String takedown = time(notice.dates().takedownOn());
    if (notice.policy() == TakedownPolicy.SAME_DAY) {
      takedown += " (när dagen är slut)";
    }
    definition(main, "Tas ned", takedown);
    definition(main, "Förvaringsplats för protokollet",
        notice.storagePlace() == null ? "Uppgift saknas. Kontakta kommunen." : escape(notice.storagePlace()));
    if (notice.minutesDocumentUrl() != null) {
      definition(main, "Protokollet",
          "<a href=\"" + escape(notice.minutesDocumentUrl()) + "\">Läs protokollet</a>");
    }
    main.append("</dl>\n");

    main.append(paragraphTable(notice));
    main.append(howToAppeal(board, notice));
    String title = organ + " " + notice.meetingDate() + " – Anslagstavla – " + escape(board.name());
    return page(title, boardHeader(board, key), "", main.toString(), footer(today, board, key));
  }

  /** After the last appeal day: the same address, the dates, and nothing from the paragraphs. */
  static String takenDown(Board board, PlacedNotice placed, LocalDate today) {
    BoardNotice notice = placed.notice();
    String key = placed.pageKey();
    StringBuilder main = new StringBuilder();
    main.append("<h1>Anslaget är nedtaget</h1>\n");
    main.append("<p>Anslaget om justerat protokoll för ").append(escape(notice.organ())).append(", sammanträde ")
        .append(time(notice.meetingDate())).append(", togs ned ").append(time(notice.dates().takedownOn()))
        .append(". Tiden för överklagande gick ut ").append(time(notice.dates().lastAppealDay())).append(".</p>\n");
    main.append("<p>Protokollet finns kvar hos kommunen. <a href=\"")
        .append(Links.relative(key, Links.boardIndex(board.id())))
        .append("\">Se aktuella anslag</a>.</p>\n");
    String title = "Anslaget är nedtaget – Anslagstavla – " + escape(board.name());
    return page(title, boardHeader(board, key), "", main.toString(), footer(today, board, key));
  }

  private static String organFilter(Board board, String key, OrganGroup selected, List<OrganGroup> organs) {
    if (organs.isEmpty()) {
      return "";
    }
    StringBuilder nav = new StringBuilder();
    nav.append("<nav aria-labelledby=\"organfilter\">\n<h2 id=\"organfilter\">Visa anslag från</h2>\n<ul>\n");
    nav.append("<li>").append(filterLink(key, Links.boardIndex(board.id()), "Alla organ", selected == null))
        .append("</li>\n");
    for (OrganGroup organ : organs) {
      String label = escape(organ.name()) + " (" + organ.currentCount() + ")";
      boolean isSelected = selected != null && selected.slug().equals(organ.slug());
      nav.append("<li>").append(filterLink(key, Links.organIndex(board.id(), organ.slug()), label, isSelected))
          .append("</li>\n");
    }
    nav.append("</ul>\n</nav>\n");
    return nav.toString();
  }

  private static String filterLink(String fromKey, String toKey, String label, boolean current) {
    return "<a href=\"" + Links.relative(fromKey, toKey) + "\"" + (current ? " aria-current=\"page\"" : "") + ">"
        + label + "</a>";
  }

  private static String noticeTable(String key, List<PlacedNotice> current, LocalDate today) {
    StringBuilder table = new StringBuilder();
    table.append("<div class=\"tabell\" role=\"region\" aria-labelledby=\"aktuella\" tabindex=\"0\">\n");
    // On a phone the rows stack (see STYLE); the explicit roles keep the table a table for screen readers
    // that drop table semantics when the CSS display changes.
    table.append("<table class=\"anslag\" role=\"table\">\n");
    table.append("<caption id=\"aktuella\">Aktuella anslag ").append(time(today)).append(": ")
        .append(current.size()).append("</caption>\n");
    table.append("<thead role=\"rowgroup\"><tr role=\"row\">");
    for (String column : NOTICE_COLUMNS) {
      table.append("<th scope=\"col\" role=\"columnheader\">").append(column).append("</th>");
    }
    table.append("</tr></thead>\n<tbody role=\"rowgroup\">\n");
    for (PlacedNotice placed : current) {
      BoardNotice notice = placed.notice();
      table.append("<tr role=\"row\"><th scope=\"row\" role=\"rowheader\"><a href=\"")
          .append(Links.relative(key, placed.pageKey())).append("\">")
          .append(escape(notice.organ())).append("<span class=\"vh\">, sammanträde ")
          .append(notice.meetingDate()).append("</span></a></th>");
      List<LocalDate> dates = List.of(notice.meetingDate(), notice.postedOnThisBoard(),
          notice.dates().lastAppealDay(), notice.dates().takedownOn());
      for (int i = 0; i < dates.size(); i++) {
        table.append("<td role=\"cell\" data-label=\"").append(NOTICE_COLUMNS.get(i + 1)).append("\">")
            .append(time(dates.get(i))).append("</td>");
      }
      table.append("</tr>\n");
    }
    table.append("</tbody>\n</table>\n</div>\n");
    return table.toString();
  }

  private static String paragraphTable(BoardNotice notice) {
    if (notice.paragraphs().isEmpty()) {
      return "";
    }
    List<ParagraphSummary> paragraphs = new ArrayList<>(notice.paragraphs());
    paragraphs.sort(Comparator.comparingInt(ParagraphSummary::number));
    StringBuilder table = new StringBuilder();
    table.append("<div class=\"tabell\" role=\"region\" aria-labelledby=\"paragrafer\" tabindex=\"0\">\n"
        + "<table class=\"paragrafer\">\n");
    table.append("<caption id=\"paragrafer\">Paragrafer i protokollet</caption>\n");
    table.append("<thead><tr><th scope=\"col\">§</th><th scope=\"col\">Ärende</th>"
        + "<th scope=\"col\">Dnr</th></tr></thead>\n<tbody>\n");
    for (ParagraphSummary paragraph : paragraphs) {
      table.append("<tr><th scope=\"row\">§ ").append(paragraph.number()).append("</th><td>")
          .append(escape(paragraph.title())).append("</td><td>")
          .append(paragraph.caseNumber() == null ? "" : escape(paragraph.caseNumber())).append("</td></tr>\n");
    }
    table.append("</tbody>\n</table>\n</div>\n");
    return table.toString();
  }

  private static String howToAppeal(Board board, BoardNotice notice) {
    StringBuilder section = new StringBuilder();
    section.append("<section aria-labelledby=\"overklaga\">\n<h2 id=\"overklaga\">Så överklagar du</h2>\n");
    section.append("<p>Du som är medlem i kommunen kan överklaga besluten i protokollet genom laglighetsprövning "
        + "enligt 13 kap. kommunallagen (2017:725). Överklagandet ska ha kommit in till förvaltningsrätten inom "
        + "tre veckor från den dag då det tillkännagavs på kommunens anslagstavla att protokollet har "
        + "justerats.</p>\n");
    if (notice.isJointCommittee()) {
      List<String> municipalities = new ArrayList<>();
      municipalities.add(escape(board.name()));
      notice.cooperatingBoardNames().forEach(name -> municipalities.add(escape(name)));
      section.append("<p>").append(escape(notice.organ())).append(" är en gemensam nämnd för ")
          .append(swedishList(municipalities))
          .append(". Anslaget sätts upp på anslagstavlan i varje samverkande kommun, och tiden för överklagande "
              + "räknas från den dag då det sattes upp i alla: den senaste av dagarna, ")
          .append(time(notice.dates().postedOn())).append(". Överklagandet ska därför ha kommit in senast ")
          .append(time(notice.dates().lastAppealDay())).append(".</p>\n");
    } else {
      section.append("<p>Anslaget sattes upp ").append(time(notice.dates().postedOn()))
          .append(". Överklagandet ska därför ha kommit in senast ")
          .append(time(notice.dates().lastAppealDay())).append(".</p>\n");
    }
    section.append("<p>Skriv vilket beslut du överklagar (organ, sammanträdesdatum och paragraf) och varför du "
        + "anser att beslutet strider mot lag. Nya skäl kan inte läggas till efter att tiden för överklagande har "
        + "gått ut.</p>\n</section>\n");
    return section.toString();
  }

  private static String breadcrumbs(Board board, String key, PlacedNotice placed) {
    return "<nav aria-label=\"Du är här\">\n<ol>\n"
        + "<li><a href=\"" + Links.relative(key, Links.boardIndex(board.id())) + "\">Alla anslag</a></li>\n"
        + "<li><a href=\"" + Links.relative(key, Links.organIndex(board.id(), placed.organSlug())) + "\">"
        + escape(placed.notice().organ()) + "</a></li>\n"
        + "</ol>\n</nav>\n";
  }

  private static void definition(StringBuilder dl, String term, String markup) {
    dl.append("<dt>").append(term).append("</dt><dd>").append(markup).append("</dd>\n");
  }

  private static String boardHeader(Board board, String key) {
    return "<p><a href=\"" + Links.relative(key, Links.boardIndex(board.id())) + "\">Anslagstavla – "
        + escape(board.name()) + "</a></p>\n";
  }

  private static String footer(LocalDate today, Board board, String key) {
    StringBuilder footer = new StringBuilder("<p>Sidan visar ")
        .append(board == null ? "anslagstavlorna " : "anslagstavlan ").append(time(today)).append(".");
    if (board != null) {
      footer.append(" Anslagen som flöde: <a href=\"").append(Links.relative(key, Links.atomFeed(board.id())))
          .append("\">Atom</a>, <a href=\"").append(Links.relative(key, Links.jsonFeed(board.id())))
          .append("\">JSON</a>.");
    }
    if (board != null || !key.equals(Links.SITE_INDEX)) {
      footer.append(" <a href=\"").append(Links.relative(key, Links.SITE_INDEX)).append("\">Alla anslagstavlor</a>.");
    }
    return footer.append("</p>\n").toString();
  }

  /** The page shell; every argument is markup that has already been escaped. */
  private static String page(String title, String header, String head, String main, String footer) {
    return "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + title + "</title>\n"
        + head
        + "<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
        + "<a class=\"hoppa\" href=\"#innehall\">Hoppa till innehållet</a>\n"
        + "<header>\n" + header + "</header>\n"
        + "<main id=\"innehall\">\n" + main + "</main>\n"
        + "<footer>\n" + footer + "</footer>\n"
        + "</body>\n</html>\n";
  }

  /** A date as {@code <time datetime="2024-02-20">2024-02-20</time>}. */
  static String time(LocalDate date) {
    String iso = date.toString();
    return "<time datetime=\"" + iso + "\">" + iso + "</time>";
  }

  /** "A", "A och B", "A, B och C"; the items are used as given (escape them first when needed). */
  static String swedishList(List<String> items) {
    return switch (items.size()) {
      case 0 -> "";
      case 1 -> items.getFirst();
      default -> String.join(", ", items.subList(0, items.size() - 1)) + " och " + items.getLast();
    };
  }
}
