package se.anslag.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the names of municipal organs as minutes print them, and brings each to the form the
 * setup knows it by: the organ's own name in sentence case, without the municipality
 * ("ÅTVIDABERGS KOMMUNSTYRELSE" and "Åtvidabergs kommunstyrelse" are both "Kommunstyrelsen").
 *
 * <p>A name is recognised by its last word, which names a kind of organ (nämnd, styrelse, utskott,
 * fullmäktige, råd, direktion, beredning, ...), with the words before it that qualify it: compounds
 * ("Barn- och utbildningsnämnden"), adjectives ("Tekniska nämnden") and the organ it belongs to
 * ("Kommunstyrelsens arbetsutskott"). Capital letters alone never make a name: minutes capitalise
 * headings, people and places as well.
 */
final class OrganNames {

  /** The word that names the kind of organ, definite or not; words that only end like one are left out. */
  private static final String HEAD = "(?iu:\\p{L}*(?<!om|be|ovan|nyss|före|sist|först)"
      + "(?:nämnd(?:en)?|styrelse(?:n)?|utskott(?:et)?|fullmäktige|direktion(?:en)?|kommitté(?:n)?|presidi(?:um|et)"
      + "|delegation(?:en)?)"
      + "|\\p{L}{3,}(?<!sam|för|kommunal|oppositions)(?:råd(?:et)?|beredning(?:en)?)"
      + "|revision(?:en)?|överförmyndare(?:n)?)";
  /** "Barn- och ", "Kultur-, fritids- och ": the first parts of a compound name. */
  private static final String COMPOUND = "(?:\\p{L}+-(?:,?\\s+(?iu:och|samt|&)\\s+|,\\s+|\\s+))";
  /** An adjective ("Tekniska", "Gemensamma") or a genitive ("Kommunstyrelsens", "Åtvidabergs"). */
  private static final String QUALIFIER = "(?:\\p{L}+(?iu:a|e|s)\\s+)";
  /** "Gemensamma nämnden för familjerätt": only a bare kind of organ takes a "för ..." after it. */
  private static final String FOR_TAIL = "(?:\\s+för\\s+\\p{Ll}+(?:(?:,\\s*|\\s+och\\s+)\\p{Ll}+){0,3})";
  private static final Pattern BARE_HEAD = Pattern.compile(
      "(?iu)(?:nämnd(?:en)?|utskott(?:et)?|råd(?:et)?|beredning(?:en)?|kommitté(?:n)?|delegation(?:en)?)");

  /** A municipality before the name, "Ale kommuns", "Upplands Väsby kommuns": dropped. */
  private static final Pattern MUNICIPALITY_OWNER = Pattern.compile(
      "^(?:\\p{Lu}[\\p{L}-]*\\s+){0,2}(?:kommuns|KOMMUNS|Kommuns)\\s+");

  /** A name starts with a capital ("Kommunstyrelsen", "ÅTVIDABERGS KOMMUNSTYRELSE"): prose does not. */
  private static final Pattern NAME = Pattern.compile(
      "(?<![\\p{L}\\p{N}-])(?=\\p{Lu})(?<name>" + QUALIFIER + "{0,3}" + COMPOUND + "{0,4}(?<head>" + HEAD + "))"
          + "(?<tail>" + FOR_TAIL + ")?(?![\\p{L}\\p{N}])");

  private static final Pattern CAPITAL_AFTER_GENITIVE = Pattern.compile("(?u)\\p{L}s\\s+(?=\\p{Lu})");
  /** The kind of organ alone. */
  private static final Pattern GENERIC = Pattern.compile(
      "(?iu)nämnd(?:en)?|styrelse(?:n)?|utskott(?:et)?|fullmäktige|kommitté(?:n)?|delegation(?:en)?|presidi(?:um|et)");

  /** A genitive that is itself an organ's: "Kommunstyrelsens arbetsutskott" keeps it. */
  private static final Pattern ORGAN_GENITIVE = Pattern.compile(
      "(?iu)^\\p{L}*(?:nämndens|styrelsens|utskottets|fullmäktiges|rådets|direktionens|beredningens|revisionens)$");

  private OrganNames() {}

  /** A name found in text: where it stands and the organ it names. */
  record Found(String organ, int start, int end) {}

  /** The organ named at the very start of this text, if one is. */
  static Optional<Found> atStart(String text) {
    Matcher m = NAME.matcher(text);
    if (m.lookingAt()) {
      return found(m);
    }
    return Optional.empty();
  }

  /** Every organ named in this text, left to right. */
  static List<Found> findAll(String text) {
    List<Found> all = new ArrayList<>();
    Matcher m = NAME.matcher(text);
    while (m.find()) {
      found(m).ifPresent(all::add);
    }
    return all;
  }

  private static Optional<Found> found(Matcher m) {
    String name = m.group("name") + (m.group("tail") != null && BARE_HEAD.matcher(m.group("head")).matches()
        ? m.group("tail") : "");
    int end = m.group("tail") != null && name.length() > m.group("name").length() ? m.end("tail") : m.end("name");
    int start = m.start();
    // "Beslutsinstans Kommunstyrelsen": a genitive qualifies a name only in front of a word in lower
    // case ("Kommunstyrelsens arbetsutskott"); before a capital it is a label or the like
    Matcher capitalAfterGenitive = CAPITAL_AFTER_GENITIVE.matcher(name);
    if (name.codePoints().anyMatch(Character::isLowerCase)) {
      int from = 0;
      while (capitalAfterGenitive.find(from)) {
        from = capitalAfterGenitive.end();
      }
      name = name.substring(from);
      start += from;
    }
    if (GENERIC.matcher(name).matches()) {
      return Optional.empty(); // "Nämnd" is a label, "Nämnden" any organ: neither names one
    }
    String organ = normalize(name);
    return organ == null ? Optional.empty() : Optional.of(new Found(organ, start, end));
  }

  /**
   * The organ's name in sentence case without the municipality, or null when nothing of the text
   * is a name: a municipality's genitive in front is dropped and the kind of organ made definite
   * ("Åtvidabergs tekniska nämnd" is "Tekniska nämnden").
   */
  static String normalize(String printed) {
    String name = printed.strip().replaceAll("\\s+", " ");
    boolean shouting = !name.codePoints().anyMatch(Character::isLowerCase);
    if (shouting) {
      name = name.toLowerCase(Locale.ROOT);
    }
    boolean owned = false;
    Matcher municipality = MUNICIPALITY_OWNER.matcher(name);
    if (municipality.lookingAt()) {
      name = name.substring(municipality.end());
      owned = true;
    }
    List<String> words = new ArrayList<>(List.of(name.split(" ")));
    // "Åtvidabergs kommunstyrelse": a genitive in front that is no organ's own is the municipality's
    while (words.size() > 1 && words.getFirst().endsWith("s") && !words.getFirst().endsWith("-")
        && !ORGAN_GENITIVE.matcher(words.getFirst()).matches()
        && (shouting || Character.isUpperCase(words.getFirst().codePointAt(0)))
        && (shouting || Character.isLowerCase(words.get(1).codePointAt(0)))) {
      words.removeFirst();
      owned = true;
    }
    if (words.isEmpty() || words.getFirst().isEmpty()) {
      return null;
    }
    if (owned) {
      words.set(words.size() - 1, definite(words.getLast()));
    }
    String result = String.join(" ", words);
    return result.substring(0, 1).toUpperCase(Locale.ROOT) + result.substring(1);
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
    if (a.equalsIgnoreCase(b)) {
      return true;
    }
    return Math.min(a.length(), b.length()) >= 10 && editDistance(a.toLowerCase(Locale.ROOT),
        b.toLowerCase(Locale.ROOT), 2) <= 2;
  }

  /** Whether {@code part} is an organ within {@code whole}: "Kommunstyrelsens arbetsutskott" in "Kommunstyrelsen". */
  static boolean partOf(String part, String whole) {
    return part.toLowerCase(Locale.ROOT).startsWith(whole.toLowerCase(Locale.ROOT) + "s ");
  }

  /** Levenshtein distance, given up above {@code limit}; names are short, so the quadratic table is fine. */
  private static int editDistance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return limit + 1;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
