package se.anslag.desk;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The signed-in clerk, from the claims that API Gateway's JWT authorizer verified (signature,
 * issuer, audience, expiry) and passed on. What the authorizer cannot check is checked here: that
 * the token is an ID token ({@code token_use}), and which organs the clerk's groups name.
 *
 * @param subject the user's stable id in the pool ({@code sub})
 * @param email the sign-in address, which names the clerk in what the desk records
 * @param organs the organ slugs of the clerk's groups
 */
public record Clerk(String subject, String email, Set<String> organs) {

  /** The token was valid but is not one the desk accepts (HTTP 401). */
  public static final class NotAClerkToken extends RuntimeException {
    NotAClerkToken(String message) {
      super(message);
    }
  }

  public static Clerk fromClaims(Map<String, String> claims) {
    if (claims == null || claims.isEmpty()) {
      throw new NotAClerkToken("no verified claims: the route is not behind the JWT authorizer");
    }
    // An access token of the same client passes the authorizer too (its client_id stands in for
    // aud), but carries no e-mail address; the desk wants the ID token.
    if (!"id".equals(claims.get("token_use"))) {
      throw new NotAClerkToken("token_use is '" + claims.get("token_use") + "', not 'id'");
    }
    var subject = claims.get("sub");
    var email = claims.get("email");
    if (subject == null || subject.isBlank() || email == null || email.isBlank()) {
      throw new NotAClerkToken("the ID token lacks sub or email");
    }
    return new Clerk(subject, email, groups(claims.get("cognito:groups")));
  }

  /**
   * API Gateway gives an array claim as one string, its items space-separated in brackets
   * ({@code "[a b]"}); group names cannot hold spaces, so splitting on them is exact.
   */
  static Set<String> groups(String claim) {
    if (claim == null || claim.isBlank()) {
      return Set.of();
    }
    var text = claim.strip();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1);
    }
    return Arrays.stream(text.split("\\s+")).filter(group -> !group.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  public boolean mayActFor(String organSlug) {
    return organSlug != null && organs.contains(organSlug);
  }

  public List<String> sortedOrgans() {
    return organs.stream().sorted().toList();
  }
}
