package se.anslag.reader;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.anslag.domain.ParagraphRange;
import se.anslag.domain.PrintedNoticeDates;
import se.anslag.domain.Warning;

/**
 * The facts of the minutes' front page and notice block, gathered from every place real minutes
 * print them: labelled fields ({@link NoticeFields}), title lines and running page headers ("Kommunstyrelsen
 * 2018-12-04", "SAMMANTRÄDESPROTOKOLL Sida 1 Tekniska nämnden"), the sentence of a notice ("Kultur- och
 * utvecklingsnämnden har haft sammanträde den 29 oktober 2012"). Only those places are read: the
 * paragraphs mention other organs and dates all the time.
 *
 * <p>When the places disagree (two organs, two meeting dates) nothing is picked: the fact is left
 * out with a warning naming what was printed, as it is when it is not printed at all. The clerk
 * supplies it then.
 */
final class HeaderFacts {

  /** "Den 27 mars 2014", "Tisdagen den 4 december 2018": a date that opens the text. */
  private static final Pattern FIRST_LINE_DATE = Pattern.compile(
      "(?iu)^(?:(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\\s+)?(?:den\\s+)?"
          + "(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\s+\\p{L}+\\s+\\d{4})");
  /** Where a reading stands: the stronger place decides, and only readings of one place can be in doubt. */
  private static final int NOTICE = 0;
  private static final int COVER = 1;
  private static final int LATER = 2;
  static final String ORGAN_NAMED_OTHERWISE = "ORGAN_NAMED_OTHERWISE";
  static final String ADJUSTMENT_DATE_PLANNED = "ADJUSTMENT_DATE_PLANNED";
  static final String ORGAN_FROM_ABBREVIATION = "ORGAN_FROM_ABBREVIATION";
  static final String ORGAN_FROM_DECISIONS = "ORGAN_FROM_DECISIONS";
  /** How far into the first paragraph its planned adjustment is looked for. */
  private static final int FIRST_PARAGRAPH_LINES = 15;

  /** Where a title line may separate its parts: a breadcrumb's "&gt;", a bar, a dash between spaces. */
  private static final Pattern SEGMENT_SEPARATOR = Pattern.compile("\\s+[>|–]\\s+");
  /** What stands before the organ in a title line: the municipality, "SAMMANTRÄDESPROTOKOLL", "Sida 2", a date. */
  private static final Pattern TITLE_FURNITURE = Pattern.compile(
      "^(?:(?:\\p{Lu}[\\p{L}-]*\\s+){1,2}(?:KOMMUN|[Kk]ommun|STAD|[Ss]tad|REGION|[Rr]egion)(?:\\s+|$)"
          + "|(?iu:sammanträdesprotokoll|protokoll|utdrag\\s+ur\\s+(?:sammanträdes)?protokoll(?:et)?|utdrag)"
          + "(?:\\s+(?iu:för|från|fört\\s+vid))?(?:\\s+|$)"
          + "|(?iu:sida)(?:\\s+\\d{1,4}(?:\\s*(?:\\(\\s*\\d{1,4}\\s*\\)|(?:av|/)\\s*\\d{1,4}))?)?(?:\\s+|$)"
          + "|\\d{1,4}\\s*[(\\[]\\s*\\d{1,4}\\s*[)\\]](?:\\s+|$)|[(\\[]\\s*\\d{1,4}\\s*[)\\]](?:\\s+|$)"
          + "|\\d{4}-\\d{2}-\\d{2}(?:\\s+|$))+");
  /** What may follow the organ in a title line: a date, a page number, a range, the kind of document. */
  private static final Pattern AFTER_TITLE = Pattern.compile(
      "^(?:$|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\s+\\p{L}+\\s+\\d{4}|(?iu:sammanträdesprotokoll|protokoll|sida)\\b"
          + "|§|[(\\[]\\s*\\d|\\d{1,4}\\s*[(\\[]\\d)");
  /** The kind of document right after a name: "... Direktionen Sammanträdesprotokoll 4/2019". */
  private static final Pattern DOCUMENT_AFTER = Pattern.compile("^\\s*(?iu:sammanträdesprotokoll|protokoll)\\b");
  /** How far before the first date printed an adjustment printed without its year may lie. */
  private static final int NEARBY_DAYS = 14;
  /** How many lines open the text, where a title may stand after other words. */
  private static final int OPENING_LINES = 3;
  /** How far into a title line its date may stand. */
  private static final int TITLE_DATE_WINDOW = 40;
  /** "... har haft sammanträde den", "... sammanträdde": a notice written as a sentence. */
  private static final Pattern MET = Pattern.compile("(?iu)^\\s+(?:har\\s+(?:haft\\s+)?sammanträ|sammanträdde)");
  /**
   * "Justering av socialnämndens protokoll", "Kommunfullmäktiges protokoll är justerat", "Direktionens
   * protokoll 31 maj 2024", "... i kommunfullmäktiges sammanträde": an organ's own minutes or meeting.
   * A list of documents ("Arbetsutskottets protokoll") names another's.
   */
  private static final Pattern GENITIVE_BEFORE_MINUTES = Pattern.compile(
      "(?iu)s\\s+(?:protokoll(?=\\s+(?:är|har)\\s+juster|\\s+\\d)|sammanträde)(?![\\p{L}])");
  /** "Justering av socialnämndens protokoll", "Utdrag ur kommunstyrelsens protokoll". */
  private static final Pattern GENITIVE_OWN_MINUTES = Pattern.compile(
      "(?iu)(?:justering\\s+av|utdrag\\s+ur)\\s+(?<name>[\\p{L}-]+(?:\\s+[\\p{L}-]+){0,3}?)s\\s+protokoll(?![\\p{L}])");
  /** "Justeringen har tillkännagivits genom anslag Kultur- och fritidsnämnden Datum ...": the organ field lost its label. */
  private static final Pattern AFTER_NOTICE_SENTENCE = Pattern.compile("(?iu)genom\\s+anslag\\.?\\s*$");
  /** "Direktionens protokoll 31 maj 2024": the opening line names the minutes and their date. */
  private static final Pattern OPENING_MINUTES_LINE = Pattern.compile("(?iu)^.{0,60}\\bprotokoll\\b.{0,30}$");
  private static final int GENITIVE_WORDS = 5;
  /** A line that is only a date: a running page header in a transcript. */
  private static final Pattern DATE_ONLY = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}(?:\\s+\\d{1,3})?$");
  /** The organ's abbreviation before paragraph numbers ("Ks 428", "KF 59"): read when the name is not printed. */
  private static final Pattern NUMBERED_BY_ABBREVIATION = Pattern.compile(
      "(?<![\\p{L}\\p{N}])(?<abbreviation>KSAU|Ksau|KS|Ks|KF|Kf)\\s+\\d{1,4}(?=\\s+(?:Dnr|\\p{Lu}))");
  /** "Tekniska nämnden beslutar att ...": the organ as the subject of its decisions. */
  private static final Pattern DECIDES_AFTER = Pattern.compile("(?iu)^\\s+(?:beslutar|beslöt|beslutade)\\b");
  /** "Protokollet föres av undertecknad, kommunfullmäktiges sekreterare": the organ's own secretary. */
  private static final Pattern GENITIVE_BEFORE_SECRETARY = Pattern.compile("(?iu)s\\s+sekreterare(?![\\p{L}])");
  private static final Map<String, String> ABBREVIATIONS = Map.of(
      "ks", "Kommunstyrelsen", "kf", "Kommunfullmäktige", "ksau", "Kommunstyrelsens arbetsutskott");

  String organ;
  LocalDate meetingDate;
  ParagraphRange range;
  String storagePlace;
  LocalDate adjustedOn;
  PrintedNoticeDates printedNotice;
  final List<Warning> warnings = new ArrayList<>();

  private HeaderFacts() {}

  /**
   * Reads the facts from the lines before the first paragraph ({@code bodyStart}) and from the
   * notice block after the last ({@code bodyEnd}); running headers are looked for in all lines.
   * The loosest labels ("Tid", "Plats", "Datum" in the middle of a line) count only on the cover,
   * the lines before {@code coverEnd}.
   */
  static HeaderFacts read(List<String> lines, int bodyStart, int bodyEnd, int coverEnd) {
    int cover = Math.min(bodyStart, coverEnd);
    List<String> front = lines.subList(0, bodyStart);
    List<String> notice = lines.subList(bodyEnd, lines.size());
    NoticeFields fields = new NoticeFields();
    fields.scan(lines.subList(0, cover), NoticeFields.Scope.COVER);
    fields.scan(lines.subList(cover, bodyStart), NoticeFields.Scope.FRONT);
    fields.scan(notice, NoticeFields.Scope.FRONT);
    if (fields.organs.isEmpty() || fields.meetingDates.isEmpty() && fields.placeAndTimeDate == null) {
      fields.scan(lines, NoticeFields.Scope.STRICT); // labels printed elsewhere, e.g. in a page header
    }

    // Ranked by where they stand: the notice block's fields and sentences, then the cover's title
    // lines, then running headers and title lines further on
    Ranked<String> organs = new Ranked<>();
    Ranked<LocalDate> dates = new Ranked<>();
    fields.organs.forEach(organ -> organs.add(NOTICE, organ));
    fields.meetingDates.forEach(date -> dates.add(NOTICE, date));
    if (fields.placeAndTimeDate != null) {
      dates.add(NOTICE, fields.placeAndTimeDate);
    }
    int opening = 0;
    int firstLine = firstNonBlank(front);
    for (int i = 0; i < front.size(); i++) {
      boolean first = i == firstLine;
      // The first lines: a title split off from page furniture ("Protokoll" / "Mn 87/2014 Miljönämnden Datum:")
      boolean opens = !front.get(i).isEmpty() && opening++ < OPENING_LINES;
      boolean mayName = OrganNames.mayName(front.get(i));
      if (mayName) {
        proseOrgans(front.get(i), organs);
      }
      int rank = i < coverEnd ? COVER : LATER;
      Optional<Title> title = mayName ? titleLine(front.get(i), true, opens) : Optional.empty();
      if (title.isPresent()) {
        organs.add(rank, title.get().organ());
        LocalDate date = title.get().date() != null ? title.get().date() : dateBeside(front, i);
        dates.add(rank, date);
      } else if (first && (FIRST_LINE_DATE.matcher(front.get(i)).lookingAt()
          || OPENING_MINUTES_LINE.matcher(front.get(i)).matches())) {
        // "Den 27 mars 2014 ...", "Direktionens protokoll 31 maj 2024": minutes that open with their date
        dates.add(COVER, SwedishDates.first(front.get(i)));
      }
    }
    for (String line : notice) {
      if (OrganNames.mayName(line)) {
        proseOrgans(line, organs);
      }
    }
    // Running headers further on only count where the front page left the organ or the date unread
    boolean frontRead = !organs.strongest().isEmpty() && organs.strongestRank() <= COVER
        && !dates.strongest().isEmpty() && dates.strongestRank() <= COVER;
    for (String line : frontRead ? Set.<String>of() : repeatedLines(lines)) {
      if (!OrganNames.mayName(line) && !DATE_ONLY.matcher(line).matches()) {
        continue;
      }
      titleLine(line, false, false).ifPresent(title -> {
        organs.add(LATER, title.organ());
        dates.add(LATER, title.date());
      });
      if (DATE_ONLY.matcher(line).matches()) {
        dates.add(LATER, SwedishDates.first(line));
      }
    }

    HeaderFacts facts = new HeaderFacts();
    facts.organ = facts.oneOrgan(organs);
    facts.meetingDate = facts.oneMeetingDate(dates);
    facts.range = fields.range;
    facts.storagePlace = fields.storagePlace;
    facts.adjustedOn = fields.adjustedOn;
    if (facts.adjustedOn == null && facts.meetingDate != null) {
      if (fields.adjustedAtTheMeeting) {
        facts.adjustedOn = facts.meetingDate;
      } else if (fields.adjustedWithoutYear != null) {
        facts.adjustedOn = fields.adjustedWithoutYear.onOrAfter(facts.meetingDate);
      }
    } else if (facts.adjustedOn == null && fields.adjustedWithoutYear != null) {
      // "Justerat den 19 november" with no meeting date read: the dates around it give the year
      LocalDate nearby = front.stream().map(SwedishDates::first).filter(Objects::nonNull).findFirst().orElse(null);
      facts.adjustedOn = nearby == null ? null : fields.adjustedWithoutYear.onOrAfter(nearby.minusDays(NEARBY_DAYS));
    }
    if (facts.adjustedOn == null && bodyStart < lines.size()) {
      // The first paragraph ("Val av justerare") may say when the adjustment takes place
      NoticeFields planned = new NoticeFields();
      planned.scan(lines.subList(bodyStart, Math.min(lines.size(), bodyStart + FIRST_PARAGRAPH_LINES)).stream()
          .filter(line -> line.toLowerCase(Locale.ROOT).contains("justering")).toList(), NoticeFields.Scope.STRICT);
      if (planned.plannedAdjustment != null) {
        facts.adjustedOn = planned.plannedAdjustment;
        facts.warnings.add(new Warning(ADJUSTMENT_DATE_PLANNED, "The adjustment date " + facts.adjustedOn
            + " is read from where the first paragraph plans the adjustment: check it."));
      }
    }
    facts.printedNotice = fields.printedNotice();
    facts.warnAboutMissing(lines);
    return facts;
  }

  private static int firstNonBlank(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isEmpty()) {
        return i;
      }
    }
    return -1;
  }

  /** A date on a line of its own, or of page furniture, just before or after a title line. */
  private static LocalDate dateBeside(List<String> lines, int title) {
    for (int i : new int[] {title - 1, title + 1, title + 2}) {
      if (i >= 0 && i < lines.size() && !lines.get(i).isEmpty()
          && (DATE_ONLY.matcher(lines.get(i)).matches() || FlattenedText.isFurniture(lines.get(i)))) {
        LocalDate date = SwedishDates.first(lines.get(i));
        if (date != null) {
          return date;
        }
      }
    }
    return null;
  }

  /** The organ and the date a title line gives. */
  private record Title(String organ, LocalDate date) {}

  /**
   * The organ a title line names: the line (or a part of a breadcrumb) is the organ's name, with
   * only the municipality, the kind of document, a page number, a date or a label around it. On
   * the front page the name may stand alone; elsewhere a repeated line must carry more than the
   * name, since a recipient list prints bare names too. In the first line of the text a name may
   * also stand after other words where the kind of document or a label follows it ("Kommunalförbundet
   * Räddningstjänsten Östra Götaland Direktionen Sammanträdesprotokoll").
   */
  private static Optional<Title> titleLine(String line, boolean front, boolean firstLine) {
    for (String segment : SEGMENT_SEPARATOR.split(line)) {
      // "Organ Kommunstyrelsen", "Nämnd Kommunstyrelsen": a label's value, read as such
      boolean labelled = NoticeFields.startsWithLabel(segment);
      Matcher furniture = TITLE_FURNITURE.matcher(segment);
      String rest = furniture.lookingAt() ? segment.substring(furniture.end()) : segment;
      LocalDate furnitureDate = furniture.lookingAt() ? SwedishDates.first(segment.substring(0, furniture.end())) : null;
      Optional<OrganNames.Found> found = labelled ? Optional.empty() : OrganNames.atStart(rest);
      if (found.isPresent()) {
        String after = rest.substring(found.get().end()).strip();
        boolean furnished = furniture.lookingAt() || !after.isEmpty();
        if (AFTER_TITLE.matcher(after).find() && (front || furnished)
            || front && NoticeFields.startsWithLabel(after)) {
          LocalDate date = after.isEmpty() ? null
              : SwedishDates.first(after.substring(0, Math.min(after.length(), TITLE_DATE_WINDOW)));
          return Optional.of(new Title(found.get().organ(), date != null ? date : furnitureDate));
        }
      }
      if (firstLine) {
        for (OrganNames.Found named : OrganNames.findAll(segment)) {
          String after = segment.substring(named.end());
          if (DOCUMENT_AFTER.matcher(after).lookingAt() || NoticeFields.startsWithLabel(after.strip())) {
            LocalDate date = SwedishDates.first(after.substring(0, Math.min(after.length(), TITLE_DATE_WINDOW)));
            return Optional.of(new Title(named.organ(), date));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Organs named by a notice written as a sentence, or in the genitive before "protokoll". */
  private static void proseOrgans(String line, Ranked<String> organs) {
    for (OrganNames.Found found : OrganNames.findAll(line)) {
      if (MET.matcher(line.substring(found.end())).lookingAt()) {
        organs.add(NOTICE, found.organ());
      }
    }
    Matcher genitive = GENITIVE_BEFORE_MINUTES.matcher(line);
    while (genitive.find()) {
      genitiveOrgan(line.substring(0, genitive.start())).ifPresent(organ -> organs.add(NOTICE, organ));
    }
    Matcher ownMinutes = GENITIVE_OWN_MINUTES.matcher(line);
    while (ownMinutes.find()) {
      genitiveOrgan(ownMinutes.group("name")).ifPresent(organ -> organs.add(NOTICE, organ));
    }
    for (OrganNames.Found found : OrganNames.findAll(line)) {
      String after = line.substring(found.end()).strip();
      if (AFTER_NOTICE_SENTENCE.matcher(line.substring(0, found.start())).find()
          && (after.isEmpty() || NoticeFields.startsWithLabel(after))) {
        organs.add(NOTICE, found.organ());
      }
    }
  }

  /** Readings of one fact by the place they stand in. */
  private static final class Ranked<T> {
    private final List<List<T>> byRank = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

    void add(int rank, T value) {
      if (value != null) {
        byRank.get(rank).add(value);
      }
    }

    /** The readings of the strongest place that has any. */
    List<T> strongest() {
      return byRank.stream().filter(list -> !list.isEmpty()).findFirst().orElse(List.of());
    }

    /** The rank of the strongest place that has readings, or LATER + 1 when none has. */
    int strongestRank() {
      for (int rank = 0; rank < byRank.size(); rank++) {
        if (!byRank.get(rank).isEmpty()) {
          return rank;
        }
      }
      return byRank.size();
    }

    List<T> all() {
      return byRank.stream().flatMap(List::stream).toList();
    }
  }

  /**
   * The organ whose name ends this text, as a genitive stands before "protokoll": the longest run
   * of its last words that is an organ's name ("Justering av socialnämndens" gives Socialnämnden).
   */
  private static Optional<String> genitiveOrgan(String before) {
    String[] words = before.strip().split("\\s+");
    for (int count = Math.min(GENITIVE_WORDS, words.length); count >= 1; count--) {
      String name = String.join(" ", List.of(words).subList(words.length - count, words.length));
      String capitalised = name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
      Optional<OrganNames.Found> found = OrganNames.atStart(capitalised);
      if (found.isPresent() && found.get().end() == capitalised.length()) {
        return Optional.of(found.get().organ());
      }
    }
    return Optional.empty();
  }

  /** Lines printed more than once: running headers, as paragraphs' own lines seldom repeat. */
  private static Set<String> repeatedLines(List<String> lines) {
    Map<String, Integer> counts = new HashMap<>();
    Set<String> repeated = new LinkedHashSet<>();
    for (String line : lines) {
      if (!line.isEmpty() && counts.merge(line, 1, Integer::sum) == 2) {
        repeated.add(line);
      }
    }
    return repeated;
  }

  /**
   * The one organ the strongest place names, or null with a warning when it names several. A typo
   * is no second organ, and an organ within another ("Kommunstyrelsens arbetsutskott" under the
   * heading "Kommunstyrelsen") is the more exact reading of the same. A weaker place that names
   * another organ is only told of.
   */
  private String oneOrgan(Ranked<String> candidates) {
    List<String> distinct = distinctOrgans(candidates.strongest());
    if (distinct.size() > 1) {
      warnings.add(new Warning(MissingFacts.ORGAN_IN_DOUBT, "The minutes name " + quoted(distinct)
          + " where the organ is printed; none is taken: supply the organ."));
      return null;
    }
    if (distinct.isEmpty()) {
      return null;
    }
    String chosen = distinct.getFirst();
    // "Östhammars socialnämnd" in the notice block, "Socialnämnden" in the title: the organ's own name
    String organ = candidates.all().stream().filter(other -> OrganNames.owned(chosen, other)).findFirst().orElse(chosen);
    List<String> others = distinctOrgans(candidates.all()).stream()
        .filter(other -> !OrganNames.same(other, organ) && !OrganNames.partOf(other, organ)
            && !OrganNames.partOf(organ, other))
        .toList();
    if (!others.isEmpty()) {
      warnings.add(new Warning(ORGAN_NAMED_OTHERWISE, "The organ is read as '" + organ + "', where the minutes"
          + " state it most plainly; " + quoted(others) + " also stands in a heading: check the organ."));
    }
    return organ;
  }

  private static List<String> distinctOrgans(List<String> candidates) {
    List<String> distinct = new ArrayList<>();
    for (String candidate : candidates) {
      if (distinct.stream().noneMatch(d -> OrganNames.same(d, candidate))) {
        distinct.add(candidate);
      }
    }
    distinct.removeIf(whole -> distinct.stream().anyMatch(part -> part != whole && OrganNames.partOf(part, whole)));
    return distinct;
  }

  private LocalDate oneMeetingDate(Ranked<LocalDate> candidates) {
    List<LocalDate> distinct = candidates.strongest().stream().distinct().toList();
    if (distinct.size() > 1) {
      warnings.add(new Warning(MissingFacts.MEETING_DATE_IN_DOUBT, "The minutes print " + String.join(" and ",
          distinct.stream().map(LocalDate::toString).toList())
          + " where the meeting date is printed; none is taken: supply the meeting date."));
      return null;
    }
    return distinct.isEmpty() ? null : distinct.getFirst();
  }

  private void warnAboutMissing(List<String> lines) {
    if (organ == null && warnings.stream().noneMatch(w -> w.code().equals(MissingFacts.ORGAN_IN_DOUBT))) {
      Optional<String> abbreviation = numberingAbbreviation(lines);
      Optional<String> decider = abbreviation.isPresent() ? Optional.empty() : oneDecidingOrgan(lines);
      if (decider.isPresent()) {
        organ = decider.get();
        warnings.add(new Warning(ORGAN_FROM_DECISIONS, "The organ's name is not printed as a title or in the notice"
            + " block; the decisions are made by '" + organ + "' (\"" + organ + " beslutar\" or its secretary):"
            + " check the organ."));
      } else if (abbreviation.isPresent()) {
        // "Ks 428", "KF 59", "Ksau 40": abbreviations every municipality uses alike, unlike "TN" or "BUN"
        organ = ABBREVIATIONS.get(abbreviation.get());
        warnings.add(new Warning(ORGAN_FROM_ABBREVIATION, "The organ's name is not printed; the paragraphs are"
            + " numbered '" + abbreviation.get().toUpperCase(Locale.ROOT) + " ...', which is read as " + organ
            + ": check the organ."));
      } else {
        warnings.add(new Warning(MissingFacts.ORGAN_NOT_FOUND,
            "No organ was found (\"Organ ...\", a title line or the notice block): supply the organ."));
      }
    }
    if (meetingDate == null && warnings.stream().noneMatch(w -> w.code().equals(MissingFacts.MEETING_DATE_IN_DOUBT))) {
      warnings.add(new Warning(MissingFacts.MEETING_DATE_NOT_FOUND,
          "No meeting date was found (\"Sammanträdesdatum ...\", \"Plats och tid ...\"): supply the meeting date."));
    }
    if (range == null) {
      warnings.add(new Warning(MissingFacts.PARAGRAPH_RANGE_NOT_FOUND,
          "No paragraph range was found (\"Paragrafer § 1-6\"): the paragraphs read are not checked against one."));
    }
    if (adjustedOn == null) {
      warnings.add(new Warning(MissingFacts.ADJUSTMENT_DATE_NOT_FOUND,
          "No adjustment date was found (\"Justeringens plats och tid ...\"): the upload's adjusted-on supplies it,"
              + " else the upload date is taken."));
    }
    if (storagePlace == null) {
      warnings.add(new Warning(MissingFacts.STORAGE_PLACE_NOT_FOUND,
          "No storage place was found (\"Förvaringsplats för protokollet ...\"): the notice cannot say where the"
              + " minutes are kept."));
    }
  }

  /**
   * The one organ that the paragraphs name as deciding ("Tekniska nämnden beslutar") or whose
   * secretary keeps the minutes; empty when none or several are, since a paragraph may also report
   * what another organ decided.
   */
  private static Optional<String> oneDecidingOrgan(List<String> lines) {
    List<String> named = new ArrayList<>();
    for (String line : lines) {
      if (!OrganNames.mayName(line)) {
        continue;
      }
      for (OrganNames.Found found : OrganNames.findAll(line)) {
        if (DECIDES_AFTER.matcher(line.substring(found.end())).lookingAt()) {
          named.add(found.organ());
        }
      }
      Matcher secretary = GENITIVE_BEFORE_SECRETARY.matcher(line);
      while (secretary.find()) {
        genitiveOrgan(line.substring(0, secretary.start())).ifPresent(named::add);
      }
    }
    List<String> distinct = distinctOrgans(named);
    return distinct.size() == 1 ? Optional.of(distinct.getFirst()) : Optional.empty();
  }

  /** The organ's abbreviation printed before the paragraph numbers most often, if one of the common ones is. */
  private static Optional<String> numberingAbbreviation(List<String> lines) {
    Map<String, Integer> counts = new HashMap<>();
    for (String line : lines) {
      Matcher m = NUMBERED_BY_ABBREVIATION.matcher(line);
      while (m.find()) {
        counts.merge(m.group("abbreviation").toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
  }

  private static String quoted(List<String> names) {
    List<String> quoted = names.stream().map(n -> "'" + n + "'").toList();
    return String.join(" and ", quoted);
  }
}
