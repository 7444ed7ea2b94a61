package se.anslag.local.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API JWT authorizer, checking a token as API Gateway does. The steps and their order
 * follow "Control access to HTTP APIs with JWT authorizers in API Gateway", section "Authorizing
 * API requests with a JWT authorizer"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html):
 *
 * <ol>
 *   <li>the identity source holds the token alone or prefixed with {@code Bearer};
 *   <li>the token is decoded;
 *   <li>its algorithm and signature are checked with the issuer's public keys; only RSA-based
 *       algorithms are supported; keys may be cached for two hours;
 *   <li>the claims: {@code kid} names a key of the key set; {@code iss} is the configured issuer;
 *       {@code aud}, or {@code client_id} only when there is no {@code aud}, is one of the configured
 *       audiences (also "Troubleshooting issues with HTTP API JWT authorizers"); {@code exp} is after
 *       now; {@code nbf} and {@code iat} are before now; a route's authorization scopes, when it has
 *       any, must be in {@code scope} or {@code scp}.
 * </ol>
 *
 * Any failure gives 401. The claims then reach the integration in
 * {@code requestContext.authorizer.jwt.claims} as strings: an array as its items space-separated in
 * brackets ({@code "[a b]"}), numbers and booleans as text, null claims left out (as measured
 * against API Gateway in floci-io/floci pull request 2011). What the authorizer cannot tell (an ID
 * token from an access token, which groups a user has) the function checks itself.
 *
 * <p>Local deviation: the keys come from {@code <issuer>/.well-known/jwks.json}, where Cognito
 * publishes them, not through the issuer's OpenID discovery document: cognito-local's names port
 * 9229 whatever port it runs on.
 */
public final class LocalJwtAuthorizer {
  private static final Duration KEY_CACHE = Duration.ofHours(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String issuer;
  private final List<String> audiences;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private JWKSet keys;
  private Instant keysFetchedAt;

  /** The outcome: the claims as the integration gets them, or why the request is refused. */
  public record Decision(Optional<Map<String, String>> claims, String refusal) {
    static Decision allow(Map<String, String> claims) {
      return new Decision(Optional.of(claims), null);
    }

    static Decision refuse(String why) {
      return new Decision(Optional.empty(), why);
    }

    public boolean allowed() {
      return claims.isPresent();
    }
  }

  public LocalJwtAuthorizer(String issuer, List<String> audiences, Clock clock) {
    this.issuer = issuer;
    this.audiences = List.copyOf(audiences);
    this.clock = clock;
  }

  public String issuer() {
    return issuer;
  }

  /** Checks the identity source's value (null when the request lacks it) against the route's scopes. */
  public Decision authorize(String identitySource, List<String> routeScopes) {
    if (identitySource == null || identitySource.isBlank()) {
      return Decision.refuse("no token in the identity source");
    }
    var token = identitySource.strip();
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = token.substring(7).strip();
    }
    SignedJWT jwt;
    Map<String, Object> claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet().getClaims();
    } catch (ParseException notAJwt) {
      return Decision.refuse("the token is not a signed JWT");
    }
    var algorithm = jwt.getHeader().getAlgorithm();
    if (!JWSAlgorithm.Family.RSA.contains(algorithm)) {
      return Decision.refuse("the token's algorithm " + algorithm + " is not RSA-based");
    }
    var kid = jwt.getHeader().getKeyID();
    var key = kid == null ? null : key(kid);
    if (key == null) {
      return Decision.refuse("the token's kid matches no key of the issuer");
    }
    try {
      if (!jwt.verify(new RSASSAVerifier(key))) {
        return Decision.refuse("the token's signature is not valid");
      }
    } catch (JOSEException unusable) {
      return Decision.refuse("the token's signature cannot be checked: " + unusable.getMessage());
    }
    var now = clock.instant();
    if (!issuer.equals(claims.get("iss"))) {
      return Decision.refuse("the token does not have a valid issuer");
    }
    if (!audienceMatches(claims)) {
      return Decision.refuse("the token does not have a valid audience");
    }
    var exp = seconds(claims.get("exp"));
    if (exp.isEmpty() || !now.isBefore(exp.get())) {
      return Decision.refuse("the token has expired");
    }
    var nbf = seconds(claims.get("nbf"));
    if (nbf.isPresent() && now.isBefore(nbf.get())) {
      return Decision.refuse("the token is not valid yet");
    }
    var iat = seconds(claims.get("iat"));
    if (iat.isPresent() && now.isBefore(iat.get())) {
      return Decision.refuse("the token was issued in the future");
    }
    if (!routeScopes.isEmpty() && !hasScope(claims, routeScopes)) {
      return Decision.refuse("the token does not have the route's scopes");
    }
    return Decision.allow(asApiGatewayClaims(claims));
  }

  private boolean audienceMatches(Map<String, Object> claims) {
    var aud = claims.get("aud");
    if (aud != null) {
      var values = aud instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(aud));
      return values.stream().anyMatch(audiences::contains);
    }
    var clientId = claims.get("client_id");
    return clientId != null && audiences.contains(String.valueOf(clientId));
  }

  private static boolean hasScope(Map<String, Object> claims, List<String> routeScopes) {
    var granted = new java.util.HashSet<String>();
    for (var name : List.of("scope", "scp")) {
      var value = claims.get(name);
      if (value instanceof List<?> list) {
        list.forEach(item -> granted.add(String.valueOf(item)));
      } else if (value != null) {
        granted.addAll(List.of(String.valueOf(value).split(" ")));
      }
    }
    return routeScopes.stream().anyMatch(granted::contains);
  }

  /** nimbus gives the registered time claims as Dates. */
  private static Optional<Instant> seconds(Object claim) {
    if (claim instanceof java.util.Date date) {
      return Optional.of(date.toInstant());
    }
    if (claim instanceof Number number) {
      return Optional.of(Instant.ofEpochSecond(number.longValue()));
    }
    return Optional.empty();
  }

  private static Map<String, String> asApiGatewayClaims(Map<String, Object> claims) {
    var rendered = new LinkedHashMap<String, String>();
    claims.forEach((name, value) -> {
      if (value == null) {
        return;
      }
      String text;
      if (value instanceof java.util.Date date) {
        text = Long.toString(date.toInstant().getEpochSecond());
      } else if (value instanceof List<?> list) {
        text = "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
      } else if (value instanceof Map<?, ?> map) {
        text = JSON.valueToTree(map).toString();
      } else {
        text = String.valueOf(value);
      }
      rendered.put(name, text);
    });
    return rendered;
  }

  private synchronized RSAKey key(String kid) {
    var now = clock.instant();
    if (keys == null || keysFetchedAt.plus(KEY_CACHE).isBefore(now) || keys.getKeyByKeyId(kid) == null) {
      keys = fetchKeys();
      keysFetchedAt = now;
    }
    var key = keys.getKeyByKeyId(kid);
    return key instanceof RSAKey rsa ? rsa : null;
  }

  private JWKSet fetchKeys() {
    var uri = URI.create(issuer + "/.well-known/jwks.json");
    try {
      var response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("the issuer's key set " + uri + " answered HTTP " + response.statusCode());
      }
      return JWKSet.parse(response.body());
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot read the issuer's key set " + uri + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching " + uri, e);
    }
  }
}
