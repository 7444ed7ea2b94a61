package se.anslag.reader;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.anslag.domain.ParagraphRange;
import se.anslag.domain.PrintedNoticeDates;

/**
 * The labelled fields of the minutes' front page and notice block (ANSLAG/BEVIS): organ, meeting
 * date, paragraphs, storage place, adjustment date and any notice dates already printed.
 *
 * <p>A line may carry several labels ("Sammanträdesdatum 2024-02-14 Paragrafer § 1-6"); the value
 * of a label is the text up to the next label. A label with nothing after it takes its value from
 * the next line, which is how flattened tables come out of PDFs.
 */
final class NoticeFields {

  enum Kind { ORGAN, ORGAN_AND_DATE, MEETING_DATE, MEETING_PROSE, PLACE_AND_TIME, RANGE, STORAGE, ADJUSTED,
    ADJUSTED_AT_MEETING, ADJUSTMENT_PLANNED, POSTED, TAKEDOWN, LAST_APPEAL, PERIOD, OTHER }

  /**
   * Where labels are read. A loose label is also a word of running text ("sammanträde den ...",
   * "Nämnd", "Tid"): it counts only where a value of its kind follows, never when the whole text is
   * searched (STRICT), and the loosest only on the cover (COVER).
   */
  enum Scope { STRICT, FRONT, COVER }

  private record Label(Kind kind, Pattern pattern, Scope scope) {}

  private static final String WORD_START = "(?<![\\p{L}\\p{N}])";
  private static final String WORD_END = "(?![\\p{L}])";

  // Longer labels first: the first label that matches at a position wins.
  private static final List<Label> LABELS = List.of(
      label(Kind.ORGAN_AND_DATE, "organ\\s+(?:och|/)\\s*sammanträdesdatum"),
      label(Kind.POSTED, "datum\\s+(?:då|när|för)\\s+(?:anslaget|anslag)\\s+(?:sätts|sattes|satts)\\s+upp"
          + "|datum\\s+för\\s+anslag(?:s|ets)\\s+uppsättande|anslaget\\s+(?:uppsättes|uppsattes|uppsatt)"
          + "|anslag(?:et)?\\s+(?:sätts|sattes|satt)\\s+upp|datum\\s+då\\s+tillkännagivandet\\s+publicerades"
          + "|tillkännagivandet\\s+publicerades|anslaget\\s+publicerat|anslagsdatum|anslag(?:s|ets)\\s+uppsättande"
          + "|protokollet\\s+(?:anslås|anslogs|har\\s+anslagits)(?:\\s+den)?"),
      label(Kind.TAKEDOWN, "tidigast\\s+datum\\s+för\\s+anslagets\\s+nedtagande"
          + "|datum\\s+(?:då|när|för)\\s+(?:anslaget|anslag)\\s+(?:tas|togs)\\s+(?:ned|ner)"
          + "|datum\\s+för\\s+anslag(?:s|ets)\\s+(?:nedtagande|nedtagning)|anslaget\\s+(?:nedtages|nedtas|nedtogs)"
          + "|anslag(?:et)?\\s+tas\\s+(?:ned|ner)|datum\\s+då\\s+publiceringen\\s+av\\s+tillkännagivandet\\s+upphör"
          + "|publiceringen\\s+av\\s+tillkännagivandet\\s+upphör|anslag(?:s|ets)\\s+(?:nedtagande|nedtagning)"
          + "|(?:anslaget|anslås)\\s+(?:till\\s+och\\s+med|t\\.\\s?o\\.\\s?m\\.?)"),
      label(Kind.LAST_APPEAL, "sista\\s+dag(?:en)?\\s+(?:för\\s+överklagande|att\\s+överklaga)"),
      label(Kind.PERIOD, "tid\\s+för\\s+anslag(?:et)?|anslås\\s+under\\s+tiden|anslagsperiod|anslagstid"
          + "|anslaget\\s+är\\s+uppsatt\\s+under\\s+tiden"),
      label(Kind.STORAGE, "förvaringsplats\\s+(?:för|av|för/av|för\\s+det\\s+justerade)\\s+(?:protokollet|protokoll)"
          + "|protokollets\\s+förvaringsplats|förvaringsplats|förvaringsställe"
          + "|protokollet\\s+(?:finns|förvaras)\\s+(?:på|hos|i|vid)|protokollet\\s+(?:finns|förvaras)"
          + "|protokoll(?:et)?\\s+(?:finns|förvaras)\\s+(?:på|hos|i|vid)|finns\\s+tillgängligt?\\s+(?:på|hos|i|vid)"),
      label(Kind.ADJUSTED, "justeringens\\s+(?:plats\\s*(?:,|och|/)\\s*tid|tid\\s*(?:,|och|/)\\s*plats|datum)|justeringsdatum"
          + "|(?:plats\\s+och\\s+tid|tid\\s+och\\s+plats)\\s+för\\s+justering(?:en)?"
          + "|datum\\s+för\\s+justering(?:en)?|justerat\\s+den|justerad\\s+den|justerades\\s+den"
          + "|som\\s+justera(?:ts|des)(?:\\s+den)?"
          + "|protokollet\\s+justerades(?:\\s+den)?|protokollet\\s+justerat(?:\\s+den)?"
          // "Justeringens plats Ånge kommunkontor, tisdag den 30 maj 2006 kl och tid": a label torn apart
          + "|justeringens\\s+(?:plats|tid)|justeringens"),
      label(Kind.ADJUSTED_AT_MEETING, "omedelbar(?:t)?\\s+juster(?:ing|at|ad|as)"),
      // "Justeringen äger rum torsdagen den 5 september 2013": the adjustment as the first paragraph plans it
      label(Kind.ADJUSTMENT_PLANNED, "justering(?:en)?\\s+(?:äger\\s+rum|sker|ska\\s+ske|kommer\\s+att\\s+ske)"),
      label(Kind.MEETING_DATE, "sammanträdesdatum|sammanträdesdag|datum\\s+för\\s+sammanträde(?:t)?"
          + "|sammanträdets\\s+datum|mötesdatum"),
      label(Kind.PLACE_AND_TIME, "plats\\s+och\\s+tid|tid\\s+och\\s+plats"),
      label(Kind.RANGE, "protokollsparagrafer|justerade\\s+paragrafer|paragrafnummer|paragrafnr|paragrafer|paragraf"
          + "|omfattning"),
      label(Kind.OTHER, "underskrifter|underskrift|sekreterare|ordförande|justerare|justerande|namnteckning"),
      startLabel(Kind.ORGAN, "organ\\s+och\\s+(?:§§|paragrafer)|organ|beslutsinstans|forum|beslutande\\s+organ|nämnd"),
      startLabel(Kind.MEETING_DATE, "datum"),
      // "... har haft sammanträde den 29 oktober 2012", "Sammanträde 2013-04-24"
      looseLabel(Scope.FRONT, Kind.MEETING_PROSE, "(?iu:(?:har\\s+haft\\s+)?sammanträde(?:t)?(?:\\s+den)?)"),
      // In a cover page flattened to one line the labels stand in the middle of it, capitalised
      looseLabel(Scope.FRONT, Kind.ORGAN, "Organ|Nämnd|Beslutsinstans|Forum"),
      looseLabel(Scope.COVER, Kind.PLACE_AND_TIME, "Tid|Plats"),
      looseLabel(Scope.COVER, Kind.MEETING_DATE, "Datum"),
      // Where a flattened block's next field begins, so that no value runs on into it
      looseLabel(Scope.FRONT, Kind.OTHER, "Adress|Överklagande"));

  private static final Pattern SINGLE_PARAGRAPH = Pattern.compile("^\\s*(\\d{1,4})(?![\\d/:.,-])");

  /** One part of a range: "§ 1-6", "81–96", "§54 -§64", "26 -- 38", "225/16-237/16" (number and year), "§ 12". */
  private static final String RANGE_PART = "§*\\s*(\\d{1,4})(?:/\\d{2,4})?\\s*(?:-{1,2}|–|—|till)\\s*§*\\s*(\\d{1,4})(?:/\\d{2,4})?(?!\\d)"
      + "|§+\\s*(\\d{1,4})(?![\\d/:])";
  private static final Pattern RANGE = Pattern.compile(RANGE_PART);
  /** The next part of a list of ranges: "232, 248-281". */
  private static final Pattern NEXT_PART = Pattern.compile("\\s*(?:,|och|&)\\s*(?:" + RANGE_PART + "|(\\d{1,4})(?![\\d/:.-]))");
  /** "232, 248-281": a list that starts with a single paragraph. */
  private static final Pattern LIST_START = Pattern.compile(
      "\\s*§*\\s*(\\d{1,4})(?:/\\d{2,4})?(?=\\s*(?:,|och|&)\\s*§*\\s*\\d)");
  /** "Paragrafer 35 50": a range whose dash the extraction lost. */
  private static final Pattern DASH_LOST = Pattern.compile("^\\s*(\\d{1,4})\\s+(\\d{1,4})(?![\\d/:.,-])");

  private static Label label(Kind kind, String regex) {
    return new Label(kind, Pattern.compile("(?iu)" + WORD_START + "(?:" + regex + ")" + WORD_END), Scope.STRICT);
  }

  private static Label startLabel(Kind kind, String regex) {
    return new Label(kind, Pattern.compile("(?iu)^(?:" + regex + ")" + WORD_END), Scope.STRICT);
  }

  /** Matched as written (capitals count), anywhere in a line, where {@code scope} allows. */
  private static Label looseLabel(Scope scope, Kind kind, String regex) {
    return new Label(kind, Pattern.compile("(?u)" + WORD_START + "(?:" + regex + ")" + WORD_END), scope);
  }

  private record Hit(Kind kind, int start, int end) {}

  /** A name after an organ label that is no known kind of organ: a few capitalised words, no figures. */
  private static final Pattern UNKNOWN_ORGAN = Pattern.compile("(?u)^\\p{Lu}[\\p{L}&-]*(?:,?\\s[\\p{L}&-]+){0,5}$");

  /** How far after a loose label its value must begin to count. */
  private static final int LOOSE_VALUE_WINDOW = 60;
  /** "Plats Sessionssalen, Centrumhuset, Götene, den 21 januari 2009": the place comes before the date. */
  private static final int PLACE_VALUE_WINDOW = 100;
  /** "Hässleholms kommun, Miljönämnden": the municipality before the organ after a label. */
  private static final Pattern MUNICIPALITY_FIRST = Pattern.compile(
      "^(?:\\p{Lu}[\\p{L}-]*\\s+){1,2}(?:kommuns?|stads?|KOMMUNS?)[,:]?\\s+");
  /** Where a storage place's value ends in a sentence or a flattened block: "... och har tillkännagivits", "Henån... Karin". */
  private static final Pattern STORAGE_END = Pattern.compile("\\s+och\\s+(?:har|är)\\b.*|\\.{2,}.*|….*|(?<=\\p{Ll})\\.\\s+\\p{Lu}.*");
  /** "Förvaringsplats för Kommunstyrelsens förvaltning protokollet": the rest of a torn label around the value. */
  private static final Pattern STORAGE_LABEL_REST = Pattern.compile("(?iu)^(?:(?:för|av)\\s+)?(?:protokollet\\s*)?|\\s*protokollet$");

  /** Organs named after a label, as {@link OrganNames} gives them, in the order found. */
  final List<String> organs = new ArrayList<>();
  /** Meeting dates printed after a label, in the order found. */
  final List<LocalDate> meetingDates = new ArrayList<>();
  LocalDate placeAndTimeDate;
  ParagraphRange range;
  String storagePlace;
  LocalDate adjustedOn;
  /** "Justeringens plats och tid ... tisdagen den 17 juni": a date without its year, the meeting's gives it. */
  SwedishDates.Partial adjustedWithoutYear;
  /** The adjustment as a paragraph plans it, when no adjustment date is printed. */
  LocalDate plannedAdjustment;
  /** "Omedelbar justering": adjusted at the meeting, so on its date. */
  boolean adjustedAtTheMeeting;
  LocalDate postedOn;
  LocalDate takedownOn;
  LocalDate lastAppealDay;

  /**
   * Reads labelled fields from these lines; a field already found is kept. The front page and the
   * notice block are read with every label; {@code wholeText} reads only the strict ones, since the
   * loose ones are also words of the paragraphs' text.
   */
  void scan(List<String> lines, Scope scope) {
    Hit previous = null;
    // Each line's labels are found once: a line is also looked at as the value of the line before
    List<List<Hit>> hitsOf = new ArrayList<>(Collections.nCopies(lines.size(), null));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      List<Hit> hits = hits(lines, i, scope, hitsOf);
      if (hits.isEmpty()) {
        continue;
      }
      String next = nextValueLine(lines, i, scope, hitsOf);
      List<Hit> pending = new ArrayList<>();
      for (int h = 0; h < hits.size(); h++) {
        Hit hit = hits.get(h);
        int valueEnd = h + 1 < hits.size() ? hits.get(h + 1).start() : line.length();
        String value = trimValue(line.substring(hit.end(), valueEnd));
        // "Justeringens Kommunstyrelsekontoret 20 mars 2012 plats och tid", "Justeringens" / "plats och tid":
        // the rest of a torn adjustment label, not the meeting's place and time
        boolean tornFromAdjustment = hit.kind() == Kind.PLACE_AND_TIME && previous != null
            && previous.kind() == Kind.ADJUSTED && previous.end() - previous.start() == "justeringens".length();
        previous = hit;
        if (tornFromAdjustment) {
          hit = new Hit(Kind.ADJUSTED, hit.start(), hit.end());
        }
        if (hit.kind() == Kind.ADJUSTED_AT_MEETING) {
          adjustedAtTheMeeting = true;
          continue;
        }
        if ((hit.kind() == Kind.STORAGE || hit.kind() == Kind.ADJUSTED) && value.isEmpty()) {
          value = afterColumnLabels(line, hits, h);
        }
        if (value.isEmpty() || hit.kind() == Kind.PERIOD && SwedishDates.findAll(value).isEmpty()) {
          pending.add(hit);
        } else {
          accept(hit.kind(), value);
        }
      }
      if (!pending.isEmpty() && next != null) {
        fillFromNextLine(pending, next);
      }
    }
  }

  /** Whether the text starts with a label: what follows an organ's name in a cover page flattened to one line. */
  static boolean startsWithLabel(String text) {
    for (Label label : LABELS) {
      Matcher m = label.pattern().matcher(text);
      if (m.lookingAt() && (label.scope() == Scope.STRICT || valueFollows(label.kind(), text, m.end()))) {
        return true;
      }
    }
    return false;
  }

  PrintedNoticeDates printedNotice() {
    return new PrintedNoticeDates(postedOn, lastAppealDay, takedownOn);
  }

  private static List<Hit> hits(List<String> lines, int index, Scope scope, List<List<Hit>> hitsOf) {
    if (hitsOf.get(index) == null) {
      hitsOf.set(index, hits(lines.get(index), scope));
    }
    return hitsOf.get(index);
  }

  private static List<Hit> hits(String line, Scope scope) {
    List<Hit> hits = new ArrayList<>();
    // Each label's next match is remembered and searched again only once the scan has passed it, so a
    // long line with many labels is read in one pass per label rather than one per hit
    Matcher[] matchers = new Matcher[LABELS.size()];
    Hit[] next = new Hit[LABELS.size()];
    boolean[] exhausted = new boolean[LABELS.size()];
    for (int l = 0; l < LABELS.size(); l++) {
      exhausted[l] = LABELS.get(l).scope().compareTo(scope) > 0;
    }
    int pos = 0;
    while (pos < line.length()) {
      Hit best = null;
      for (int l = 0; l < LABELS.size(); l++) {
        if (exhausted[l]) {
          continue;
        }
        if (next[l] == null || next[l].start() < pos) {
          if (matchers[l] == null) {
            matchers[l] = LABELS.get(l).pattern().matcher(line);
          }
          next[l] = find(LABELS.get(l), matchers[l], line, pos);
          if (next[l] == null) {
            exhausted[l] = true;
            continue;
          }
        }
        if (best == null || next[l].start() < best.start()) {
          best = next[l];
        }
      }
      if (best == null) {
        break;
      }
      hits.add(best);
      pos = best.end();
    }
    return hits;
  }

  /** The label's next match from {@code from} on; a loose label's only where a value of its kind follows. */
  private static Hit find(Label label, Matcher matcher, String line, int from) {
    int at = from;
    while (at <= line.length() && matcher.find(at)) {
      if (label.scope() == Scope.STRICT || valueFollows(label.kind(), line, matcher.end())) {
        return new Hit(label.kind(), matcher.start(), matcher.end());
      }
      at = matcher.end() + 1;
    }
    return null;
  }

  private static boolean valueFollows(Kind kind, String line, int labelEnd) {
    int window = kind == Kind.PLACE_AND_TIME ? PLACE_VALUE_WINDOW : LOOSE_VALUE_WINDOW;
    String after = trimValue(line.substring(labelEnd, Math.min(line.length(), labelEnd + window)));
    List<SwedishDates.Found> dates = SwedishDates.findAll(after);
    return switch (kind) {
      case ORGAN -> OrganNames.atStart(after).isPresent();
      case PLACE_AND_TIME -> !dates.isEmpty() || !SwedishDates.findPartial(after).isEmpty();
      case OTHER -> true;
      default -> !dates.isEmpty() && dates.getFirst().start() <= SwedishDates.WEEKDAY_PREFIX;
    };
  }

  /** The next non-blank line when it carries no label of its own, else null. */
  private static String nextValueLine(List<String> lines, int index, Scope scope, List<List<Hit>> hitsOf) {
    for (int j = index + 1; j < lines.size() && j <= index + 2; j++) {
      String candidate = lines.get(j);
      if (candidate.isEmpty()) {
        continue;
      }
      return hits(lines, j, scope, hitsOf).isEmpty() && !ParagraphHeadings.isHeading(candidate) ? candidate : null;
    }
    return null;
  }

  private void fillFromNextLine(List<Hit> pending, String next) {
    if (pending.size() == 1 && pending.getFirst().kind() != Kind.OTHER) {
      // A label's value on the next line may as well be the next label of a column of labels: an
      // organ is taken from there only when it is a known kind of organ
      if (pending.getFirst().kind() != Kind.ORGAN || OrganNames.atStart(withoutDates(next)).isPresent()) {
        accept(pending.getFirst().kind(), next);
      }
      return;
    }
    // Several empty labels over one value line: a flattened table, values in the same order
    List<SwedishDates.Found> dates = SwedishDates.findAll(next);
    int d = 0;
    for (Hit hit : pending) {
      switch (hit.kind()) {
        case MEETING_DATE, MEETING_PROSE, ADJUSTED, POSTED, TAKEDOWN, LAST_APPEAL, PLACE_AND_TIME -> {
          if (d < dates.size()) {
            accept(hit.kind(), dates.get(d++).date().toString());
          }
        }
        case RANGE -> accept(Kind.RANGE, blankDates(next, dates));
        default -> { }
      }
    }
  }

  private void accept(Kind kind, String value) {
    switch (kind) {
      case ORGAN, ORGAN_AND_DATE -> {
        String name = withoutDates(value);
        String organ = OrganNames.atStart(name)
            .or(() -> OrganNames.atStart(MUNICIPALITY_FIRST.matcher(name).replaceFirst("")))
            .map(OrganNames.Found::organ).orElse(null);
        // A label is a strong sign: a name after it is taken even when it is no known kind of organ
        if (organ == null && kind == Kind.ORGAN && UNKNOWN_ORGAN.matcher(name).matches()) {
          organ = OrganNames.normalize(name);
        }
        if (organ != null) {
          organs.add(organ);
        }
        LocalDate date = SwedishDates.first(value);
        if (date != null) {
          meetingDates.add(date);
        }
      }
      case MEETING_DATE, MEETING_PROSE -> {
        LocalDate date = SwedishDates.first(value);
        if (date != null) {
          meetingDates.add(date);
        }
      }
      case PLACE_AND_TIME ->
          placeAndTimeDate = placeAndTimeDate != null ? placeAndTimeDate : SwedishDates.first(value);
      case RANGE -> {
        if (range == null) {
          range = range(value);
        }
      }
      case STORAGE -> {
        String place = STORAGE_LABEL_REST.matcher(STORAGE_END.matcher(value).replaceFirst("")).replaceAll("").strip();
        if (storagePlace == null && looksLikeName(place)) {
          storagePlace = place;
        }
      }
      case ADJUSTED -> {
        adjustedOn = adjustedOn != null ? adjustedOn : SwedishDates.first(value);
        if (adjustedOn == null && adjustedWithoutYear == null) {
          List<SwedishDates.Partial> partial = SwedishDates.findPartial(value);
          adjustedWithoutYear = partial.isEmpty() ? null : partial.getFirst();
        }
      }
      case POSTED -> {
        List<SwedishDates.Found> dates = SwedishDates.findAll(value);
        if (!dates.isEmpty() && postedOn == null) {
          postedOn = dates.getFirst().date();
        }
      }
      case ADJUSTMENT_PLANNED -> plannedAdjustment = plannedAdjustment != null ? plannedAdjustment : SwedishDates.first(value);
      case TAKEDOWN -> takedownOn = takedownOn != null ? takedownOn : SwedishDates.first(value);
      case LAST_APPEAL -> lastAppealDay = lastAppealDay != null ? lastAppealDay : SwedishDates.first(value);
      case PERIOD -> {
        List<SwedishDates.Found> dates = SwedishDates.findAll(value);
        if (dates.size() >= 1 && postedOn == null) {
          postedOn = dates.get(0).date();
        }
        if (dates.size() >= 2 && takedownOn == null) {
          takedownOn = dates.get(1).date();
        }
      }
      case OTHER -> { }
    }
  }

  /**
   * The range a value prints: one part ("§ 1-6") or a list of them ("232, 248-281", from the first
   * to the last), a single paragraph after the label ("104"), or two numbers whose dash was lost.
   */
  static ParagraphRange range(String value) {
    Matcher m = LIST_START.matcher(value);
    if (!m.lookingAt()) {
      m = RANGE.matcher(value);
    }
    if (m.pattern() == RANGE && !m.find()) {
      Matcher lost = DASH_LOST.matcher(value);
      if (lost.lookingAt() && Integer.parseInt(lost.group(1)) < Integer.parseInt(lost.group(2))) {
        return new ParagraphRange(Integer.parseInt(lost.group(1)), Integer.parseInt(lost.group(2)));
      }
      // "Paragrafer: 104": a single paragraph after the label, without "§"
      Matcher single = SINGLE_PARAGRAPH.matcher(value);
      return single.lookingAt() ? new ParagraphRange(Integer.parseInt(single.group(1)), Integer.parseInt(single.group(1)))
          : null;
    }
    int from = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3));
    int to = m.groupCount() >= 2 && m.group(2) != null ? Integer.parseInt(m.group(2)) : from;
    if (from > to) {
      return null;
    }
    Matcher next = NEXT_PART.matcher(value);
    int at = m.end();
    while (next.region(at, value.length()).lookingAt()) {
      for (int g = 1; g <= next.groupCount(); g++) {
        if (next.group(g) != null) {
          to = Math.max(to, Integer.parseInt(next.group(g)));
        }
      }
      at = next.end();
    }
    return new ParagraphRange(from, to);
  }

  /**
   * "Förvaringsplats för protokollet Underskrift Kommunstyrelsekontoret. Inger Magnusson",
   * "Justeringens plats och tid: Underskrifter: Ingvar Niilimaa ... Kanslienheten 2018-06-25": a table
   * of labels and values flattened into one line, the labels first. The value of an empty label
   * followed by signature labels stands after them: for a place its first part, for a date the
   * first date.
   */
  private static String afterColumnLabels(String line, List<Hit> hits, int h) {
    int last = h;
    while (last + 1 < hits.size() && hits.get(last + 1).kind() == Kind.OTHER
        && trimValue(line.substring(hits.get(last).end(), hits.get(last + 1).start())).isEmpty()) {
      last++;
    }
    if (last == h) {
      return "";
    }
    int end = last + 1 < hits.size() ? hits.get(last + 1).start() : line.length();
    String values = trimValue(line.substring(hits.get(last).end(), end));
    if (hits.get(h).kind() == Kind.STORAGE) {
      return firstPart(values);
    }
    List<SwedishDates.Found> dates = SwedishDates.findAll(values);
    if (!dates.isEmpty()) {
      return dates.getFirst().date().toString();
    }
    return values; // a date without its year, if any, is read from it
  }

  /** The first part of a value that runs on into the next column's: up to its first full stop. */
  private static String firstPart(String value) {
    int stop = value.indexOf(". ");
    return (stop > 0 ? value.substring(0, stop) : value).replaceAll("\\.+$", "").strip();
  }

  private static String trimValue(String value) {
    return value.replaceAll("^[\\s:.,–-]+|[\\s:,]+$", "");
  }

  private static String withoutDates(String value) {
    return trimValue(blankDates(value, SwedishDates.findAll(value)).replaceAll("\\s{2,}", " ").trim());
  }

  /** The text with each of these dates (found in it, in order) replaced by a space. */
  private static String blankDates(String text, List<SwedishDates.Found> dates) {
    StringBuilder result = new StringBuilder(text.length());
    int from = 0;
    for (SwedishDates.Found found : dates) {
      result.append(text, from, found.start()).append(' ');
      from = found.end();
    }
    return result.append(text, from, text.length()).toString();
  }

  private static boolean looksLikeName(String value) {
    return value.codePoints().filter(Character::isLetter).count() >= 3;
  }
}
