package se.anslag.board;

import gg.jte.html.HtmlTemplateOutput;
import gg.jte.output.StringOutput;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import se.anslag.board.pages.JtearchiveIndexGenerated;
import se.anslag.board.pages.JtearchiveYearGenerated;
import se.anslag.board.pages.JtefilteredGenerated;
import se.anslag.board.pages.JtenoticeGenerated;
import se.anslag.board.pages.JtenoticeListGenerated;
import se.anslag.board.pages.JtesiteIndexGenerated;
import se.anslag.board.pages.JtetakenDownGenerated;
import se.anslag.board.pages.JtewithdrawnGenerated;
import se.anslag.domain.Board;

/**
 * The HTML pages of the board: Swedish, semantic, no JavaScript. Each is a jte template in
 * {@code shared/src/main/jte/board} (the shell in {@code layout.jte}, shared pieces in {@code tags/}),
 * compiled to Java at build time, so a page is a typed method call here and nothing is looked up or
 * reflected on at run time; every value from the records is escaped ({@link MarkupOutput}). A new page
 * is a new template and one method here.
 */
final class HtmlPages {

  private HtmlPages() {}

  static String siteIndex(List<Board> boards, LocalDate today) {
    return render(out -> JtesiteIndexGenerated.render(out, null, new PageLinks(Links.SITE_INDEX), boards, today));
  }

  /** The board's front page (organ == null) or the page of one organ's notices. */
  static String noticeList(
      Board board, String key, OrganGroup organ, List<OrganGroup> organsOnBoard, List<PlacedNotice> current,
      Finding.Options options, LocalDate today) {
    return render(out -> JtenoticeListGenerated.render(out, null, new PageLinks(key), board, organ, organsOnBoard,
        current, options, today));
  }

  /** One page of the notices one filter choice selects, current and taken down. */
  static String filtered(Board board, String key, Finding.Options options, Finding.Choice choice,
      List<PlacedNotice> items, Finding.Pagination pagination, LocalDate today) {
    return render(out -> JtefilteredGenerated.render(out, null, new PageLinks(key), board, options, choice, items,
        pagination, today));
  }

  /** The archive's years, with how many notices came down in each. */
  static String archiveIndex(Board board, Map<Integer, Integer> countsByYear, LocalDate today) {
    return render(out -> JtearchiveIndexGenerated.render(out, null, new PageLinks(Links.archiveIndex(board.id())),
        board, countsByYear, today));
  }

  /** One page of the notices taken down in one year. */
  static String archiveYear(Board board, String key, int year, Map<Integer, Integer> countsByYear,
      List<PlacedNotice> items, Finding.Pagination pagination, LocalDate today) {
    return render(out -> JtearchiveYearGenerated.render(out, null, new PageLinks(key), board, year, countsByYear,
        items, pagination, today));
  }

  static String notice(Board board, PlacedNotice placed, LocalDate today) {
    List<String> municipalities = new ArrayList<>();
    municipalities.add(board.name());
    municipalities.addAll(placed.notice().cooperatingBoardNames());
    return render(out -> JtenoticeGenerated.render(out, null, new PageLinks(placed.pageKey()), board, placed,
        municipalities, today));
  }

  /** After the last appeal day: the same address, the dates, and nothing from the paragraphs. */
  static String takenDown(Board board, PlacedNotice placed, LocalDate today) {
    return render(out -> JtetakenDownGenerated.render(out, null, new PageLinks(placed.pageKey()), board, placed,
        today));
  }

  /** Withdrawn by the clerk: the same address, the reason, and nothing from the paragraphs. */
  static String withdrawn(Board board, PlacedNotice placed, LocalDate today) {
    return render(out -> JtewithdrawnGenerated.render(out, null, new PageLinks(placed.pageKey()), board, placed,
        today));
  }

  private static String render(Consumer<HtmlTemplateOutput> template) {
    var text = new StringOutput(16 * 1024);
    template.accept(new MarkupOutput(text));
    return text.toString();
  }
}
