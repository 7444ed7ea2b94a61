package se.anslag.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;

/**
 * The subscription settings a function gets from its environment. Only the names a function needs
 * are set for it, so each is checked when asked for.
 *
 * @param siteUrl the public site (SITE_URL, no trailing slash): the links in subscriber mails
 * @param confirmWithin CONFIRM_WITHIN_HOURS (default 24): how long a confirmation link works and a
 *     pending request is kept
 * @param perAddressPerHour SUBSCRIBE_PER_ADDRESS_PER_HOUR (default 3): requests for one address
 * @param perSourcePerHour SUBSCRIBE_PER_SOURCE_PER_HOUR (default 30): requests from one source IP
 */
@Singleton
public final class SubscriptionConfig {
  private final String siteUrl;
  private final Duration confirmWithin;
  private final int perAddressPerHour;
  private final int perSourcePerHour;

  @Inject
  public SubscriptionConfig(@Named("environment") Map<String, String> environment) {
    this.siteUrl = siteUrl(environment.get("SITE_URL"));
    this.confirmWithin = Duration.ofHours(number(environment, "CONFIRM_WITHIN_HOURS", 24));
    this.perAddressPerHour = number(environment, "SUBSCRIBE_PER_ADDRESS_PER_HOUR", 3);
    this.perSourcePerHour = number(environment, "SUBSCRIBE_PER_SOURCE_PER_HOUR", 30);
  }

  public Duration confirmWithin() {
    return confirmWithin;
  }

  public int perAddressPerHour() {
    return perAddressPerHour;
  }

  public int perSourcePerHour() {
    return perSourcePerHour;
  }

  public String siteUrl() {
    if (siteUrl == null) {
      throw new IllegalStateException("SITE_URL is not set: subscriber mails need the site's address for their links");
    }
    return siteUrl;
  }

  /** The link a confirmation mail carries. */
  public String confirmUrl(String token) {
    return siteUrl() + "/api/subscriptions/confirm?token=" + token;
  }

  /** The link every mail to a subscriber carries, and its List-Unsubscribe header. */
  public String unsubscribeUrl(String token) {
    return siteUrl() + "/api/subscriptions/unsubscribe?token=" + token;
  }

  private static String siteUrl(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    var uri = URI.create(value.strip());
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("SITE_URL must be an http(s) address, not '" + value + "'");
    }
    return value.strip().replaceAll("/+$", "");
  }

  private static int number(Map<String, String> environment, String name, int fallback) {
    var value = environment.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, not " + parsed);
      }
      return parsed;
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(name + " is '" + value + "', not a whole number");
    }
  }
}
