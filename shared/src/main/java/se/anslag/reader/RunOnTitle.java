package se.anslag.reader;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a paragraph's title ends when a flattened page ran it into the paragraph's text ("Sammanträdets
 * öppnande Dagordningen godkännes ..."): at the end of its first sentence, or before the first
 * capitalised word that starts a sentence. A capital inside a title is a name, and names in titles
 * follow a preposition ("Digital strategi för Kalmar kommun") or another name.
 */
final class RunOnTitle {

  /** A title on a heading line this long, or with a sentence after it, ran on into the text. */
  private static final int RUN_ON_LENGTH = 100;
  private static final int SENTENCE_AND_MORE = 60;

  private static final Pattern SENTENCE_END = Pattern.compile("[\\p{Ll}\\d)][.?!](?=\\s+\\p{Lu})");
  private static final Pattern WORD = Pattern.compile("\\S+");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  /** Words after which a capital begins a name, not a sentence. */
  private static final Set<String> BEFORE_NAMES = Set.of("för", "inom", "i", "om", "av", "till", "vid", "från",
      "på", "med", "mot", "hos", "enligt", "och", "samt", "över", "under", "efter", "mellan", "utanför", "kring",
      "gällande", "angående", "avseende", "rörande", "inklusive", "via", "ur", "åt", "-", "–");

  private RunOnTitle() {}

  static boolean runsOn(String text) {
    return text.length() > RUN_ON_LENGTH
        || text.length() >= SENTENCE_AND_MORE && SENTENCE_END.matcher(text).find();
  }

  /** Where the title ends in this heading text: its length when it does not run on. */
  static int end(String text) {
    if (!runsOn(text)) {
      return text.length();
    }
    int end = text.length();
    Matcher sentence = SENTENCE_END.matcher(text);
    if (sentence.find()) {
      end = sentence.start() + 2;
    }
    Matcher word = WORD.matcher(text);
    String previous = null;
    int words = 0;
    while (word.find() && word.start() < end) {
      String current = word.group();
      if (words >= 2 && startsSentence(previous, current)) {
        return word.start();
      }
      previous = current;
      words++;
    }
    return end;
  }

  private static boolean startsSentence(String previous, String current) {
    boolean capitalised = current.length() >= 2 && Character.isUpperCase(current.codePointAt(0))
        && Character.isLowerCase(current.codePointAt(1));
    boolean afterWordInLowerCase = Character.isLowerCase(previous.codePointAt(previous.length() - 1))
        && !BEFORE_NAMES.contains(previous.toLowerCase(Locale.ROOT));
    return capitalised && (afterWordInLowerCase || YEAR.matcher(previous).matches());
  }
}
