package se.anslag.reader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

  /** "§ 1 Dnr 2024/7", "BUN § 81", "KS § 235 Dnr 191/2013", "SN § 139 Title Dnr 17/12", "§54". */
  private static final Pattern SECTION_SIGN = Pattern.compile(
      "^(?:\\p{Lu}\\p{L}{0,7}(?:-\\p{Lu}{1,6})?\\s*)?§\\s*(?<num>\\d{1,4})(?!\\d)(?<rest>.*)$");
  /** "Ks 428 Dnr: ...", "TN 101 Budget": a short abbreviation in capitals or "Ks", then the number. */
  private static final Pattern ABBREVIATION = Pattern.compile(
      "^(?<abbr>\\p{Lu}{2,6}|\\p{Lu}\\p{Ll}{1,3})\\.?\\s+(?<num>\\d{1,4})(?=\\s+(?:Dnr|\\p{Lu})|$)(?<rest>.*)$");
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
  private static final Pattern SENTENCE_END = Pattern.compile("[\\p{Ll}\\d)%]\\.(?:\\s|$)");
  private static final int PARAGRAPH_MIN_WORDS = 8;
  /** Years are no paragraph numbers, and a line starting with one is a date or a figure. */
  private static final int YEARS_FROM = 1900;
  private static final int YEARS_TO = 2099;

  private ParagraphHeadings() {}

  /** Whether this line is a paragraph heading in one of the strong forms (with "§" or an abbreviation). */
  static boolean isHeading(String line) {
    return sectionSign(line, -1) != null || abbreviated(line, -1) != null;
  }

  static List<Heading> find(List<String> lines) {
    List<Heading> signed = new ArrayList<>();
    List<Heading> abbreviated = new ArrayList<>();
    List<Heading> bare = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Heading heading = sectionSign(line, i);
      if (heading != null) {
        signed.add(heading);
        continue;
      }
      heading = abbreviated(line, i);
      if (heading != null) {
        abbreviated.add(heading);
        continue;
      }
      heading = bare(line, i);
      if (heading != null) {
        bare.add(heading);
      }
    }
    List<Heading> headings = withoutContents(lines, signed, false);
    if (headings.isEmpty()) {
      headings = withoutContents(lines, mostCommonAbbreviation(lines, abbreviated), true);
    }
    if (headings.isEmpty()) {
      headings = longestRun(withoutContents(lines, bare, true));
    }
    return headings;
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
    return new Heading(index, Integer.parseInt(m.group("num")), trimmed);
  }

  private static Heading abbreviated(String line, int index) {
    Matcher m = ABBREVIATION.matcher(line);
    if (!m.matches() || NOT_ABBREVIATIONS.contains(m.group("abbr").toLowerCase(Locale.ROOT))) {
      return null;
    }
    int number = Integer.parseInt(m.group("num"));
    String rest = m.group("rest").strip();
    if (number >= YEARS_FROM && number <= YEARS_TO || CONTINUED.matcher(rest).matches()) {
      return null;
    }
    return new Heading(index, number, rest);
  }

  private static Heading bare(String line, int index) {
    Matcher m = BARE.matcher(line);
    if (!m.matches()) {
      return null;
    }
    int number = Integer.parseInt(m.group("num"));
    return number >= YEARS_FROM && number <= YEARS_TO ? null : new Heading(index, number, m.group("rest").strip());
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
  private static List<Heading> withoutContents(List<String> lines, List<Heading> candidates, boolean weak) {
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
      boolean bare = body.size() <= 2 && body.stream().allMatch(l -> Sections.classify(l) == Sections.Section.NONE);
      boolean listed = DOT_LEADERS.matcher(lines.get(heading.line())).find()
          || bare && (lastCandidate.get(heading.number()) > c || contentsFrom >= 0);
      if (!bare) {
        contentsFrom = -1; // the paragraphs have begun
      }
      if (listed || weak && !readsAsParagraph(heading.rest(), body)) {
        continue;
      }
      kept.add(heading);
    }
    return kept;
  }

  /** Text with sentences in it and more words than a title: a paragraph, not a list of titles. */
  private static boolean readsAsParagraph(String rest, List<String> body) {
    String text = rest + " " + String.join(" ", body);
    return SENTENCE_END.matcher(text).find() && text.split("\\s+").length >= PARAGRAPH_MIN_WORDS;
  }

  /**
   * Bare numbers count only as a run of consecutive ones (171, 172, 173): a single number starting
   * a line is as likely a list item or a figure.
   */
  private static List<Heading> longestRun(List<Heading> candidates) {
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
    return best.size() >= 2 ? best : List.of();
  }
}
