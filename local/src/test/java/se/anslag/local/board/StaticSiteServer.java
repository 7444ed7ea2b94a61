package se.anslag.local.board;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves a folder over HTTP on 127.0.0.1 and a free port, the way the site bucket serves its objects: a path
 * ending in "/" gets that folder's index.html. GET only; nothing outside the folder.
 */
final class StaticSiteServer implements AutoCloseable {

  private final Path root;
  private final HttpServer server;

  StaticSiteServer(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL, ending in "/". */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      if (path.endsWith("/")) {
        path += "index.html";
      }
      Path file = root.resolve(path.substring(1)).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      exchange.getResponseHeaders().set("Content-Type", contentType(file.getFileName().toString()));
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String contentType(String fileName) {
    if (fileName.endsWith(".html")) {
      return "text/html; charset=utf-8";
    } else if (fileName.endsWith(".atom")) {
      return "application/atom+xml; charset=utf-8";
    } else if (fileName.endsWith(".json")) {
      return "application/json; charset=utf-8";
    }
    return "application/octet-stream";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
