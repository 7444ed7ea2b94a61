package se.anslag.domain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The tokens of the confirmation and unsubscribe links: 32 random bytes, URL-safe base64 (43
 * characters). Only their SHA-256 is a key in the table, so a token is found by hashing what the
 * link carries.
 */
public final class SubscriptionTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  private SubscriptionTokens() {}

  public static String newToken() {
    var bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether a link's value can be a token at all; anything else is refused before a lookup. */
  public static boolean isWellFormed(String token) {
    return token != null && TOKEN.matcher(token).matches();
  }

  public static String hash(String token) {
    return Subscription.sha256(token);
  }
}
