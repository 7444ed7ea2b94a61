package se.anslag.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An API Gateway HTTP API of the template ({@code AWS::Serverless::HttpApi}) on this machine: the
 * routes that the functions' HttpApi events declare, each behind the API's JWT authorizer unless it
 * says {@code Authorizer: NONE} (or the API has no default), and the Lambda proxy integration with
 * payload format 2.0: the request becomes the event JSON that API Gateway sends (decoded by the
 * Java runtime's own serializers in {@link LocalLambda}) and the function's answer the HTTP
 * response, as API Gateway reads it.
 *
 * <p>Local deviations: the authorizer's issuer is the Cognito emulator's ({@link
 * LocalCloud#localIssuerFor}); no throttling; one stage, {@code $default}.
 */
public final class LocalHttpApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /** A request as it reached the API: path without the query, raw query, headers, body bytes. */
  public record Request(String method, String path, String rawQuery, Map<String, List<String>> headers,
      byte[] body, String sourceIp) {}

  /** The response API Gateway gives: status, headers (Set-Cookie may repeat), body bytes. */
  public record Response(int status, Map<String, List<String>> headers, byte[] body) {}

  private record Route(SamTemplate.HttpApiEvent event, String functionLogicalId, List<String> segments,
      boolean authorized) {}

  private final LocalCloud cloud;
  private final LocalLambda lambda;
  private final String apiLogicalId;
  private final String apiId;
  private final PrintStream progress;
  private final List<Route> routes = new ArrayList<>();
  private final LocalJwtAuthorizer authorizer;
  private final String identitySource;

  /**
   * @param authorizerClock the time the authorizer checks expiry against: Cognito's, the real one,
   *     even when the functions run on a demo's shifted clock
   */
  public LocalHttpApi(LocalCloud cloud, LocalLambda lambda, String apiLogicalId, Clock authorizerClock,
      PrintStream progress) {
    this.cloud = cloud;
    this.lambda = lambda;
    this.apiLogicalId = apiLogicalId;
    this.apiId = cloud.physicalId(apiLogicalId).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    this.progress = progress;
    var template = cloud.template();
    var api = template.resource(apiLogicalId);
    if (!api.type().equals("AWS::Serverless::HttpApi")) {
      throw new IllegalArgumentException(apiLogicalId + " is a " + api.type() + ", not an AWS::Serverless::HttpApi");
    }
    var auth = api.property("Auth");
    var defaultAuthorizer = auth.path("DefaultAuthorizer").asText(null);
    LocalJwtAuthorizer jwt = null;
    String source = null;
    if (defaultAuthorizer != null) {
      var declared = auth.path("Authorizers").path(defaultAuthorizer);
      var configuration = cloud.resolve(declared.path("JwtConfiguration"));
      if (configuration.isMissingNode()) {
        throw new IllegalArgumentException(apiLogicalId + ": the local mode knows JWT authorizers only; "
            + defaultAuthorizer + " has no JwtConfiguration");
      }
      var audiences = new ArrayList<String>();
      configuration.path("audience").forEach(audience -> audiences.add(audience.asText()));
      jwt = new LocalJwtAuthorizer(cloud.localIssuerFor(configuration.path("issuer").asText()), audiences,
          authorizerClock);
      source = declared.path("IdentitySource").asText("$request.header.Authorization");
    }
    this.authorizer = jwt;
    this.identitySource = source;
    for (var function : template.functions().values()) {
      for (var event : function.httpApiEvents()) {
        if (event.apiLogicalId().orElse("").equals(apiLogicalId)) {
          var open = event.authorizer().map("NONE"::equals).orElse(false);
          if (event.authorizer().isPresent() && !open && !event.authorizer().get().equals(defaultAuthorizer)) {
            throw new IllegalArgumentException("route " + event.routeKey() + " names authorizer "
                + event.authorizer().get() + ", which the local mode does not have");
          }
          routes.add(new Route(event, function.logicalId(), segments(event.path()), authorizer != null && !open));
        }
      }
    }
    progress.println("local api: " + apiLogicalId + " with " + routes.size() + " route(s)"
        + (authorizer == null ? "" : ", JWT authorizer for issuer " + authorizer.issuer()));
  }

  public String apiLogicalId() {
    return apiLogicalId;
  }

  private static List<String> segments(String path) {
    return List.of(path.replaceAll("^/+", "").split("/", -1));
  }

  /** Routes a request as API Gateway would and answers it. */
  public Response handle(Request request) {
    var match = match(request.method(), request.path());
    if (match.isEmpty()) {
      return json(404, "{\"message\":\"Not Found\"}", Map.of());
    }
    var route = match.get().route();
    Map<String, String> claims = null;
    if (route.authorized()) {
      var decision = authorizer.authorize(header(request, identityHeader()), List.of());
      if (!decision.allowed()) {
        progress.println("local api: 401 for " + request.method() + " " + request.path() + ": " + decision.refusal());
        return json(401, "{\"message\":\"Unauthorized\"}", Map.of("www-authenticate",
            "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + decision.refusal() + "\""));
      }
      claims = decision.claims().orElseThrow();
    }
    var event = event(request, route, match.get().pathParameters(), claims);
    JsonNode answer;
    try {
      answer = lambda.invoke(route.functionLogicalId(), event.toString().getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException failure) {
      progress.println("[" + route.functionLogicalId() + "] " + route.event().routeKey() + " failed: " + failure);
      return json(500, "{\"message\":\"Internal Server Error\"}", Map.of());
    }
    return response(answer);
  }

  private String identityHeader() {
    var prefix = "$request.header.";
    if (identitySource == null || !identitySource.startsWith(prefix)) {
      throw new IllegalStateException("the local mode reads the token from a header, not " + identitySource);
    }
    return identitySource.substring(prefix.length());
  }

  private static String header(Request request, String name) {
    return request.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
  }

  private record Match(Route route, Map<String, String> pathParameters) {}

  /** The most specific route: literal segments beat variables, a greedy variable matches the rest. */
  private Optional<Match> match(String method, String path) {
    var requested = segments(path);
    Match best = null;
    int bestLiterals = -1;
    for (var route : routes) {
      var routeMethod = route.event().method();
      if (!routeMethod.equals(method) && !routeMethod.equals("ANY")) {
        continue;
      }
      var parameters = new LinkedHashMap<String, String>();
      var literals = matchSegments(route.segments(), requested, parameters);
      if (literals > bestLiterals) {
        best = new Match(route, parameters);
        bestLiterals = literals;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The number of literal segments matched, or -1 when the route does not match. */
  private static int matchSegments(List<String> template, List<String> requested, Map<String, String> parameters) {
    int literals = 0;
    for (int i = 0; i < template.size(); i++) {
      var part = template.get(i);
      if (part.startsWith("{") && part.endsWith("+}")) {
        if (i >= requested.size() || String.join("/", requested.subList(i, requested.size())).isEmpty()) {
          return -1;
        }
        parameters.put(part.substring(1, part.length() - 2), String.join("/", requested.subList(i, requested.size())));
        return literals;
      }
      if (i >= requested.size()) {
        return -1;
      }
      if (part.startsWith("{") && part.endsWith("}")) {
        var value = URLDecoder.decode(requested.get(i), StandardCharsets.UTF_8);
        if (value.isEmpty()) {
          return -1;
        }
        parameters.put(part.substring(1, part.length() - 1), value);
      } else if (part.equals(requested.get(i))) {
        literals++;
      } else {
        return -1;
      }
    }
    return template.size() == requested.size() ? literals : -1;
  }

  /** The payload format 2.0 event (docs: "Working with AWS Lambda proxy integrations for HTTP APIs"). */
  private ObjectNode event(Request request, Route route, Map<String, String> pathParameters, Map<String, String> claims) {
    var event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", route.event().routeKey());
    event.put("rawPath", request.path());
    event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
    var headers = event.putObject("headers");
    List<String> cookies = new ArrayList<>();
    request.headers().forEach((name, values) -> {
      var lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("cookie")) {
        values.forEach(value -> List.of(value.split(";")).forEach(c -> cookies.add(c.strip())));
      } else {
        headers.put(lower, String.join(",", values));
      }
    });
    if (!cookies.isEmpty()) {
      var array = event.putArray("cookies");
      cookies.forEach(array::add);
    }
    var query = query(request.rawQuery());
    if (!query.isEmpty()) {
      var parameters = event.putObject("queryStringParameters");
      query.forEach(parameters::put);
    }
    if (!pathParameters.isEmpty()) {
      var parameters = event.putObject("pathParameters");
      pathParameters.forEach(parameters::put);
    }
    var context = event.putObject("requestContext");
    context.put("accountId", Intrinsics.ACCOUNT_ID);
    context.put("apiId", apiId);
    if (claims != null) {
      var jwt = context.putObject("authorizer").putObject("jwt");
      var claimNode = jwt.putObject("claims");
      claims.forEach(claimNode::put);
      jwt.putNull("scopes"); // no route here has authorization scopes
    }
    var host = header(request, "host");
    context.put("domainName", host == null ? apiId + ".execute-api." + Intrinsics.REGION + ".amazonaws.com" : host);
    context.put("domainPrefix", apiId);
    var http = context.putObject("http");
    http.put("method", request.method());
    http.put("path", request.path());
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", request.sourceIp());
    var userAgent = header(request, "user-agent");
    http.put("userAgent", userAgent == null ? "" : userAgent);
    context.put("requestId", UUID.randomUUID().toString());
    context.put("routeKey", route.event().routeKey());
    context.put("stage", "$default");
    var now = Clock.systemUTC().instant();
    context.put("time", REQUEST_TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());
    if (request.body().length > 0) {
      var contentType = header(request, "content-type");
      boolean text = contentType != null && (contentType.startsWith("text/") || contentType.contains("json")
          || contentType.contains("xml") || contentType.startsWith("application/x-www-form-urlencoded"));
      event.put("body", text ? new String(request.body(), StandardCharsets.UTF_8)
          : Base64.getEncoder().encodeToString(request.body()));
      event.put("isBase64Encoded", !text);
    } else {
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  /** Repeated parameters are joined with commas, as API Gateway does. */
  private static Map<String, String> query(String raw) {
    var parameters = new LinkedHashMap<String, String>();
    if (raw == null || raw.isEmpty()) {
      return parameters;
    }
    for (var pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      var name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      var value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.merge(name, value, (a, b) -> a + "," + b);
    }
    return parameters;
  }

  /**
   * The function's answer as API Gateway reads a payload 2.0 response: an object with statusCode
   * is the response; anything else is a 200 with the answer as its JSON body.
   */
  private static Response response(JsonNode answer) {
    if (!answer.isObject() || !answer.has("statusCode")) {
      var body = answer.isMissingNode() ? "" : answer.isTextual() ? answer.asText() : answer.toString();
      return json(200, body, Map.of());
    }
    var headers = new LinkedHashMap<String, List<String>>();
    answer.path("headers").properties().forEach(e -> headers.put(e.getKey(), List.of(e.getValue().asText())));
    answer.path("multiValueHeaders").properties().forEach(e -> {
      var values = new ArrayList<String>();
      e.getValue().forEach(v -> values.add(v.asText()));
      headers.put(e.getKey(), values);
    });
    var cookies = new ArrayList<String>();
    answer.path("cookies").forEach(c -> cookies.add(c.asText()));
    if (!cookies.isEmpty()) {
      headers.put("Set-Cookie", cookies);
    }
    var bodyText = answer.path("body").isNull() ? "" : answer.path("body").asText("");
    var body = answer.path("isBase64Encoded").asBoolean(false)
        ? Base64.getDecoder().decode(bodyText)
        : bodyText.getBytes(StandardCharsets.UTF_8);
    return new Response(answer.path("statusCode").asInt(), headers, body);
  }

  private static Response json(int status, String body, Map<String, String> extra) {
    var headers = new LinkedHashMap<String, List<String>>();
    headers.put("Content-Type", List.of("application/json"));
    extra.forEach((name, value) -> headers.put(name, List.of(value)));
    return new Response(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }
}
