package se.anslag.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import se.anslag.format.Json;

/**
 * The Node process that runs dynalite, aws-ses-v2-local and s3rver ({@code local/emulators/server.js}).
 * It reports its ports on its first stdout line, then one line per S3 ObjectCreated record, which go
 * to the given listener in the order node wrote them. It exits by itself when its stdin closes, so it
 * cannot outlive this JVM.
 */
final class EmulatorProcess implements AutoCloseable {

  record Ports(int dynamoDb, int ses, int s3) {}

  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final int STDERR_LINES_KEPT = 40;

  private final ObjectMapper json = Json.mapper();
  private final Process process;
  private final OutputStream stdin;
  private final CompletableFuture<Ports> ports = new CompletableFuture<>();
  private final Map<Long, CompletableFuture<Void>> pendingSyncs = new ConcurrentHashMap<>();
  private final AtomicLong nextSyncId = new AtomicLong();
  private final Deque<String> recentStderr = new ArrayDeque<>();
  private final Consumer<JsonNode> s3EventListener;
  private final PrintStream progress;
  private Thread stderrReader;

  private EmulatorProcess(Process process, Consumer<JsonNode> s3EventListener, PrintStream progress) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.s3EventListener = s3EventListener;
    this.progress = progress;
  }

  /**
   * Installs the Node packages if needed, starts {@code server.js} and waits for its ports.
   *
   * @param emulatorsDirectory the directory holding server.js, package.json and package-lock.json
   * @param s3Directory        where s3rver keeps its buckets
   */
  static EmulatorProcess start(Path emulatorsDirectory, Path s3Directory, Consumer<JsonNode> s3EventListener,
      PrintStream progress) {
    Path serverScript = emulatorsDirectory.resolve("server.js");
    if (!Files.isRegularFile(serverScript)) {
      throw new IllegalStateException("emulator script not found: " + serverScript);
    }
    installPackagesIfMissing(emulatorsDirectory, progress);
    Process process;
    try {
      process = new ProcessBuilder("node", serverScript.toString(), "--s3-dir", s3Directory.toString())
          .directory(emulatorsDirectory.toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Node emulators (is 'node' on the PATH?): "
          + e.getMessage(), e);
    }
    EmulatorProcess emulators = new EmulatorProcess(process, s3EventListener, progress);
    emulators.startReaders();
    emulators.awaitPorts();
    return emulators;
  }

  private static void installPackagesIfMissing(Path emulatorsDirectory, PrintStream progress) {
    // npm writes this file last when node_modules is complete; an older one predates the lockfile.
    var installed = emulatorsDirectory.resolve("node_modules/.package-lock.json");
    var lockfile = emulatorsDirectory.resolve("package-lock.json");
    try {
      if (Files.isRegularFile(installed) && (!Files.isRegularFile(lockfile)
          || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lockfile)) >= 0)) {
        return;
      }
    } catch (IOException unreadable) {
      // install again
    }
    progress.println("local cloud: installing the Node emulators (npm ci in " + emulatorsDirectory + ") ...");
    try {
      Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
          .directory(emulatorsDirectory.toFile())
          .redirectErrorStream(true)
          .start();
      npm.getOutputStream().close();
      Thread copier = Thread.ofVirtual().start(() -> copyLines(npm.getInputStream(), "npm: ", progress));
      if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm ci in " + emulatorsDirectory + " did not finish within "
            + INSTALL_TIMEOUT.toMinutes() + " minutes");
      }
      copier.join(Duration.ofSeconds(5));
      if (npm.exitValue() != 0) {
        throw new IllegalStateException("npm ci in " + emulatorsDirectory + " failed with exit code "
            + npm.exitValue() + " (see the npm lines above)");
      }
      progress.println("local cloud: Node emulators installed");
    } catch (IOException e) {
      throw new IllegalStateException("cannot run npm (is it on the PATH?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing the Node emulators", e);
    }
  }

  private static void copyLines(InputStream input, String prefix, PrintStream progress) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        progress.println(prefix + line);
      }
    } catch (IOException e) {
      progress.println(prefix + "(output lost: " + e.getMessage() + ")");
    }
  }

  private void startReaders() {
    Thread.ofPlatform().daemon().name("emulators-stdout").start(this::readStdout);
    stderrReader = Thread.ofPlatform().daemon().name("emulators-stderr").start(this::readStderr);
  }

  private void readStdout() {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        handleLine(line);
      }
    } catch (IOException e) {
      // The stream closes when the process ends; nothing more will come.
    } finally {
      ports.completeExceptionally(new IllegalStateException("the emulator process ended"));
      pendingSyncs.values().forEach(f -> f.completeExceptionally(
          new IllegalStateException("the emulator process ended")));
    }
  }

  private void handleLine(String line) {
    JsonNode message;
    try {
      message = json.readTree(line);
    } catch (IOException e) {
      progress.println("emulators: " + line);
      return;
    }
    if (message.has("s3event")) {
      try {
        s3EventListener.accept(message.get("s3event"));
      } catch (RuntimeException e) {
        progress.println("local cloud: could not route S3 event " + line + ": " + e);
      }
    } else if (message.has("sync")) {
      CompletableFuture<Void> waiting = pendingSyncs.remove(message.get("sync").asLong());
      if (waiting != null) {
        waiting.complete(null);
      }
    } else if (message.has("dynamodb")) {
      ports.complete(new Ports(message.get("dynamodb").asInt(), message.get("ses").asInt(),
          message.get("s3").asInt()));
    } else {
      progress.println("emulators: " + line);
    }
  }

  private void readStderr() {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (recentStderr) {
          recentStderr.addLast(line);
          if (recentStderr.size() > STDERR_LINES_KEPT) {
            recentStderr.removeFirst();
          }
        }
        progress.println("emulators: " + line);
      }
    } catch (IOException e) {
      // process ended
    }
  }

  private void awaitPorts() {
    try {
      ports.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      String why = e instanceof TimeoutException
          ? "did not report its ports within " + START_TIMEOUT.toSeconds() + " s"
          : "exited before reporting its ports" + exitCodeText();
      close();
      throw new IllegalStateException("the Node emulators (dynalite, aws-ses-v2-local, s3rver) " + why
          + lastStderr(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting the Node emulators", e);
    }
  }

  private String exitCodeText() {
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        return "";
      }
      stderrReader.join(Duration.ofSeconds(2)); // so that its last words are in the message
      return " (exit code " + process.exitValue() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private String lastStderr() {
    synchronized (recentStderr) {
      return recentStderr.isEmpty() ? "" : "; its last error output:\n  " + String.join("\n  ", recentStderr);
    }
  }

  Ports ports() {
    return ports.join();
  }

  long pid() {
    return process.pid();
  }

  /**
   * Returns once every S3 event that node emitted before this call has gone through the listener.
   * node writes an event line before it answers the PUT, and answers this request after that line.
   */
  void awaitEventsDelivered() {
    request("sync");
  }

  /** Stops the SES emulator (connections to its port are refused) until {@link #startSes()}; the mail it has stays. */
  void stopSes() {
    request("stop-ses");
  }

  /** Starts the SES emulator again on the same port. */
  void startSes() {
    request("start-ses");
  }

  /** Sends "{command} {id}" to node and waits for its {"sync": id}, written once the command is done. */
  private void request(String command) {
    long id = nextSyncId.incrementAndGet();
    CompletableFuture<Void> answered = new CompletableFuture<>();
    pendingSyncs.put(id, answered);
    try {
      synchronized (stdin) {
        stdin.write((command + " " + id + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
      }
      answered.get(SYNC_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException("the emulator process does not listen any more", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the emulator process did not answer '" + command + "'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the emulators to answer '" + command + "'", e);
    } finally {
      pendingSyncs.remove(id);
    }
  }

  @Override
  public void close() {
    stop(process);
  }

  /**
   * Stops an emulator process of this package: closing its stdin ends it (the scripts exit then), a
   * SIGTERM follows, and a kill when it has not ended within five seconds.
   */
  static void stop(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already closed
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
