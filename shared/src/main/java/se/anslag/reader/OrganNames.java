package se.anslag.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.anslag.format.EditDistance;

/**
 * Recognises the names of municipal organs as minutes print them, and brings each to the form the
 * setup knows it by: the organ's own name in sentence case, without the municipality
 * ("ÅTVIDABERGS KOMMUNSTYRELSE" and "Åtvidabergs kommunstyrelse" are both "Kommunstyrelsen").
 *
 * <p>A name is recognised by its last word, which names a kind of organ (nämnd, styrelse, utskott,
 * fullmäktige, råd, direktion, beredning, förbund ...), with the words before it that qualify it: compounds
 * ("Barn- och utbildningsnämnden"), adjectives ("Tekniska nämnden") and the organ it belongs to
 * ("Kommunstyrelsens arbetsutskott"). Capital letters alone never make a name: minutes capitalise
 * headings, people and places as well.
 */
final class OrganNames {

  /** The word that names the kind of organ, definite or not; words that only end like one are left out. */
  private static final String HEAD = "(?iu:\\p{L}*(?<!om|be|ovan|nyss|före|sist|först)"
      + "(?:nämnd(?:en)?|styrelse(?:n)?|utskott(?:et)?|fullmäktige|direktion(?:en)?|kommitté(?:n)?|presidi(?:um|et)"
      + "|delegation(?:en)?|förbund(?:et)?)"
      + "|\\p{L}{3,}(?<!sam|för|kommunal|oppositions)(?:råd(?:et)?|beredning(?:en)?)"
      + "|revision(?:en)?|överförmyndare(?:n)?)";
  /** "Barn- och ", "Kultur-, fritids- och ": the first parts of a compound name. */
  private static final String COMPOUND = "(?:\\p{L}+-(?:,?\\s+(?iu:och|samt|&)\\s+|,\\s+|\\s+)|\\p{L}+\\s+o\\.\\s*)";
  /** An adjective ("Tekniska", "Gemensamma") or a genitive ("Kommunstyrelsens", "Åtvidabergs"). */
  private static final String QUALIFIER = "(?:\\p{L}+(?iu:a|e|s)\\s+)";
  /** "Gemensamma nämnden för familjerätt": only a bare kind of organ takes a "för ..." after it. */
  private static final String FOR_TAIL = "(?:\\s+för\\s+\\p{Ll}+(?:(?:,\\s*|\\s+och\\s+)\\p{Ll}+){0,3})";
  private static final Pattern BARE_HEAD = Pattern.compile(
      "(?iu)(?:nämnd(?:en)?|utskott(?:et)?|råd(?:et)?|beredning(?:en)?|kommitté(?:n)?|delegation(?:en)?)");

  /** A name starts with a capital ("Kommunstyrelsen", "ÅTVIDABERGS KOMMUNSTYRELSE"): prose does not. */
  private static final Pattern NAME = Pattern.compile(
      "(?<![\\p{L}\\p{N}-])(?=\\p{Lu})(?<name>(?<qualifiers>" + QUALIFIER + "{0,3})" + COMPOUND + "{0,4}(?<head>" + HEAD + "))"
          + "(?<tail>" + FOR_TAIL + ")?(?![\\p{L}\\p{N}])");

  /** The kind of organ alone. */
  private static final Pattern GENERIC = Pattern.compile(
      "(?iu)nämnd(?:en)?|styrelse(?:n)?|utskott(?:et)?|fullmäktige|kommitté(?:n)?|delegation(?:en)?|presidi(?:um|et)"
          + "|(?:kommunal)?förbund(?:et)?");

  /** A genitive that is itself an organ's: "Kommunstyrelsens arbetsutskott" keeps it. */
  private static final Pattern ORGAN_GENITIVE = Pattern.compile(
      "(?iu)^\\p{L}*(?:nämndens|styrelsens|utskottets|fullmäktiges|rådets|direktionens|beredningens|revisionens)$");

  private OrganNames() {}

  /** A name found in text: where it stands and the organ it names. */
  record Found(String organ, int start, int end) {}

  /** The stems of the kinds of organ: a text without one names no organ, and the name pattern need not run. */
  private static final List<String> STEMS = List.of("nämnd", "styrelse", "utskott", "fullmäktige", "direktion",
      "kommitt", "presidi", "delegation", "förbund", "råd", "beredning", "revision", "förmyndar");

  /** Whether the text may name an organ: a quick test before the name pattern. */
  static boolean mayName(String text) {
    return mayName(text, text.length());
  }

  /** Whether the text (or its first {@code length} characters) may name an organ. */
  private static boolean mayName(String text, int length) {
    String lower = text.substring(0, Math.min(text.length(), length)).toLowerCase(Locale.ROOT);
    for (String stem : STEMS) {
      if (lower.contains(stem)) {
        return true;
      }
    }
    return false;
  }

  /** How far into a text a name that starts it can reach. */
  private static final int LONGEST_NAME = 160;

  /** The organ named at the very start of this text, if one is. */
  static Optional<Found> atStart(String text) {
    if (!mayName(text, LONGEST_NAME)) {
      return Optional.empty();
    }
    Matcher m = NAME.matcher(text);
    if (m.lookingAt()) {
      return found(m);
    }
    return Optional.empty();
  }

  /** Every organ named in this text, left to right. */
  static List<Found> findAll(String text) {
    List<Found> all = new ArrayList<>();
    if (!mayName(text, text.length())) {
      return all;
    }
    Matcher m = NAME.matcher(text);
    while (m.find()) {
      found(m).ifPresent(all::add);
    }
    return all;
  }

  private static Optional<Found> found(Matcher m) {
    boolean tail = m.group("tail") != null && BARE_HEAD.matcher(m.group("head")).matches();
    String qualifiers = m.group("qualifiers");
    String rest = m.group("name").substring(qualifiers.length()) + (tail ? m.group("tail") : "");
    int end = tail ? m.end("tail") : m.end("name");
    int start = m.start();
    if (GENERIC.matcher((qualifiers + rest).strip()).matches()) {
      return Optional.empty(); // "Nämnd" is a label, "Nämnden" any organ: neither names one
    }
    return Optional.of(new Found(organName(qualifiers, rest), start, end));
  }

  /**
   * The organ's name in sentence case without the municipality: the kind of organ and the
   * compound before it in lower case, the qualifying words as printed but for the first letter
   * ("Bergslagens Miljö- och Byggnämnd" is "Bergslagens miljö- och byggnämnd"). A municipality's
   * genitive in front is dropped, and the kind of organ made definite, where the name says it is
   * the municipality's own ("Åtvidabergs kommunstyrelse", "Ale kommuns tekniska nämnd").
   */
  private static String organName(String qualifiers, String rest) {
    boolean shouting = shouting(qualifiers + rest);
    String kind = rest.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT)
        .replaceAll("(\\p{L})\\s+o\\.\\s*", "$1- och ");
    List<String> words = new ArrayList<>(List.of(qualifiers.strip().split("\\s+")));
    words.removeIf(String::isEmpty);
    if (shouting) {
      words.replaceAll(w -> w.toLowerCase(Locale.ROOT));
    }
    boolean owned = false;
    int owner = words.indexOf(words.stream().filter(w -> w.equalsIgnoreCase("kommuns")).findFirst().orElse(""));
    if (owner >= 0) {
      words.subList(0, owner + 1).clear();
      owned = true;
    } else if (words.size() == 1 && words.getFirst().endsWith("s") && !ORGAN_GENITIVE.matcher(words.getFirst()).matches()
        && kind.startsWith("kommun")) {
      words.clear();
      owned = true;
    }
    if (owned) {
      kind = definite(kind);
    }
    words.add(kind);
    return capitalised(String.join(" ", words));
  }

  /**
   * A name after an organ label that is no known kind of organ, as printed but in sentence case
   * when printed in capitals.
   */
  static String normalize(String printed) {
    String name = printed.strip().replaceAll("\\s+", " ");
    return capitalised(shouting(name) ? name.toLowerCase(Locale.ROOT) : name);
  }

  /** Mostly capitals: a heading in capitals, or an OCR text that lost a few. */
  private static boolean shouting(String name) {
    long letters = name.codePoints().filter(Character::isLetter).count();
    long capitals = name.codePoints().filter(Character::isUpperCase).count();
    return letters >= 4 && capitals * 10 >= letters * 8;
  }

  private static String capitalised(String name) {
    return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }

  /** "nämnd" gives "nämnden": the definite form minutes use for the organ's own name. */
  private static String definite(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.endsWith("nämnd") || lower.endsWith("direktion") || lower.endsWith("beredning")
        || lower.endsWith("delegation") || lower.endsWith("revision")) {
      return word + "en";
    }
    if (lower.endsWith("styrelse") || lower.endsWith("överförmyndare")) {
      return word + "n";
    }
    if (lower.endsWith("utskott") || lower.endsWith("råd")) {
      return word + "et";
    }
    if (lower.endsWith("kommitté")) {
      return word + "n";
    }
    return word;
  }

  /**
   * Whether two readings name the same organ: equal but for case, or a letter or two apart (a typo
   * such as "servicesnämnden" for "servicenämnden" is no second organ).
   */
  static boolean same(String a, String b) {
    if (a.equalsIgnoreCase(b) || owned(a, b) || owned(b, a)) {
      return true;
    }
    return Math.min(a.length(), b.length()) >= 10 && Math.abs(a.length() - b.length()) <= 2
        && EditDistance.between(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT)) <= 2;
  }

  /**
   * Whether {@code owned} is {@code organ} with a place's genitive in front: "Östhammars socialnämnd"
   * is the Socialnämnden of the minutes' title, where both are printed.
   */
  static boolean owned(String owned, String organ) {
    int space = owned.indexOf(' ');
    if (space < 0 || !owned.substring(0, space).endsWith("s")) {
      return false;
    }
    String rest = owned.substring(space + 1).toLowerCase(Locale.ROOT);
    String lowerOrgan = organ.toLowerCase(Locale.ROOT);
    return rest.equals(lowerOrgan) || definite(rest).equals(lowerOrgan);
  }

  /** Whether {@code part} is an organ within {@code whole}: "Kommunstyrelsens arbetsutskott" in "Kommunstyrelsen". */
  static boolean partOf(String part, String whole) {
    return part.toLowerCase(Locale.ROOT).startsWith(whole.toLowerCase(Locale.ROOT) + "s ");
  }
}
