package se.anslag.compose;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The {@code X-Anslag-Send-Out} header every mail carries: which send-out and which attempt it is.
 * SES repeats the original headers in its event notifications ({@code mail.headers}), so a Send
 * event names the send-out whose mail SES accepted even when the mailer never learned the
 * message id. The value is printable ASCII on one line: {@code <minutesId>/<paragraph>/<target>/<attempt>},
 * the target percent-encoded (UTF-8), since an address may hold a {@code /}.
 */
public record SendOutHeader(String minutesId, int paragraph, String target, int attempt) {
  public static final String NAME = "X-Anslag-Send-Out";
  /** RFC 5322's limit for a whole header line; the value is never folded. */
  private static final int MAX_LINE = 998;
  private static final Pattern MINUTES_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");
  private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9-]{1,128})/(\\d{1,4})/([A-Za-z0-9.*_%+-]{1,900})/(\\d{1,6})");

  public SendOutHeader {
    if (minutesId == null || !MINUTES_ID.matcher(minutesId).matches()) {
      throw new IllegalArgumentException("Not a minutes id for " + NAME + ": " + minutesId);
    }
    if (paragraph < 0 || paragraph > 9999 || attempt < 1 || attempt > 999_999) {
      throw new IllegalArgumentException(NAME + " out of range: § " + paragraph + ", attempt " + attempt);
    }
    if (target == null || target.isEmpty()) {
      throw new IllegalArgumentException(NAME + " without a target");
    }
  }

  /** The header's value as it goes on the wire. */
  public String value() {
    var value = minutesId + "/" + paragraph + "/" + URLEncoder.encode(target, StandardCharsets.UTF_8) + "/" + attempt;
    if (NAME.length() + 2 + value.length() > MAX_LINE || !MailHeaders.text(value).equals(value)) {
      throw new IllegalArgumentException(NAME + " would not fit one header line for target " + MailHeaders.text(target));
    }
    return value;
  }

  /** Reads a value written by {@link #value()}; anything else is refused. */
  public static SendOutHeader parse(String value) {
    var matcher = VALUE.matcher(value == null ? "" : value.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("Not an " + NAME + " value: '" + MailHeaders.text(String.valueOf(value)) + "'");
    }
    String target;
    try {
      target = URLDecoder.decode(matcher.group(3), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      throw new IllegalArgumentException("Not an " + NAME + " value (bad escape): '" + MailHeaders.text(value) + "'");
    }
    return new SendOutHeader(matcher.group(1), Integer.parseInt(matcher.group(2)), target,
        Integer.parseInt(matcher.group(4)));
  }
}
