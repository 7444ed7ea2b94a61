package se.anslag.reader;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.anslag.domain.Minutes;
import se.anslag.domain.Paragraph;
import se.anslag.domain.ParagraphRange;
import se.anslag.domain.RecipientLine;
import se.anslag.domain.Warning;
import se.anslag.reader.ParagraphHeadings.Heading;

/**
 * Reads minutes from plain text; knows nothing of where the text came from. The headings
 * ({@link ParagraphHeadings}) split the text into the front page, the paragraphs and a notice block
 * after them; the front page and notice block give the header facts ({@link HeaderFacts}), each
 * paragraph its case number, title, decision and recipients.
 *
 * <p>Minutes are read as far as they go: a fact that is not found is left out with a warning naming
 * it. Only a text in which nothing of minutes is found is refused.
 */
final class MinutesParser {
  /** Longer lines are text, not a recipient: no body's name runs this long. */
  private static final int MAX_RECIPIENT_LINE = 90;

  /** "2024/7", "KS 2024/55", "BUN/2016:360", "KS.2012.79", "SN 2016-000001", "2012-KS", "09/TN 0044". */
  private static final String CASE = "(?:\\p{Lu}{1,8}(?:\\s|/|-|\\.)?)?\\d{1,4}(?:/|:|\\.|-)\\d{1,6}(?:(?:/|:|\\.|-)\\d{1,6})?"
      + "|\\d{4}-\\p{Lu}{2,8}(?![\\p{L}])|\\d{2,4}/\\p{Lu}{1,8}\\s?\\d{1,6}";
  /** A filing (classification) code printed after the case number ("KS.2012.79 041"): not part of it. */
  private static final String FILING_CODE = "(?:\\s+\\d{3}(?![\\d/:.-]))?";
  private static final Pattern DNR = Pattern.compile(
      "(?iu)(?<![\\p{L}])(?:dnr|diarienr|diarienummer|ärendenummer|ärendenr|dnr\\.)\\s*[:.]?\\s*(?<case>" + CASE + ")"
          + FILING_CODE);
  private static final Pattern CASE_IN_BRACKETS = Pattern.compile("\\((?<case>" + CASE + ")\\)\\s*$");
  /** A case number that starts a heading's text without "Dnr", with a slash or colon as case numbers have. */
  private static final Pattern BARE_CASE_FIRST = Pattern.compile(
      "^(?<case>(?:\\p{Lu}{1,8}(?:\\s|/|-)?)?\\d{1,4}[/:]\\d{1,6}|\\d{2,4}/\\p{Lu}{1,8}\\s?\\d{1,6})" + FILING_CODE
          + "\\s+(?=\\p{Lu})");
  private static final Pattern CASE_LINE = Pattern.compile(
      "(?iu)^(?<dnr>(?:dnr|diarienr|diarienummer|ärendenummer|ärendenr|dnr\\.)\\s*[:.]?\\s*)?(?<case>" + CASE + ")"
          + FILING_CODE + "$");

  private static final Pattern NOTICE_HEADING = Pattern.compile(
      "(?iu)^(?:anslag\\s*/\\s*bevis|bevis\\s*/\\s*anslag|anslagsbevis|bevis\\s+om\\s+(?:anslag|justering)"
          + "|bevis\\s+tillkännagivande\\s+av\\s+justerat\\s+protokoll|tillkännagivande\\s+av\\s+justerat\\s+protokoll"
          + "|anslag\\s+på\\s+kommunens(?:\\s+officiella)?\\s+anslagstavla|anslag|bevis)\\s*$");

  private static final Pattern DECIDES = Pattern.compile("(?iu)^.{0,90}\\s(?:beslutar|beslöt|beslutade)(?:\\s|:|$).*");
  private static final Pattern SIGNATURE = Pattern.compile(
      "(?iu)^(?:vid\\s+protokollet|ordförande|sekreterare|justerare|justerande|underskrifter|underskrift"
          + "|protokollförare)\\b.*");
  private static final Pattern SECRECY = Pattern.compile(
      "(?iu)(?:redovisas|publiceras|återges|visas|lämnas)\\s+(?:inte|ej).{0,80}sekretess|sekretessbelag|omfattas\\s+av\\s+sekretess");
  private static final Pattern RUNNING_HEADER = Pattern.compile(
      "(?u)^(?:(?i:sammanträdesprotokoll|utdrag\\s+ur\\s+(?:sammanträdes)?protokoll(?:et)?)(?!.*\\btill\\b).{0,60}"
          + "|\\p{Lu}{2,}(?:\\s\\p{Lu}{2,})*\\s+KOMMUN"
          + "|(?:\\p{Lu}{1,8}\\s*)?§\\s*\\d{1,4}\\s*\\(?\\s*(?i:forts)\\S*\\)?)$");
  /** Words only minutes use: with a single header fact found, they tell minutes from other text. */
  private static final Pattern MINUTES_WORDS = Pattern.compile("(?iu)protokoll|justera|sammanträd|paragraf|anslag|§");

  Minutes parse(String text) throws UnreadableMinutesException {
    TextLines.Lines extracted = TextLines.of(text);
    List<String> lines = extracted.lines();
    List<Heading> headings = ParagraphHeadings.find(lines, extracted.pageStarts());

    int bodyStart = headings.isEmpty() ? lines.size() : headings.getFirst().line();
    // "Anslag" can also head a budget section inside a paragraph: only a block after the last § ends the body
    int bodyEnd = bodyEnd(lines, headings.isEmpty() ? bodyStart : headings.getLast().line());

    HeaderFacts facts = HeaderFacts.read(lines, bodyStart, bodyEnd, extracted.coverEnd());
    requireMinutes(facts, headings, text);

    boolean[] skip = new boolean[lines.size()];
    markRunningHeaders(lines, skip, bodyStart, bodyEnd, facts.organ, facts.meetingDate);

    String[] casesBefore = new String[headings.size()];
    for (int h = 0; h < headings.size(); h++) {
      if (!headingHasCase(headings.get(h))) {
        // "Dnr 2016/360" printed above "§ 54" belongs to § 54, not to the paragraph before it
        int floor = h == 0 ? 0 : headings.get(h - 1).line() + 1;
        int previous = previousNonBlank(lines, skip, headings.get(h).line(), floor);
        if (previous >= 0) {
          casesBefore[h] = caseLine(lines.get(previous));
          skip[previous] |= casesBefore[h] != null;
        }
      }
    }

    List<Paragraph> paragraphs = new ArrayList<>();
    List<Warning> warnings = new ArrayList<>();
    Map<Integer, Integer> seen = new HashMap<>();
    int previousNumber = Integer.MIN_VALUE;
    for (int h = 0; h < headings.size(); h++) {
      Heading heading = headings.get(h);
      int end = h + 1 < headings.size() ? headings.get(h + 1).line() : bodyEnd;
      String caseBefore = casesBefore[h];
      List<String> body = new ArrayList<>();
      for (int i = heading.line() + 1; i < end; i++) {
        if (!skip[i]) {
          body.add(lines.get(i));
        }
      }
      ReadParagraph read = paragraph(heading, lines.get(heading.line()), body, caseBefore);
      Paragraph paragraph = read.paragraph();
      Integer first = seen.putIfAbsent(paragraph.number(), paragraphs.size());
      if (first != null) {
        warnings.add(new Warning("DUPLICATE_PARAGRAPH",
            "§ " + paragraph.number() + " appears more than once; only the first one is used."));
        continue;
      }
      if (paragraph.number() < previousNumber) {
        warnings.add(new Warning("PARAGRAPH_ORDER",
            "§ " + paragraph.number() + " comes after § " + previousNumber + " in the minutes."));
      }
      previousNumber = Math.max(previousNumber, paragraph.number());
      read.recipientListCutAt().ifPresent(stop -> warnings.add(new Warning("RECIPIENT_LIST_CUT",
          "§ " + paragraph.number() + ": the list of recipients stops at a line that reads as text ('"
              + shortened(stop) + "'); the short lines after it are not read as recipients. A recipient's name"
              + " is at most " + MAX_RECIPIENT_LINE + " characters: check the list.")));
      paragraphs.add(paragraph);
    }

    ParagraphRange range = facts.range;
    if (range != null && !paragraphs.isEmpty()) {
      List<Integer> missing = new ArrayList<>();
      for (int n = range.from(); n <= range.to() && missing.size() <= 1000; n++) {
        if (!seen.containsKey(n)) {
          missing.add(n);
        }
      }
      if (!missing.isEmpty()) {
        warnings.addFirst(new Warning("MISSING_PARAGRAPH",
            "The minutes list § " + range.from() + "-" + range.to() + " but " + describe(missing)
                + " was not found in the text."));
      }
    }
    for (Paragraph p : paragraphs) {
      if (p.decision() == null && !SECRECY.matcher(p.text()).find()) {
        warnings.add(new Warning("NO_DECISION", "§ " + p.number() + " has no decision (no \"Beslut\" section found)."));
      }
      if (p.recipients().isEmpty()) {
        warnings.add(new Warning("NO_RECIPIENTS",
            "§ " + p.number() + " has no recipients (no \"Beslut skickas till\" or similar list found)."));
      }
    }
    if (paragraphs.isEmpty()) {
      warnings.add(new Warning(MissingFacts.PARAGRAPHS_NOT_FOUND,
          "No paragraph heading (\"§ 1\", \"KS § 1\", \"Ks 1\" ...) was found: no decision is read or sent."));
    }
    List<Warning> all = new ArrayList<>(facts.warnings);
    all.addAll(warnings);
    return new Minutes(facts.organ, facts.meetingDate, range, facts.storagePlace, facts.adjustedOn,
        facts.printedNotice, paragraphs, all);
  }

  /** Where the paragraphs end: at a notice block printed after them, else at the end of the text. */
  private static int bodyEnd(List<String> lines, int lastHeading) {
    for (int i = lastHeading; i < lines.size(); i++) {
      if (NOTICE_HEADING.matcher(lines.get(i)).matches()) {
        return i;
      }
    }
    return lines.size();
  }

  private static String describe(List<Integer> missing) {
    List<String> names = missing.stream().map(n -> "§ " + n).toList();
    return names.size() == 1 ? names.getFirst() : String.join(", ", names);
  }

  private static boolean headingHasCase(Heading heading) {
    return DNR.matcher(heading.rest()).find() || CASE_IN_BRACKETS.matcher(heading.rest()).find();
  }

  /** The case number when the whole line is one ("Dnr KS 2024/55", "BUN/2016:360"), else null. */
  private static String caseLine(String line) {
    Matcher m = CASE_LINE.matcher(line);
    if (!m.matches() || !SwedishDates.findAll(line).isEmpty()) {
      return null;
    }
    String found = m.group("case");
    boolean bare = m.group("dnr") == null;
    return bare && !found.contains("/") && !found.contains(":") ? null : found;
  }

  private static int previousNonBlank(List<String> lines, boolean[] skip, int before, int floor) {
    for (int i = before - 1; i >= floor; i--) {
      if (!lines.get(i).isEmpty() && !skip[i]) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Refuses a text in which nothing of minutes is found: none of organ, meeting date, paragraph
   * headings and the notice block's other facts, or only one of them in a text without a word that
   * minutes use. Anything more is read, in part if need be.
   */
  private static void requireMinutes(HeaderFacts facts, List<Heading> headings, String text)
      throws UnreadableMinutesException {
    boolean organ = facts.organ != null || facts.warnings.stream().anyMatch(w -> w.code().equals(MissingFacts.ORGAN_IN_DOUBT));
    boolean meetingDate = facts.meetingDate != null
        || facts.warnings.stream().anyMatch(w -> w.code().equals(MissingFacts.MEETING_DATE_IN_DOUBT));
    boolean paragraphs = !headings.isEmpty();
    // The notice block's other facts tell minutes too, when a flattening lost the organ and the date
    boolean notice = facts.range != null || facts.adjustedOn != null || facts.storagePlace != null;
    int found = (organ ? 1 : 0) + (meetingDate ? 1 : 0) + (paragraphs ? 1 : 0) + (notice ? 1 : 0);
    if (found >= 2 || found == 1 && MINUTES_WORDS.matcher(text).find()) {
      return;
    }
    List<String> missing = new ArrayList<>();
    if (!organ) {
      missing.add("no organ (\"Organ\", \"Beslutsinstans\" ...)");
    }
    if (!meetingDate) {
      missing.add("no meeting date (\"Sammanträdesdatum\" ...)");
    }
    if (!paragraphs) {
      missing.add("no paragraph heading (\"§ 1\" ...)");
    }
    String list = missing.size() == 1 ? missing.getFirst()
        : String.join(", ", missing.subList(0, missing.size() - 1)) + " and " + missing.getLast();
    throw new UnreadableMinutesException("The text does not look like minutes: " + list + " was found.");
  }

  private static void markRunningHeaders(
      List<String> lines, boolean[] skip, int from, int to, String organ, LocalDate meetingDate) {
    String organLower = organ == null ? null : organ.toLowerCase(Locale.ROOT);
    String date = meetingDate == null ? null : meetingDate.toString();
    for (int i = from; i < to; i++) {
      String line = lines.get(i);
      String lower = line.toLowerCase(Locale.ROOT);
      boolean organAndDate = organLower != null && lower.contains(organLower)
          && (date != null && line.contains(date) || lower.contains("sammanträdesdatum"));
      boolean meetingDateLine = lower.startsWith("sammanträdesdatum") && line.length() < 40;
      if (organAndDate || meetingDateLine || RUNNING_HEADER.matcher(line).matches()) {
        skip[i] = true;
      }
    }
  }

  /** A paragraph as read, and the line of text that cut its recipient list short, if one did. */
  private record ReadParagraph(Paragraph paragraph, Optional<String> recipientListCutAt) {}

  /** The recipients read from a paragraph, and the line of text that cut a list short, if one did. */
  private record RecipientList(List<RecipientLine> recipients, Optional<String> cutAt) {}

  private static ReadParagraph paragraph(Heading heading, String headingLine, List<String> body, String caseBefore) {
    // A line ending in "______" carries text before the separator: split it so the separator stands alone
    List<String> lines = new ArrayList<>();
    for (String line : body) {
      int separator = Sections.separatorStart(line);
      if (separator > 0) {
        lines.add(line.substring(0, separator).trim());
        lines.add("______");
      } else {
        lines.add(line);
      }
    }

    String caseNumber = caseBefore;
    String title = heading.rest();
    Matcher dnr = DNR.matcher(title);
    if (dnr.find()) {
      caseNumber = dnr.group("case");
      String before = title.substring(0, dnr.start()).trim();
      String after = title.substring(dnr.end()).trim();
      if (!before.isEmpty() && RunOnTitle.runsOn(after)) {
        // "173 Digital strategi Dnr KS 2018/0942 Kommunledningskontorets skrivelse ...": a flattened
        // page, where the title ends at the case number and the paragraph's text follows it
        title = before;
        lines.addFirst(after);
      } else {
        title = (before + " " + after).trim();
      }
    }
    Matcher bareCase = BARE_CASE_FIRST.matcher(title);
    if (caseNumber == null && bareCase.lookingAt()) {
      caseNumber = bareCase.group("case"); // "TN 2 09/TN 0044 Mål och resursplan": no "Dnr" before it
      title = title.substring(bareCase.end());
    }
    int titleEnd = RunOnTitle.end(title);
    if (titleEnd < title.length()) {
      lines.addFirst(title.substring(titleEnd).trim());
      title = title.substring(0, titleEnd).trim();
    }
    Matcher bracketed = CASE_IN_BRACKETS.matcher(title);
    if (bracketed.find()) {
      caseNumber = caseNumber != null ? caseNumber : bracketed.group("case");
      title = title.substring(0, bracketed.start()).trim();
    }
    title = title.replaceAll("^[\\s.:–-]+|[\\s,]+$", "");

    int i = 0;
    if (title.isEmpty()) {
      List<String> titleLines = new ArrayList<>();
      while (i < lines.size()) {
        String line = lines.get(i);
        if (Recipients.isHeading(line)) {
          // recipients printed at the top of the paragraph, before its title
          i = recipientListEnd(lines, i, new ArrayList<>()).end();
          if (!titleLines.isEmpty()) {
            break;
          }
          continue;
        }
        if (line.isEmpty()) {
          i++;
          if (!titleLines.isEmpty() && !continues(titleLines.getLast())) {
            break;
          }
          continue;
        }
        String caseOnLine = caseLine(line);
        Matcher lineDnr = DNR.matcher(line);
        if (caseNumber == null && (caseOnLine != null || lineDnr.find() && lineDnr.start() == 0)) {
          caseNumber = caseOnLine != null ? caseOnLine : lineDnr.group("case");
          i++;
          if (titleLines.isEmpty()) {
            continue;
          }
          break;
        }
        if (Sections.classify(line) != Sections.Section.NONE || titleLines.size() >= 3) {
          break;
        }
        if (!titleLines.isEmpty() && !continues(titleLines.getLast()) && !startsLowerCase(line)) {
          break;
        }
        titleLines.add(line);
        i++;
      }
      title = DecisionText.join(titleLines).replace('\n', ' ');
      Matcher inTitle = DNR.matcher(title);
      if (inTitle.find()) {
        caseNumber = caseNumber != null ? caseNumber : inTitle.group("case");
        title = (title.substring(0, inTitle.start()) + " " + title.substring(inTitle.end())).trim();
      }
      Matcher titleBrackets = CASE_IN_BRACKETS.matcher(title);
      if (titleBrackets.find()) {
        caseNumber = caseNumber != null ? caseNumber : titleBrackets.group("case");
        title = title.substring(0, titleBrackets.start()).trim();
      }
    }
    if (caseNumber == null) {
      for (int j = i; j < Math.min(lines.size(), i + 3); j++) {
        Matcher lineDnr = DNR.matcher(lines.get(j));
        if (lineDnr.find() && lineDnr.start() == 0) {
          caseNumber = lineDnr.group("case");
          break;
        }
        // "§36 Motion om kulturskola" over "2012/0008  860": the case number alone on the next line
        String alone = lines.get(j).isEmpty() ? null : caseLine(lines.get(j));
        if (alone != null) {
          caseNumber = alone;
          break;
        }
      }
    }

    String decision = decision(lines);
    RecipientList recipients = recipients(lines);

    List<String> textLines = new ArrayList<>();
    textLines.add(headingLine);
    textLines.addAll(lines);
    return new ReadParagraph(new Paragraph(heading.number(), caseNumber, title.isEmpty() ? null : title, decision,
        text(textLines), recipients.recipients()), recipients.cutAt());
  }

  /** Whether a title line goes on: a broken word, a trailing comma or a word that needs a follower. */
  private static boolean continues(String line) {
    return line.matches("(?u).*[\\p{L}\\p{N}]-$|.*,$|(?iu).*\\s(?:och|av|för|till|om|i|på|med|samt|inom|vid|från|mot|enligt)$");
  }

  /** A title line that starts in lower case goes on from the line before ("... förbundet" / "för år 2022"). */
  private static boolean startsLowerCase(String line) {
    return Character.isLowerCase(line.codePointAt(0));
  }

  private static String decision(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (Sections.classify(line) == Sections.Section.DECISION) {
        List<String> content = new ArrayList<>();
        Matcher inline = Sections.DECISION_INLINE.matcher(line);
        if (inline.matches()) {
          content.add(inline.group("text"));
        }
        content.addAll(untilNextSection(lines, i + 1));
        String joined = DecisionText.join(content);
        if (!joined.isEmpty()) {
          return joined;
        }
      }
    }
    // No "Beslut" heading: take the sentence "Nämnden beslutar ..." outside any proposal section
    Sections.Section current = Sections.Section.NONE;
    for (int i = 0; i < lines.size(); i++) {
      Sections.Section section = Sections.classify(lines.get(i));
      if (section != Sections.Section.NONE) {
        current = section;
        continue;
      }
      if (current == Sections.Section.NONE && DECIDES.matcher(lines.get(i)).matches()) {
        List<String> content = new ArrayList<>();
        content.add(lines.get(i));
        content.addAll(untilNextSection(lines, i + 1));
        return DecisionText.join(content);
      }
    }
    return null;
  }

  private static List<String> untilNextSection(List<String> lines, int from) {
    List<String> content = new ArrayList<>();
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      if (Sections.classify(line) != Sections.Section.NONE) {
        break;
      }
      content.add(line);
    }
    return content;
  }

  private static RecipientList recipients(List<String> lines) {
    List<RecipientLine> result = new ArrayList<>();
    Optional<String> cutAt = Optional.empty();
    for (int i = 0; i < lines.size(); i++) {
      if (Sections.classify(lines.get(i)) != Sections.Section.RECIPIENTS) {
        continue;
      }
      String inline = Recipients.inline(lines.get(i));
      if (!inline.isEmpty()) {
        result.addAll(Recipients.parse(inline, true));
      }
      List<String> items = new ArrayList<>();
      ListEnd end = recipientListEnd(lines, i, items);
      boolean oneCommaLine = items.size() == 1 && items.getFirst().contains(",");
      for (String item : items) {
        result.addAll(Recipients.parse(item, oneCommaLine || !inline.isEmpty()));
      }
      if (cutAt.isEmpty() && end.atText() && recipientFollows(lines, end.end())) {
        cutAt = Optional.of(lines.get(end.end()));
      }
    }
    return new RecipientList(result, cutAt);
  }

  /** Where a recipient list ends (the index after it), and whether a line of text ended it. */
  private record ListEnd(int end, boolean atText) {}

  /**
   * Where the recipient list whose heading is at {@code heading} ends; its entries on later lines
   * go to {@code items}. A list on the heading line itself ("Exp: A, B") goes on only after a comma.
   */
  private static ListEnd recipientListEnd(List<String> lines, int heading, List<String> items) {
    String inline = Recipients.inline(lines.get(heading));
    if (!inline.isEmpty() && !inline.endsWith(",")) {
      return new ListEnd(heading + 1, false);
    }
    int j = heading + 1;
    for (; j < lines.size(); j++) {
      String line = lines.get(j);
      if (line.isEmpty()) {
        if (items.isEmpty() && inline.isEmpty()) {
          continue;
        }
        break;
      }
      if (Sections.classify(line) != Sections.Section.NONE || SIGNATURE.matcher(line).matches() || NOTICE_HEADING.matcher(line).matches()) {
        break;
      }
      if (endsListAsText(line)) {
        return new ListEnd(j, true);
      }
      items.add(line);
      if (!inline.isEmpty() && !line.endsWith(",")) {
        return new ListEnd(j + 1, false);
      }
    }
    return new ListEnd(j, false);
  }

  /**
   * Whether a line that reads as a recipient follows the line of text at {@code textLine} in the
   * same block: then the list was cut short there, and the clerk must hear of it.
   */
  private static boolean recipientFollows(List<String> lines, int textLine) {
    for (int j = textLine + 1; j < lines.size() && !lines.get(j).isEmpty(); j++) {
      String line = lines.get(j);
      if (Sections.classify(line) != Sections.Section.NONE || SIGNATURE.matcher(line).matches()) {
        return false;
      }
      if (readsAsRecipient(line)) {
        return true;
      }
    }
    return false;
  }

  /** A name as lists print them: capitalised, short, not ending a sentence or a clause. */
  private static boolean readsAsRecipient(String line) {
    return !endsListAsText(line) && Character.isUpperCase(line.codePointAt(0)) && !line.endsWith(".")
        && !line.endsWith(",");
  }

  /** A line that no recipient list goes on through: longer than any name, or a sentence. */
  private static boolean endsListAsText(String line) {
    return line.length() > MAX_RECIPIENT_LINE || line.endsWith(".") && line.split(" ").length > 6;
  }

  private static String shortened(String line) {
    return line.length() <= 60 ? line : line.substring(0, 59).strip() + "…";
  }

  private static String text(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    boolean blank = false;
    for (String line : lines) {
      if (line.isEmpty()) {
        blank = !sb.isEmpty();
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append(blank ? "\n\n" : "\n");
      }
      sb.append(line);
      blank = false;
    }
    return sb.toString();
  }
}
