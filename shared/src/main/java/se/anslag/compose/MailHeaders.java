package se.anslag.compose;

import java.util.regex.Pattern;

/**
 * Values that go into mail headers come from minutes and the directory, so a line break in
 * them could add a header of its own. Everything passes through here first.
 */
public final class MailHeaders {
  /** Long enough for any real title; RFC 5322 lines stay foldable by the SDK. */
  static final int MAX_SUBJECT_LENGTH = 250;
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]+");
  private static final Pattern ADDRESS =
      Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

  private MailHeaders() {}

  /** A header text with control characters turned into spaces and the length capped. */
  public static String text(String value) {
    var flat = CONTROL.matcher(value).replaceAll(" ").replaceAll(" {2,}", " ").strip();
    return flat.length() <= MAX_SUBJECT_LENGTH ? flat : flat.substring(0, MAX_SUBJECT_LENGTH - 1).strip() + "…";
  }

  /** An address fit for To or Reply-To; anything else is refused rather than mended. */
  public static boolean isValidAddress(String address) {
    return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches();
  }
}
