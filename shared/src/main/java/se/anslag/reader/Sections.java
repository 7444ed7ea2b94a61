package se.anslag.reader;

import java.util.regex.Pattern;

/**
 * The section headings inside a paragraph: where its decision starts, where other sections
 * (background, proposals, motions ...) start, where its recipients are listed, and the closing
 * separator some minutes print.
 */
final class Sections {

  enum Section { NONE, DECISION, OTHER, RECIPIENTS, SEPARATOR }

  private static final Pattern OTHER_SECTION = Pattern.compile(
      "(?iu)^(?:beskrivning\\s+av\\s+ärendet|ärendebeskrivning|ärendet|sammanfattning(?:\\s+av\\s+ärendet)?"
          + "|ärendet\\s+i\\s+korthet|bakgrund|beslutsunderlag|underlag\\s+för\\s+beslut|handlingar|behandling"
          + "|behandling\\s+på\\s+sammanträdet|yrkanden?|propositionsordning|beslutsgång|omröstning"
          + "|omröstningsresultat|reservationer?|protokollsanteckningar?|jäv|motivering|beslutsmotivering"
          + "|skäl\\s+(?:för|till)\\s+beslut(?:et)?|.{0,60}förslag\\s+till\\s+beslut|tjänsteskrivelse"
          + "|ekonomiska\\s+konsekvenser|överklagande|hur\\s+man\\s+överklagar|upplysningar|särskilt\\s+yttrande"
          + "|yttrande|deltar\\s+(?:inte|ej)\\s+i\\s+beslutet|ärendets\\s+(?:handläggning|beredning)|beredning"
          + "|bedömning|förvaltningens\\s+(?:bedömning|förslag)|lagstiftning|konsekvensanalys|finansiering"
          + "|barnperspektiv|barnkonsekvensanalys|uppföljning|överläggning)\\s*:?$");
  private static final Pattern DECISION_SECTION = Pattern.compile(
      "(?iu)^(?:.{0,70}s\\s+)?beslut(?:et)?(?:\\s+i\\s+ärendet)?\\s*:?$");
  static final Pattern DECISION_INLINE = Pattern.compile("(?iu)^beslut(?:et)?\\s*:\\s*(?<text>\\S.*)$");

  private Sections() {}

  static Section classify(String line) {
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

  /**
   * Where a closing separator ("______", three or more underscores at the end of the line) starts, or
   * -1. Counted by hand: a regex with a lazy prefix backtracks quadratically over long runs of "_".
   */
  static int separatorStart(String line) {
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
}
