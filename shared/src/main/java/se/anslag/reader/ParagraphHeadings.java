package se.anslag.reader;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the headings of the paragraphs (§) in the lines of the minutes, in the three forms
 * municipalities print them:
 *
 * <ul>
 *   <li>with the section sign: "§ 12", "§12", "KS § 12", "BUN § 7", "SN § 139 Title Dnr 17/12";
 *   <li>with the organ's abbreviation instead: "Ks 12", "TN 101" (and "§" lost in a transcript);
 *   <li>the bare number, as transcripts that drop "§" leave it: "171 Redovisning av ...".
 * </ul>
 *
 * <p>A heading starts a line (flattened pages are split before headings by {@link FlattenedText}).
 * The weaker forms are read only when no stronger one is in the text, and only where what follows
 * reads as a paragraph: their numbers also start lines of members' lists, agendas and tables. A
 * table of contents lists the headings once more without their text: its entries are no headings.
 */
final class ParagraphHeadings {

  record Heading(int line, int number, String rest) {}

  /** "§ 1 Dnr 2024/7", "BUN § 81", "KS § 235 Dnr 191/2013", "SN § 139 Title Dnr 17/12", "§54", "33 § Title". */
  private static final Pattern SECTION_SIGN = Pattern.compile(
      "^(?:(?:\\p{Lu}\\p{L}{0,7}(?:-\\p{Lu}{1,6})?\\s*)?§\\s*(?<num>\\d{1,4})(?!\\d)|(?<after>\\d{1,4})\\s*§(?=\\s+\\p{Lu}))"
          + "(?<rest>.*)$");
  /** "Ks 428 Dnr: ...", "TN 101 Budget": a short abbreviation in capitals or "Ks", then the number. */
  private static final Pattern ABBREVIATION = Pattern.compile(
      "^(?<abbr>\\p{Lu}{2,6}|\\p{Lu}\\p{Ll}{1,3})\\.?\\s+(?<num>\\d{1,4})(?:/\\d{4})?"
          + "(?=\\s+(?:Dnr|dnr|\\p{Lu}|\\d{1,4}/)|$)(?<rest>.*)$");
  /** "171 Redovisning av polisens trygghetsundersökning 2018". */
  private static final Pattern BARE = Pattern.compile("^(?<num>\\d{1,4})\\s+(?<rest>\\p{Lu}\\p{Ll}.*)$");

  /** Capitalised words that a number follows in running text or tables, never an organ's abbreviation. */
  private static final Set<String> NOT_ABBREVIATIONS = Set.of("nr", "kl", "tel", "dnr", "sid", "sida", "kap",
      "art", "bil", "ca", "tf", "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "sept", "okt", "nov",
      "dec", "år", "del", "vecka", "v", "fas", "steg", "rum", "bilaga", "punkt", "plan", "hus", "väg", "box", "gata",
      "page", "sfs", "prop", "sou", "ds", "ab", "hb", "kb", "lag", "kf-", "tid", "st", "id");

  private static final Pattern CONTINUED = Pattern.compile("(?iu)^\\(?\\s*forts(?:\\.|ättning|att)?.*");
  private static final Pattern RANGE_AFTER_NUMBER = Pattern.compile("^\\s*(?:-{1,2}|–|—|till)\\s*§?\\s*\\d.*");
  /** "§ 194 Upprop ...4": an entry of a table of contents, with its page. */
  private static final Pattern DOT_LEADERS = Pattern.compile("(?:\\.{2,}|…)\\s*\\d{1,4}$");
  private static final Pattern CONTENTS_TITLE = Pattern.compile(
      "(?iu)^(?:innehållsförteckning|innehåll|ärendelista|ärendeförteckning|föredragningslista|dagordning"
          + "|ärenden|ärende\\s+sida|förteckning\\s+över\\s+ärenden)\\b.*");
  /** A sentence ends: what a paragraph's text has and a list of titles has not. */
  private static final Pattern SENTENCE_END = Pattern.compile("[\\p{Ll}\\d)%][.?!](?:\\s|$)");
  private static final int PARAGRAPH_MIN_WORDS = 8;
  /** Lines a page is taken to have where no next page start says where it ends. */
  private static final int PAGE_LINES = 60;
  private static final Pattern NUMBERED_TITLE = Pattern.compile("(?<![\\d,:./-])\\d{1,4}\\s+\\p{Lu}\\p{Ll}");
  /** A page header after a number: the municipality and the kind of document. */
  private static final Pattern TITLE_START = Pattern.compile(
      "(?:\\p{Lu}[\\p{L}-]*\\s+){1,2}(?:KOMMUN|[Kk]ommun)\\b|(?iu:sammanträdesprotokoll|protokoll)\\b");
  private static final Pattern DECIDES = Pattern.compile("(?iu)\\b(?:beslutar|beslöt|beslutade|föreslår)\\b");
  /** Years are no paragraph numbers, and a line starting with one is a date or a figure. */
  private static final int YEARS_FROM = 1900;
  private static final int YEARS_TO = 2099;

  private ParagraphHeadings() {}

  /** Whether this line is a paragraph heading in one of the strong forms (with "§" or an abbreviation). */
  static boolean isHeading(String line) {
    return sectionSign(line, -1) != null || abbreviated(line, -1) != null;
  }

  /**
   * The headings in these lines; {@code pageStarts} are the lines that start a page's text in a
   * flattened transcript, where a lone bare number may head a paragraph.
   */
  static List<Heading> find(List<String> lines, BitSet pageStarts) {
    List<Heading> headings = withoutContents(lines, pageStarts, candidates(lines, ParagraphHeadings::sectionSign), false);
    if (headings.isEmpty()) {
      List<Heading> organs = mostCommonAbbreviation(lines, candidates(lines, ParagraphHeadings::abbreviated));
      // The organ's abbreviation printed before consecutive numbers ("Pu 8", "Pu 9") is its headings'
      // mark even where a paragraph's text is too short to read as one
      headings = withoutContents(lines, pageStarts, organs, !consecutive(organs));
    }
    if (headings.isEmpty()) {
      headings = longestRun(withoutContents(lines, pageStarts, candidates(lines, ParagraphHeadings::bare), true),
          pageStarts);
    }
    return headings;
  }

  /** The lines that are headings of one form; a weaker form is looked for only when a stronger one is absent. */
  private static List<Heading> candidates(List<String> lines, BiFunction<String, Integer, Heading> form) {
    List<Heading> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Heading heading = form.apply(lines.get(i), i);
      if (heading != null) {
        found.add(heading);
      }
    }
    return found;
  }

  private static Heading sectionSign(String line, int index) {
    Matcher m = SECTION_SIGN.matcher(line);
    if (!m.matches()) {
      return null;
    }
    String rest = m.group("rest");
    if (RANGE_AFTER_NUMBER.matcher(rest).matches()) {
      return null; // "§ 1-6" is a range, not a heading
    }
    String trimmed = rest.replaceAll("^[\\s.:–-]+", "");
    if (CONTINUED.matcher(trimmed).matches()) {
      return null; // "§ 81 forts." repeats the heading on the next page
    }
    if (!trimmed.isEmpty() && Character.isLowerCase(trimmed.codePointAt(0))) {
      return null; // "§ 5 i reglementet" is a reference that happened to start a line
    }
    return new Heading(index, Integer.parseInt(m.group("num") != null ? m.group("num") : m.group("after")), trimmed);
  }

  private static Heading abbreviated(String line, int index) {
    Matcher m = ABBREVIATION.matcher(line);
    if (!m.matches() || NOT_ABBREVIATIONS.contains(m.group("abbr").toLowerCase(Locale.ROOT))) {
      return null;
    }
    int number = Integer.parseInt(m.group("num"));
    String rest = m.group("rest").strip();
    if (number >= YEARS_FROM && number <= YEARS_TO || CONTINUED.matcher(rest).matches() || titleFollows(rest)) {
      return null;
    }
    return new Heading(index, number, rest);
  }

  /**
   * Whether a title line follows the number: "Protokoll Mn 87/2014 Miljönämnden Datum:" numbers the
   * minutes, "11 Hultsfreds kommun SAMMANTRÄDESPROTOKOLL" is a page's header.
   */
  private static boolean titleFollows(String rest) {
    if (FlattenedText.isFurniture(rest) || TITLE_START.matcher(rest).lookingAt()) {
      return true;
    }
    return OrganNames.atStart(rest).map(found -> {
      String after = rest.substring(found.end()).strip();
      return after.isEmpty() || NoticeFields.startsWithLabel(after);
    }).orElse(false);
  }

  private static Heading bare(String line, int index) {
    Matcher m = BARE.matcher(line);
    if (!m.matches()) {
      return null;
    }
    int number = Integer.parseInt(m.group("num"));
    String rest = m.group("rest").strip();
    return number >= YEARS_FROM && number <= YEARS_TO || titleFollows(rest) ? null : new Heading(index, number, rest);
  }

  private static boolean consecutive(List<Heading> headings) {
    for (int h = 1; h < headings.size(); h++) {
      if (headings.get(h).number() != headings.get(h - 1).number() + 1) {
        return false;
      }
    }
    return headings.size() >= 2;
  }

  /** The headings with the abbreviation printed most often: the organ's own ("Ks"), not another's in the text. */
  private static List<Heading> mostCommonAbbreviation(List<String> lines, List<Heading> headings) {
    Map<String, List<Heading>> byAbbreviation = new HashMap<>();
    for (Heading heading : headings) {
      String abbreviation = lines.get(heading.line()).split("[\\s.]", 2)[0].toLowerCase(Locale.ROOT);
      byAbbreviation.computeIfAbsent(abbreviation, a -> new ArrayList<>()).add(heading);
    }
    return byAbbreviation.values().stream().max((a, b) -> Integer.compare(a.size(), b.size())).orElse(List.of());
  }

  /**
   * The headings without the entries of a table of contents: an entry has a page number after
   * dot leaders, or stands under a contents title or before its own heading again, with no text
   * of its own. A weak heading must also be followed by text that reads as a paragraph.
   */
  private static List<Heading> withoutContents(
      List<String> lines, BitSet pageStarts, List<Heading> candidates, boolean weak) {
    Map<Integer, Integer> lastCandidate = new HashMap<>();
    for (int c = 0; c < candidates.size(); c++) {
      lastCandidate.put(candidates.get(c).number(), c);
    }
    List<Heading> kept = new ArrayList<>();
    int contentsFrom = -1;
    for (int c = 0; c < candidates.size(); c++) {
      Heading heading = candidates.get(c);
      int end = c + 1 < candidates.size() ? candidates.get(c + 1).line() : lines.size();
      int previousEnd = c == 0 ? 0 : candidates.get(c - 1).line() + 1;
      for (int i = previousEnd; i < heading.line(); i++) {
        if (CONTENTS_TITLE.matcher(lines.get(i)).matches()) {
          contentsFrom = i;
        }
      }
      List<String> body = lines.subList(heading.line() + 1, end).stream().filter(l -> !l.isEmpty()).toList();
      // Where a page of a transcript begins with it, a heading needs no more than text after it (an
      // excerpt may stop before the first sentence ends), unless the page lists numbered titles
      boolean pageStart = pageStarts.get(heading.line()) && words(heading.rest(), body) >= PARAGRAPH_MIN_WORDS
          && !listsTitles(lines.subList(heading.line(), pageEnd(lines, pageStarts, heading.line())));
      boolean bare = !pageStart && body.size() <= 2
          && body.stream().allMatch(l -> Sections.classify(l) == Sections.Section.NONE);
      boolean listed = DOT_LEADERS.matcher(lines.get(heading.line())).find()
          || bare && (lastCandidate.get(heading.number()) > c || contentsFrom >= 0);
      if (!bare) {
        contentsFrom = -1; // the paragraphs have begun
      }
      if (listed || weak && !pageStart && !readsAsParagraph(heading.rest(), body)) {
        continue;
      }
      kept.add(heading);
    }
    return kept;
  }

  /**
   * Text with sentences or sections in it and more words than a title: a paragraph, not a list of
   * titles (an excerpt may stop before its first sentence ends).
   */
  private static boolean readsAsParagraph(String rest, List<String> body) {
    String text = rest + " " + String.join(" ", body);
    boolean structured = SENTENCE_END.matcher(text).find() || DECIDES.matcher(text).find()
        || body.stream().anyMatch(line -> Sections.classify(line) != Sections.Section.NONE);
    return structured && words(rest, body) >= PARAGRAPH_MIN_WORDS;
  }

  /**
   * "158 Förslag ... 159 Församråd ... 160 Plansamråd": numbered titles one after another on a page,
   * a table of contents (the first is the heading's own number).
   */
  private static boolean listsTitles(List<String> page) {
    int count = 0;
    for (String line : page) {
      Matcher numbered = NUMBERED_TITLE.matcher(line);
      while (numbered.find()) {
        if (++count > 2) {
          return true;
        }
      }
    }
    return false;
  }

  /** Where the page that starts at {@code start} ends: at the next page start, or a page's length later. */
  private static int pageEnd(List<String> lines, BitSet pageStarts, int start) {
    int next = pageStarts.nextSetBit(start + 1);
    return next < 0 ? Math.min(lines.size(), start + PAGE_LINES) : next;
  }

  private static int words(String rest, List<String> body) {
    return (rest + " " + String.join(" ", body)).strip().split("\\s+").length;
  }

  /**
   * Bare numbers count only as a run of consecutive ones (171, 172, 173), or alone where a page's
   * text begins with one: a single number starting a line elsewhere is as likely a list item or a
   * figure.
   */
  private static List<Heading> longestRun(List<Heading> candidates, BitSet pageStarts) {
    List<Heading> best = List.of();
    List<Heading> run = new ArrayList<>();
    for (Heading heading : candidates) {
      if (!run.isEmpty() && heading.number() != run.getLast().number() + 1) {
        run = new ArrayList<>();
      }
      run.add(heading);
      if (run.size() > best.size()) {
        best = List.copyOf(run);
      }
    }
    if (best.size() >= 2) {
      return best;
    }
    return candidates.stream().filter(h -> pageStarts.get(h.line())).toList();
  }
}
