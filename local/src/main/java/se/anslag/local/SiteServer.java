package se.anslag.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import se.anslag.cli.AnslagCli;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Serves the public site bucket on 127.0.0.1 as CloudFront serves it on AWS: only the site
 * bucket's objects, "index.html" for a path ending in "/".
 */
final class SiteServer implements AutoCloseable {
  private static final byte[] NOT_FOUND = """
      <!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Sidan finns inte</title></head>
      <body><main><h1>Sidan finns inte</h1><p><a href="/">Till anslagstavlorna</a></p></main></body></html>
      """.getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;

  private SiteServer(HttpServer server) {
    this.server = server;
  }

  static SiteServer start(S3Client s3, String bucket, int port) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (BindException inUse) {
      throw new AnslagCli.CommandFailure(1, "port " + port + " on 127.0.0.1 is in use; choose another with --port");
    }
    server.createContext("/", exchange -> serve(exchange, s3, bucket));
    server.start();
    return new SiteServer(server);
  }

  URI address() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private static void serve(HttpExchange exchange, S3Client s3, String bucket) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      var path = exchange.getRequestURI().getPath();
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

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
