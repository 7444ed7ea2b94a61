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

/** Reads minutes from plain text; knows nothing of where the text came from. */
final class MinutesParser {
  /** Longer lines are text, not a recipient: no body's name runs this long. */
  private static final int MAX_RECIPIENT_LINE = 90;

  /** "§ 1 Dnr 2024/7", "BUN § 81", "KS § 235 Dnr 191/2013", "SN § 139 Title Dnr 17/12", "§54". */
  private static final Pattern HEADING = Pattern.compile(
      "^(?:\\p{Lu}{1,8}(?:-\\p{Lu}{1,6})?\\s*)?§\\s*(?<num>\\d{1,4})(?!\\d)(?<rest>.*)$");
  private static final Pattern CONTINUED = Pattern.compile("(?iu)^\\(?\\s*forts(?:\\.|ättning|att)?.*");
  private static final Pattern RANGE_AFTER_NUMBER = Pattern.compile("^\\s*(?:-{1,2}|–|—|till)\\s*§?\\s*\\d.*");

  private static final String CASE = "(?:\\p{Lu}{1,8}(?:\\s|/|-)?)?\\d{1,4}(?:/|:|\\.|-)\\d{1,6}(?:(?:/|:|\\.|-)\\d{1,6})?";
  private static final Pattern DNR = Pattern.compile(
      "(?iu)(?<![\\p{L}])(?:dnr|diarienr|diarienummer|dnr\\.)\\s*[:.]?\\s*(?<case>" + CASE + ")");
  private static final Pattern CASE_IN_BRACKETS = Pattern.compile("\\((?<case>" + CASE + ")\\)\\s*$");
  private static final Pattern CASE_LINE = Pattern.compile(
      "(?iu)^(?<dnr>(?:dnr|diarienr|diarienummer|dnr\\.)\\s*[:.]?\\s*)?(?<case>" + CASE + ")$");

  private static final Pattern NOTICE_HEADING = Pattern.compile(
      "(?iu)^(?:anslag\\s*/\\s*bevis|bevis\\s*/\\s*anslag|anslagsbevis|bevis\\s+om\\s+(?:anslag|justering)"
          + "|bevis\\s+tillkännagivande\\s+av\\s+justerat\\s+protokoll|tillkännagivande\\s+av\\s+justerat\\s+protokoll"
          + "|anslag)\\s*$");

  private static final Pattern OTHER_SECTION = Pattern.compile(
      "(?iu)^(?:beskrivning\\s+av\\s+ärendet|ärendebeskrivning|ärendet|sammanfattning(?:\\s+av\\s+ärendet)?"
          + "|ärendet\\s+i\\s+korthet|bakgrund|beslutsunderlag|underlag\\s+för\\s+beslut|handlingar|behandling"
          + "|behandling\\s+på\\s+sammanträdet|yrkanden?|propositionsordning|beslutsgång|omröstning"
          + "|omröstningsresultat|reservationer?|protokollsanteckningar?|jäv|motivering|beslutsmotivering"
          + "|skäl\\s+(?:för|till)\\s+beslut(?:et)?|.{0,60}förslag\\s+till\\s+beslut|tjänsteskrivelse"
          + "|ekonomiska\\s+konsekvenser|överklagande|hur\\s+man\\s+överklagar|upplysningar|särskilt\\s+yttrande"
          + "|yttrande|deltar\\s+(?:inte|ej)\\s+i\\s+beslutet|ärendets\\s+(?:handläggning|beredning)|beredning"
          + "|bedömning|förvaltningens\\s+(?:bedömning|förslag)|lagstiftning|konsekvensanalys|finansiering"
          + "|barnperspektiv|barnkonsekvensanalys|uppföljning)\\s*:?$");
  private static final Pattern DECISION_SECTION = Pattern.compile(
      "(?iu)^(?:.{0,70}s\\s+)?beslut(?:et)?(?:\\s+i\\s+ärendet)?\\s*:?$");
  private static final Pattern DECISION_INLINE = Pattern.compile("(?iu)^beslut(?:et)?\\s*:\\s*(?<text>\\S.*)$");
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

  private record Heading(int line, int number, String rest) {}

  static boolean isParagraphHeading(String line) {
    return heading(line, -1) != null;
  }

  private static Heading heading(String line, int index) {
    Matcher m = HEADING.matcher(line);
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

  Minutes parse(String text) throws UnreadableMinutesException {
    List<String> lines = TextLines.of(text);
    List<Heading> headings = findHeadings(lines);

    int bodyStart = headings.isEmpty() ? lines.size() : headings.getFirst().line();
    // "Anslag" can also head a budget section inside a paragraph: only a block after the last § ends the body
    int bodyEnd = bodyEnd(lines, headings.isEmpty() ? bodyStart : headings.getLast().line());

    NoticeFields fields = new NoticeFields();
    fields.scan(lines.subList(0, bodyStart));
    fields.scan(lines.subList(bodyEnd, lines.size()));
    if (fields.organ == null || fields.meetingDate == null && fields.placeAndTimeDate == null) {
      fields.scan(lines); // labels printed elsewhere, e.g. in a page header
    }
    if (fields.organ == null) {
      fields.organ = organFromTitleLines(lines.subList(0, Math.min(bodyStart, 40)));
    }
    LocalDate meetingDate = fields.meetingDate != null ? fields.meetingDate : fields.placeAndTimeDate;
    requireMinutes(fields.organ, meetingDate, headings);

    boolean[] skip = new boolean[lines.size()];
    markRunningHeaders(lines, skip, bodyStart, bodyEnd, fields.organ, meetingDate);

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

    ParagraphRange range = fields.range;
    if (range != null) {
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
    return new Minutes(fields.organ, meetingDate, range, fields.storagePlace, fields.adjustedOn,
        fields.printedNotice(), paragraphs, warnings);
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

  private static List<Heading> findHeadings(List<String> lines) {
    List<Heading> candidates = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Heading heading = heading(lines.get(i), i);
      if (heading != null) {
        candidates.add(heading);
      }
    }
    // A table of contents lists the headings once more, each with a bare title as body: drop those entries
    Map<Integer, Integer> lastCandidate = new HashMap<>();
    for (int c = 0; c < candidates.size(); c++) {
      lastCandidate.put(candidates.get(c).number(), c);
    }
    List<Heading> kept = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      Heading heading = candidates.get(c);
      int end = c + 1 < candidates.size() ? candidates.get(c + 1).line() : lines.size();
      List<String> bodyLines = lines.subList(heading.line() + 1, end).stream().filter(l -> !l.isEmpty()).toList();
      boolean bare = bodyLines.size() <= 2 && bodyLines.stream().allMatch(l -> classify(l) == Section.NONE);
      boolean repeatedLater = lastCandidate.get(heading.number()) > c;
      if (!(repeatedLater && bare)) {
        kept.add(heading);
      }
    }
    return kept;
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

  private static void requireMinutes(String organ, LocalDate meetingDate, List<Heading> headings)
      throws UnreadableMinutesException {
    List<String> missing = new ArrayList<>();
    if (organ == null) {
      missing.add("no organ (\"Organ\", \"Beslutsinstans\" ...)");
    }
    if (meetingDate == null) {
      missing.add("no meeting date (\"Sammanträdesdatum\" ...)");
    }
    if (headings.isEmpty()) {
      missing.add("no paragraph heading (\"§ 1\" ...)");
    }
    if (!missing.isEmpty()) {
      String list = missing.size() == 1 ? missing.getFirst()
          : String.join(", ", missing.subList(0, missing.size() - 1)) + " and " + missing.getLast();
      throw new UnreadableMinutesException("The text does not look like minutes: " + list + " was found.");
    }
  }

  /** Without an "Organ" label, minutes usually open with the organ's name on a line of its own. */
  private static String organFromTitleLines(List<String> lines) {
    Pattern organName = Pattern.compile(
        "(?u)^\\p{Lu}[\\p{L} ,-]{2,80}(?:nämnd(?:en)?|styrelse(?:n)?|fullmäktige|utskott(?:et)?|beredning(?:en)?"
            + "|direktion(?:en)?|råd(?:et)?)$");
    for (String line : lines) {
      if (organName.matcher(line).matches()) {
        return line;
      }
    }
    return null;
  }

  private static void markRunningHeaders(
      List<String> lines, boolean[] skip, int from, int to, String organ, LocalDate meetingDate) {
    String organLower = organ.toLowerCase(Locale.ROOT);
    String date = meetingDate == null ? null : meetingDate.toString();
    for (int i = from; i < to; i++) {
      String line = lines.get(i);
      String lower = line.toLowerCase(Locale.ROOT);
      boolean organAndDate = lower.contains(organLower)
          && (date != null && line.contains(date) || lower.contains("sammanträdesdatum"));
      boolean meetingDateLine = lower.startsWith("sammanträdesdatum") && line.length() < 40;
      if (organAndDate || meetingDateLine || RUNNING_HEADER.matcher(line).matches()) {
        skip[i] = true;
      }
    }
  }

  /**
   * Where a closing separator ("______", three or more underscores at the end of the line) starts, or
   * -1. Counted by hand: a regex with a lazy prefix backtracks quadratically over long runs of "_".
   */
  private static int separatorStart(String line) {
    int end = line.length();
    while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
      end--;
    }
    int start = end;
    while (start > 0 && line.charAt(start - 1) == '_') {
      start--;
    }
    return end - start >= 3 ? start : -1;
  }

  private enum Section { NONE, DECISION, OTHER, RECIPIENTS, SEPARATOR }

  private static Section classify(String line) {
    if (line.isEmpty()) {
      return Section.NONE;
    }
    if (Recipients.isHeading(line)) {
      return Section.RECIPIENTS;
    }
    if (separatorStart(line) >= 0) {
      return Section.SEPARATOR;
    }
    if (OTHER_SECTION.matcher(line).matches()) {
      return Section.OTHER;
    }
    if (DECISION_SECTION.matcher(line).matches() || DECISION_INLINE.matcher(line).matches()) {
      return Section.DECISION;
    }
    return Section.NONE;
  }

  /** A paragraph as read, and the line of text that cut its recipient list short, if one did. */
  private record ReadParagraph(Paragraph paragraph, Optional<String> recipientListCutAt) {}

  /** The recipients read from a paragraph, and the line of text that cut a list short, if one did. */
  private record RecipientList(List<RecipientLine> recipients, Optional<String> cutAt) {}

  private static ReadParagraph paragraph(Heading heading, String headingLine, List<String> body, String caseBefore) {
    // A line ending in "______" carries text before the separator: split it so the separator stands alone
    List<String> lines = new ArrayList<>();
    for (String line : body) {
      int separator = separatorStart(line);
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
      title = (title.substring(0, dnr.start()) + " " + title.substring(dnr.end())).trim();
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
        if (classify(line) != Section.NONE || titleLines.size() >= 3) {
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
      if (classify(line) == Section.DECISION) {
        List<String> content = new ArrayList<>();
        Matcher inline = DECISION_INLINE.matcher(line);
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
    Section current = Section.NONE;
    for (int i = 0; i < lines.size(); i++) {
      Section section = classify(lines.get(i));
      if (section != Section.NONE) {
        current = section;
        continue;
      }
      if (current == Section.NONE && DECIDES.matcher(lines.get(i)).matches()) {
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
      if (classify(line) != Section.NONE) {
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
      if (classify(lines.get(i)) != Section.RECIPIENTS) {
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
      if (classify(line) != Section.NONE || SIGNATURE.matcher(line).matches() || NOTICE_HEADING.matcher(line).matches()) {
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
      if (classify(line) != Section.NONE || SIGNATURE.matcher(line).matches()) {
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
