package se.anslag.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import se.anslag.local.cloud.LocalCloud;
import se.anslag.local.cloud.LocalHttpApi;
import se.anslag.cli.AnslagCli;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Serves the site on 127.0.0.1 as SiteDistribution (CloudFront) serves it on AWS: the cache
 * behaviours whose origin is the HTTP API (the clerk desk: /desk/*, /api/*) go to the local HTTP
 * API, read from the template; everything else is the site bucket's objects, "index.html" for a
 * path ending in "/".
 */
final class SiteServer implements AutoCloseable {
  private static final String DISTRIBUTION = "SiteDistribution";
  private static final byte[] NOT_FOUND = """
      <!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Sidan finns inte</title></head>
      <body><main><h1>Sidan finns inte</h1><p><a href="/">Till anslagstavlorna</a></p></main></body></html>
      """.getBytes(StandardCharsets.UTF_8);

  /** The board's filter form, as the CloudFront Function matches it. */
  private static final Pattern FILTER_FORM = Pattern.compile("^(/[a-z0-9-]+)/sok/(index\\.html)?$");
  private static final Pattern CHOICE = Pattern.compile("^[a-z0-9-]{1,100}$");

  private final HttpServer server;

  private SiteServer(HttpServer server) {
    this.server = server;
  }

  /** Serves the site bucket, and the HTTP API where the distribution routes to it (api may be null). */
  static SiteServer start(LocalCloud cloud, LocalHttpApi api, int port) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (BindException inUse) {
      throw new AnslagCli.CommandFailure(1, "port " + port + " on 127.0.0.1 is in use; choose another with --port");
    }
    var apiPaths = api == null ? List.<Pattern>of() : apiPathPatterns(cloud, api.apiLogicalId());
    var s3 = cloud.s3();
    var bucket = cloud.physicalId("SiteBucket");
    server.createContext("/", exchange -> {
      var path = exchange.getRequestURI().getRawPath();
      if (apiPaths.stream().anyMatch(pattern -> pattern.matcher(path).matches())) {
        forward(exchange, api);
      } else {
        serve(exchange, s3, bucket);
      }
    });
    // A page load asks for its script and style at once, and the desk polls while it uploads.
    server.setExecutor(Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("site-", 0).factory()));
    server.start();
    return new SiteServer(server);
  }

  /** The distribution's cache behaviours whose target origin's domain names the API, as regexes. */
  private static List<Pattern> apiPathPatterns(LocalCloud cloud, String apiLogicalId) {
    JsonNode config = cloud.template().resource(DISTRIBUTION).property("DistributionConfig");
    var apiOrigins = new ArrayList<String>();
    for (JsonNode origin : config.path("Origins")) {
      if (origin.path("DomainName").toString().contains("${" + apiLogicalId + "}")) {
        apiOrigins.add(origin.path("Id").asText());
      }
    }
    var patterns = new ArrayList<Pattern>();
    for (JsonNode behaviour : config.path("CacheBehaviors")) {
      if (apiOrigins.contains(behaviour.path("TargetOriginId").asText())) {
        patterns.add(cloudFrontPattern(behaviour.path("PathPattern").asText()));
      }
    }
    return patterns;
  }

  /** CloudFront path patterns: '*' any characters, '?' one; a leading '/' is optional. */
  private static Pattern cloudFrontPattern(String pathPattern) {
    var regex = new StringBuilder("/?");
    for (char c : pathPattern.replaceFirst("^/", "").toCharArray()) {
      regex.append(switch (c) {
        case '*' -> ".*";
        case '?' -> ".";
        default -> Pattern.quote(String.valueOf(c));
      });
    }
    return Pattern.compile(regex.toString());
  }

  URI address() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private static void forward(HttpExchange exchange, LocalHttpApi api) throws IOException {
    try (exchange) {
      var headers = new LinkedHashMap<String, List<String>>();
      exchange.getRequestHeaders().forEach(headers::put);
      var response = api.handle(new LocalHttpApi.Request(exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers,
          exchange.getRequestBody().readAllBytes(), exchange.getRemoteAddress().getAddress().getHostAddress()));
      response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
      send(exchange, response.status(), response.body());
    }
  }

  private static void serve(HttpExchange exchange, S3Client s3, String bucket) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      var path = exchange.getRequestURI().getPath();
      var filterPage = filterPage(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery());
      if (filterPage.isPresent()) {
        exchange.getResponseHeaders().set("Location", filterPage.get());
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      var key = path.substring(1) + (path.endsWith("/") ? "index.html" : "");
      try {
        var object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        exchange.getResponseHeaders().set("Content-Type", object.response().contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        send(exchange, 200, object.asByteArray());
      } catch (NoSuchKeyException absent) {
        if (!path.endsWith("/") && !key.contains(".")) {
          // A notice address typed without its trailing slash.
          exchange.getResponseHeaders().set("Location", path + "/");
          exchange.sendResponseHeaders(301, -1);
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        send(exchange, 404, NOT_FOUND);
      }
    }
  }

  /**
   * Where the board's filter form leads, as SiteIndexFunction in template.yaml sends it (the same list of
   * cases tests both): {@code <board>/sok/?typ=&organ=&ar=} to {@code <board>/urval/<typ>/<organ>/<ar>/}, a
   * value that is not a slug or a year reading as "alla"; empty for every other address. Values are matched
   * undecoded, as the function sees them in {@code querystring}; the form never repeats a name (a repeated one
   * counts here with its last value).
   */
  static java.util.Optional<String> filterPage(String rawPath, String rawQuery) {
    var form = FILTER_FORM.matcher(rawPath);
    if (!form.matches()) {
      return java.util.Optional.empty();
    }
    var values = new java.util.HashMap<String, String>();
    for (var pair : (rawQuery == null ? "" : rawQuery).split("&")) {
      int equals = pair.indexOf('=');
      if (!pair.isEmpty()) {
        values.put(equals < 0 ? pair : pair.substring(0, equals), equals < 0 ? "" : pair.substring(equals + 1));
      }
    }
    var choice = new StringBuilder(form.group(1)).append("/urval/");
    for (var name : List.of("typ", "organ", "ar")) {
      var value = values.getOrDefault(name, "");
      choice.append(CHOICE.matcher(value).matches() ? value : "alla").append('/');
    }
    return java.util.Optional.of(choice.toString());
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

}
