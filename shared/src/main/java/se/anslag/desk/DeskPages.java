package se.anslag.desk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The desk's page, script and style, read once from the class path. The page holds no data and no
 * inline script or style, so its Content-Security-Policy can forbid both; the script fetches what
 * the clerk sees with the token and writes it as text, never as markup.
 */
public final class DeskPages {
  /** A file of the desk and the Cache-Control it is served with. */
  public record Page(byte[] content, String contentType, String cacheControl) {}

  private static final Map<String, String> TYPES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "desk.js", "text/javascript; charset=utf-8",
      "desk.css", "text/css; charset=utf-8");

  private final Map<String, Page> pages;

  public DeskPages() {
    var loaded = new java.util.HashMap<String, Page>();
    TYPES.forEach((name, type) -> loaded.put(name, new Page(read(name), type,
        // The page is re-validated so that a new deployment's script is taken at once.
        name.endsWith(".html") ? "no-cache" : "public, max-age=300")));
    this.pages = Map.copyOf(loaded);
  }

  public Optional<Page> page(String name) {
    return Optional.ofNullable(pages.get(name));
  }

  private static byte[] read(String name) {
    try (InputStream in = DeskPages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("desk file " + name + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read desk file " + name, e);
    }
  }
}
