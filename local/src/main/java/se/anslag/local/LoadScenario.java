package se.anslag.local;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A generated municipal setup and the minutes of many meetings for the load benchmark, all from one
 * seed: boards, organs (some joint committees on two or three boards), a recipient directory, and
 * minutes laid out as the sample's text with 1 to 60 paragraphs of 1 to 15 recipient lines, some
 * unknown to the directory. What each upload must lead to (its mails, its notices and their dates)
 * is worked out here from the generation's own inputs, not by the code under test.
 *
 * <p>The dates keep the expectation simple on purpose: every posting day is a weekday in the first
 * half of September 2024, so the last appeal day (posting + 21 days, the same weekday) and the
 * takedown (that day, or the next for the next-day policy) meet no holiday or weekend to roll past;
 * and the benchmark runs on {@link #TODAY}, when every notice is up.
 */
record LoadScenario(List<Board> boards, List<Organ> organs, List<Recipient> directory, List<Minutes> minutes) {
  /** The day the run takes place: every generated notice is posted by then and taken down after. */
  static final LocalDate TODAY = LocalDate.of(2024, 9, 16);
  private static final LocalDate FIRST_POSTING = LocalDate.of(2024, 9, 2);
  private static final String[] TOWNS = {"Ludvika", "Smedjebacken", "Borlänge", "Falun", "Gagnef", "Leksand",
      "Rättvik", "Mora", "Orsa", "Älvdalen", "Malung", "Vansbro", "Hedemora", "Avesta", "Säter"};
  /**
   * The organs of one municipality each, by names the reader takes as printed: it drops a municipality's
   * name from an organ's ("Mora kommunstyrelse" is "Kommunstyrelsen"), so each name occurs once.
   */
  private static final String[] ORGAN_NAMES = {"Kommunstyrelsen", "Kommunfullmäktige", "Barn- och utbildningsnämnden",
      "Socialnämnden", "Tekniska nämnden", "Miljö- och byggnämnden", "Kultur- och fritidsnämnden", "Valnämnden",
      "Byggnadsnämnden", "Vård- och omsorgsnämnden", "Arbetsmarknadsnämnden", "Samhällsbyggnadsnämnden",
      "Gymnasienämnden", "Överförmyndarnämnden", "Krisledningsnämnden", "Kulturnämnden", "Fritidsnämnden",
      "Utbildningsnämnden", "Äldrenämnden", "Servicenämnden", "Miljönämnden", "Omsorgsnämnden"};
  private static final String[] UNITS = {"Ekonomienheten", "Personalenheten", "Kommunikationsavdelningen",
      "Revisorerna", "Räddningstjänsten", "Överförmyndaren", "Kostenheten", "Fastighetsavdelningen",
      "Gatuenheten", "Vatten och avlopp", "Biblioteket", "Fritidsgården", "Skolchefen", "Förskolechefen",
      "Socialchefen", "Äldreomsorgen", "Miljöinspektörerna", "Bygglovsenheten", "Kommunjuristen",
      "Digitaliseringsrådet", "Upphandlingsenheten", "Näringslivsenheten", "Turistbyrån", "Arkivet",
      "Lönecentrum", "IT-avdelningen", "Planenheten", "Kulturskolan", "Integrationsenheten", "Säkerhetssamordnaren"};

  record Board(String id, String name) {}

  /** An organ; its takedown policy is next-day or same-day. */
  record Organ(String name, String slug, List<String> boardIds, String clerk, boolean sameDayTakedown) {}

  /** A directory entry: a name and its addresses, or the case file (no address). */
  record Recipient(String name, List<String> addresses, boolean caseFile) {}

  /** One recipient line as printed: a directory name, the case file, or a name the directory does not know. */
  record Line(String printed, Recipient recipient) {
    boolean unresolved() {
      return recipient == null;
    }
  }

  record Paragraph(int number, String title, List<Line> lines) {}

  /** One set of minutes, as uploaded: its organ, dates and paragraphs. */
  record Minutes(String fileName, Organ organ, LocalDate meetingDate, LocalDate adjustedOn, LocalDate postedOn,
      List<Paragraph> paragraphs) {

    /** The last appeal day: three weeks after the posting, which here never falls on a day off. */
    LocalDate expectedLastAppealDay() {
      return postedOn.plusDays(21);
    }

    LocalDate expectedTakedown() {
      return organ.sameDayTakedown() ? expectedLastAppealDay() : expectedLastAppealDay().plusDays(1);
    }

    /** The decision mails intake must plan: (paragraph, address), each once. */
    Set<String> expectedMails() {
      var mails = new LinkedHashSet<String>();
      for (var paragraph : paragraphs) {
        for (var line : paragraph.lines()) {
          if (!line.unresolved() && !line.recipient().caseFile()) {
            line.recipient().addresses().forEach(address -> mails.add(paragraph.number() + " " + address));
          }
        }
      }
      return mails;
    }

    long expectedCaseFiles() {
      return paragraphs.stream().filter(p -> p.lines().stream().anyMatch(l -> !l.unresolved() && l.recipient().caseFile()))
          .count();
    }

    long expectedUnresolved() {
      return paragraphs.stream().mapToLong(p -> p.lines().stream().filter(Line::unresolved).count()).sum();
    }

    /** Laid out as the sample: the notice block (dates blank), then each paragraph with its recipients. */
    String text() {
      var text = new StringBuilder();
      text.append("  ANSLAG/BEVIS \n\nProtokollet är justerat. Justeringen har tillkännagivits genom anslag. \n\n")
          .append("Organ ").append(organ.name()).append(" \n\n")
          .append("Sammanträdesdatum ").append(meetingDate).append(" Paragrafer § 1-").append(paragraphs.size())
          .append(" \n\nDatum då anslaget sätts upp  Datum då anslaget tas ned  \n\n")
          .append("Förvaringsplats för protokollet Protokollet förvaras på kansliet, kommunhuset \n \n\nUnderskrift   \n");
      for (var paragraph : paragraphs) {
        text.append(" § ").append(paragraph.number()).append("  Dnr ").append(meetingDate.getYear()).append('/')
            .append(100 + paragraph.number()).append(" \n\n \n\n").append(paragraph.title()).append(" \n\nBeslut \n")
            .append(organ.name()).append(" beslutar att godkänna förslaget i ärendet. \n\n")
            .append("Beskrivning av ärendet \n").append("Underlag och motivering finns i tjänsteskrivelsen. ".repeat(3))
            .append("\n\n______ \n\nBeslut skickas till \n");
        paragraph.lines().forEach(line -> text.append(line.printed()).append(" \n"));
        text.append(" \n");
      }
      return text.toString();
    }
  }

  /** The setup as `./anslag setup` reads it. */
  String setupYaml() {
    var yaml = new StringBuilder("# Generated by the load benchmark; every address is under example.org.\nboards:\n");
    boards.forEach(b -> yaml.append("  - id: ").append(b.id()).append("\n    name: ").append(b.name()).append('\n'));
    yaml.append("\norgans:\n");
    for (var organ : organs) {
      yaml.append("  - name: ").append(organ.name()).append("\n    slug: ").append(organ.slug())
          .append("\n    boards: [").append(String.join(", ", organ.boardIds())).append("]\n    clerk: ")
          .append(organ.clerk()).append("\n    takedownPolicy: ").append(organ.sameDayTakedown() ? "same-day" : "next-day")
          .append("\n    publishMinutesDocument: false\n    review: none\n");
    }
    yaml.append("\nrecipients:\n");
    for (var recipient : directory) {
      yaml.append("  - name: ").append(recipient.name()).append('\n');
      if (recipient.caseFile()) {
        yaml.append("    caseFile: true\n");
      } else {
        yaml.append("    addresses: [").append(String.join(", ", recipient.addresses())).append("]\n");
      }
    }
    return yaml.toString();
  }

  long expectedMailCount() {
    return minutes.stream().mapToLong(m -> m.expectedMails().size()).sum();
  }

  /** Every send-out intake must plan: the mails, the filings, the unresolved lines, and the clerk's receipt and summary. */
  long expectedSendOutCount() {
    return minutes.stream().mapToLong(m -> m.expectedMails().size() + m.expectedCaseFiles() + m.expectedUnresolved() + 2)
        .sum();
  }

  /**
   * @param boardCount boards (at most 15)
   * @param organCount organs, at least as many as boards; two of them are joint committees
   * @param minutesCount sets of minutes; each organ gets some, on different meeting days
   * @param maxParagraphs the most paragraphs a set has (one set has exactly this many, one has 1)
   * @param maxLines the most recipient lines a paragraph has (one has exactly this many, one has 1)
   */
  static LoadScenario generate(long seed, int boardCount, int organCount, int minutesCount, int maxParagraphs,
      int maxLines) {
    if (boardCount < 3 || boardCount > TOWNS.length || organCount < boardCount || organCount > ORGAN_NAMES.length + 2
        || minutesCount < 1) {
      throw new IllegalArgumentException("needs 3 to " + TOWNS.length + " boards, as many to " + (ORGAN_NAMES.length + 2)
          + " organs, and minutes");
    }
    var random = new Random(seed);
    var boards = new ArrayList<Board>();
    for (int b = 0; b < boardCount; b++) {
      boards.add(new Board(slug(TOWNS[b]), TOWNS[b] + " kommun"));
    }
    var organs = new ArrayList<Organ>();
    // Two joint committees first: on two boards and on three, as a gemensam nämnd is.
    organs.add(organ("Gemensamma servicenämnden", List.of(boards.get(0), boards.get(1)), random));
    organs.add(organ("Gemensamma räddningsnämnden", List.of(boards.get(0), boards.get(1), boards.get(2)), random));
    for (int o = 2; o < organCount; o++) {
      organs.add(organ(ORGAN_NAMES[o - 2], List.of(boards.get(o % boardCount)), random));
    }
    var directory = new ArrayList<Recipient>();
    for (int u = 0; u < UNITS.length; u++) {
      var base = slug(UNITS[u]);
      var addresses = u % 4 == 0 ? List.of(base + "@ludvika.example.org", base + "@smedjebacken.example.org")
          : List.of(base + "@kommun.example.org");
      directory.add(new Recipient(UNITS[u], addresses, false));
    }
    var caseFile = new Recipient("Akten", List.of(), true);
    directory.add(caseFile);

    var minutes = new ArrayList<Minutes>();
    var meetingDays = new LinkedHashMap<String, Set<LocalDate>>();
    var postingDays = weekdaysFrom(FIRST_POSTING, TODAY);
    for (int m = 0; m < minutesCount; m++) {
      var organ = organs.get(m % organs.size());
      LocalDate posted;
      LocalDate adjusted;
      LocalDate meeting;
      do {
        posted = postingDays.get(random.nextInt(postingDays.size()));
        adjusted = random.nextBoolean() ? posted : previousWeekday(posted);
        meeting = adjusted.minusDays(1 + random.nextInt(10));
      } while (!meetingDays.computeIfAbsent(organ.slug(), s -> new LinkedHashSet<>()).add(meeting));
      // Mostly short minutes with few recipients, as real ones are; the extremes occur once each.
      int paragraphCount = m == 0 ? maxParagraphs : m == 1 ? 1 : 1 + (int) ((maxParagraphs - 1) * Math.pow(random.nextDouble(), 4));
      var paragraphs = new ArrayList<Paragraph>();
      for (int p = 1; p <= paragraphCount; p++) {
        int lineCount = m == 0 && p == 1 ? maxLines : m == 0 && p == 2 ? 1
            : 1 + (int) ((maxLines - 1) * Math.pow(random.nextDouble(), 3));
        var lines = new ArrayList<Line>();
        var used = new LinkedHashSet<String>();
        while (lines.size() < lineCount) {
          double kind = random.nextDouble();
          Line line;
          if (kind < 0.08) {
            line = new Line("Extern part nummer " + (1 + random.nextInt(500)), null);
          } else if (kind < 0.2) {
            line = new Line("Akten", caseFile);
          } else {
            var recipient = directory.get(random.nextInt(UNITS.length));
            line = new Line(recipient.name() + (random.nextInt(4) == 0 ? " (för kännedom)" : ""), recipient);
          }
          var identity = line.unresolved() ? line.printed() : line.recipient().name();
          if (used.add(identity)) {
            lines.add(line);
          }
        }
        paragraphs.add(new Paragraph(p, "Ärende " + p + " i " + organ.name() + " om verksamheten " + meeting.getYear(),
            lines));
      }
      minutes.add(new Minutes("%03d-%s-%s.txt".formatted(m, organ.slug(), meeting), organ, meeting, adjusted, posted,
          paragraphs));
    }
    return new LoadScenario(boards, organs, directory, minutes);
  }

  private static Organ organ(String name, List<Board> onBoards, Random random) {
    var slug = slug(name);
    return new Organ(name, slug, onBoards.stream().map(Board::id).toList(),
        "sekreterare." + slug + "@" + onBoards.getFirst().id() + ".example.org", random.nextInt(3) == 0);
  }

  private static List<LocalDate> weekdaysFrom(LocalDate first, LocalDate last) {
    var days = new ArrayList<LocalDate>();
    for (var day = first; !day.isAfter(last); day = day.plusDays(1)) {
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        days.add(day);
      }
    }
    return days;
  }

  private static LocalDate previousWeekday(LocalDate day) {
    var before = day.minusDays(1);
    while (before.getDayOfWeek() == DayOfWeek.SATURDAY || before.getDayOfWeek() == DayOfWeek.SUNDAY) {
      before = before.minusDays(1);
    }
    return before;
  }

  /** ASCII, lower case, words joined by '-': "Barn- och utbildningsnämnden" gives barn-och-utbildningsnamnden. */
  static String slug(String name) {
    var ascii = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return ascii.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  /** For the summary line: minutes, paragraphs, recipient lines. */
  Map<String, Long> sizes() {
    var sizes = new LinkedHashMap<String, Long>();
    sizes.put("boards", (long) boards.size());
    sizes.put("organs", (long) organs.size());
    sizes.put("minutes", (long) minutes.size());
    sizes.put("paragraphs", minutes.stream().mapToLong(m -> m.paragraphs().size()).sum());
    sizes.put("recipient lines", minutes.stream().flatMap(m -> m.paragraphs().stream()).mapToLong(p -> p.lines().size()).sum());
    sizes.put("unresolved lines", minutes.stream().mapToLong(Minutes::expectedUnresolved).sum());
    return sizes;
  }
}
