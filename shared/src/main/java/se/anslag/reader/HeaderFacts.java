package se.anslag.reader;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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


  /** Where a title line may separate its parts: a breadcrumb's "&gt;", a bar, a dash between spaces. */
  private static final Pattern SEGMENT_SEPARATOR = Pattern.compile("\\s+[>|–]\\s+");
  /** What stands before the organ in a title line: the municipality, "SAMMANTRÄDESPROTOKOLL", "Sida 2", a date. */
  private static final Pattern TITLE_FURNITURE = Pattern.compile(
      "^(?:(?:\\p{Lu}[\\p{L}-]*\\s+){1,2}(?:KOMMUN|[Kk]ommun|STAD|[Ss]tad|REGION|[Rr]egion)(?:\\s+|$)"
          + "|(?iu:sammanträdesprotokoll|protokoll|utdrag\\s+ur\\s+(?:sammanträdes)?protokoll(?:et)?|utdrag)"
          + "(?:\\s+(?iu:för|från|fört\\s+vid))?(?:\\s+|$)"
          + "|(?iu:sida)(?:\\s+\\d{1,4}(?:\\s*(?:\\(\\s*\\d{1,4}\\s*\\)|(?:av|/)\\s*\\d{1,4}))?)?(?:\\s+|$)"
          + "|\\d{4}-\\d{2}-\\d{2}(?:\\s+|$))+");
  /** What may follow the organ in a title line: a date, a page number, a range, the kind of document. */
  private static final Pattern AFTER_TITLE = Pattern.compile(
      "^(?:$|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\s+\\p{L}+\\s+\\d{4}|(?iu:sammanträdesprotokoll|protokoll|sida)\\b"
          + "|§|\\(\\s*\\d|\\d{1,4}\\s*\\(\\d)");
  /** "... har haft sammanträde den", "... sammanträdde": a notice written as a sentence. */
  private static final Pattern MET = Pattern.compile("(?iu)^\\s+(?:har\\s+(?:haft\\s+)?sammanträ|sammanträdde)");
  /** "Kommunfullmäktiges protokoll är justerat", "Utdrag ur kommunstyrelsens protokoll". */
  private static final Pattern GENITIVE_BEFORE_MINUTES = Pattern.compile(
      "(?<![\\p{L}])(?<name>\\p{Lu}[\\p{L}-]*(?:\\s+[\\p{L}-]+){0,4}?)s\\s+(?iu:protokoll|sammanträde)(?![\\p{L}])");
  /** A line that is only a date: a running page header in a transcript. */
  private static final Pattern DATE_ONLY = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}(?:\\s+\\d{1,3})?$");

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
   */
  static HeaderFacts read(List<String> lines, int bodyStart, int bodyEnd) {
    List<String> front = lines.subList(0, bodyStart);
    List<String> notice = lines.subList(bodyEnd, lines.size());
    NoticeFields fields = new NoticeFields();
    fields.scan(front, false);
    fields.scan(notice, false);
    if (fields.organs.isEmpty() || fields.meetingDates.isEmpty() && fields.placeAndTimeDate == null) {
      fields.scan(lines, true); // labels printed elsewhere, e.g. in a page header
    }

    List<String> organs = new ArrayList<>(fields.organs);
    List<LocalDate> dates = new ArrayList<>(fields.meetingDates);
    for (String line : front) {
      proseOrgans(line, organs);
      titleLine(line, true).ifPresent(title -> {
        organs.add(title.organ());
        if (title.date() != null) {
          dates.add(title.date());
        }
      });
    }
    for (String line : notice) {
      proseOrgans(line, organs);
    }
    for (String line : repeatedLines(lines)) {
      titleLine(line, false).ifPresent(title -> {
        organs.add(title.organ());
        if (title.date() != null) {
          dates.add(title.date());
        }
      });
      LocalDate pageDate = DATE_ONLY.matcher(line).matches() ? SwedishDates.first(line) : null;
      if (pageDate != null) {
        dates.add(pageDate);
      }
    }
    if (fields.placeAndTimeDate != null) {
      dates.add(fields.placeAndTimeDate);
    }

    HeaderFacts facts = new HeaderFacts();
    facts.organ = facts.oneOrgan(organs);
    facts.meetingDate = facts.oneMeetingDate(dates);
    facts.range = fields.range;
    facts.storagePlace = fields.storagePlace;
    facts.adjustedOn = fields.adjustedOn;
    if (facts.adjustedOn == null && fields.adjustedWithoutYear != null && facts.meetingDate != null) {
      facts.adjustedOn = fields.adjustedWithoutYear.onOrAfter(facts.meetingDate);
    }
    facts.printedNotice = fields.printedNotice();
    facts.warnAboutMissing();
    return facts;
  }

  /** The organ and the date a title line gives. */
  private record Title(String organ, LocalDate date) {}

  /**
   * The organ a title line names: the line (or a part of a breadcrumb) is the organ's name, with
   * only the municipality, the kind of document, a page number, a date or a label around it. On
   * the front page the name may stand alone; elsewhere a repeated line must carry more than the
   * name, since a recipient list prints bare names too.
   */
  private static Optional<Title> titleLine(String line, boolean front) {
    for (String segment : SEGMENT_SEPARATOR.split(line)) {
      Matcher furniture = TITLE_FURNITURE.matcher(segment);
      String rest = furniture.lookingAt() ? segment.substring(furniture.end()) : segment;
      Optional<OrganNames.Found> found = OrganNames.atStart(rest);
      if (found.isEmpty()) {
        continue;
      }
      String after = rest.substring(found.get().end()).strip();
      boolean furnished = furniture.lookingAt() || !after.isEmpty();
      if (AFTER_TITLE.matcher(after).find() && (front || furnished)
          || front && NoticeFields.startsWithLabel(after)) {
        LocalDate date = after.isEmpty() ? null : SwedishDates.first(after.substring(0, Math.min(after.length(), 20)));
        return Optional.of(new Title(found.get().organ(), date));
      }
    }
    return Optional.empty();
  }

  /** Organs named by a notice written as a sentence. */
  private static void proseOrgans(String line, List<String> organs) {
    for (OrganNames.Found found : OrganNames.findAll(line)) {
      if (MET.matcher(line.substring(found.end())).lookingAt()) {
        organs.add(found.organ());
      }
    }
    Matcher genitive = GENITIVE_BEFORE_MINUTES.matcher(line);
    while (genitive.find()) {
      String name = genitive.group("name");
      OrganNames.atStart(name).filter(f -> f.end() == name.length()).ifPresent(f -> organs.add(f.organ()));
    }
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
   * The one organ the places name, or null with a warning when they name several. A typo is no
   * second organ, and an organ within another ("Kommunstyrelsens arbetsutskott" under the heading
   * "Kommunstyrelsen") is the more exact reading of the same.
   */
  private String oneOrgan(List<String> candidates) {
    List<String> distinct = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    for (String candidate : candidates) {
      String known = distinct.stream().filter(d -> OrganNames.same(d, candidate)).findFirst().orElse(null);
      if (known == null) {
        distinct.add(candidate);
        counts.put(candidate, 1);
      } else {
        counts.merge(known, 1, Integer::sum);
      }
    }
    distinct.removeIf(whole -> distinct.stream().anyMatch(part -> part != whole && OrganNames.partOf(part, whole)));
    if (distinct.size() > 1) {
      warnings.add(new Warning(MissingFacts.ORGAN_IN_DOUBT, "The minutes name " + quoted(distinct)
          + " where the organ is printed; none is taken: supply the organ."));
      return null;
    }
    return distinct.isEmpty() ? null : distinct.getFirst();
  }

  private LocalDate oneMeetingDate(List<LocalDate> candidates) {
    List<LocalDate> distinct = candidates.stream().distinct().toList();
    if (distinct.size() > 1) {
      warnings.add(new Warning(MissingFacts.MEETING_DATE_IN_DOUBT, "The minutes print " + String.join(" and ",
          distinct.stream().map(LocalDate::toString).toList())
          + " where the meeting date is printed; none is taken: supply the meeting date."));
      return null;
    }
    return distinct.isEmpty() ? null : distinct.getFirst();
  }

  private void warnAboutMissing() {
    if (organ == null && warnings.stream().noneMatch(w -> w.code().equals(MissingFacts.ORGAN_IN_DOUBT))) {
      warnings.add(new Warning(MissingFacts.ORGAN_NOT_FOUND,
          "No organ was found (\"Organ ...\", a title line or the notice block): supply the organ."));
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

  private static String quoted(List<String> names) {
    List<String> quoted = names.stream().map(n -> "'" + n + "'").toList();
    return String.join(" and ", quoted);
  }
}
