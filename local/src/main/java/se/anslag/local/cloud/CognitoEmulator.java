package se.anslag.local.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * cognito-local ({@code local/emulators/cognito.js}) in a Node process of its own, in a temporary
 * working directory (where it keeps its pools) and on a free port of 127.0.0.1. The port is chosen
 * here because cognito-local builds its tokens' issuer from it when it starts; the issuer is then
 * {@code http://127.0.0.1:<port>/<poolId>}. The process exits by itself when its stdin closes, so it
 * cannot outlive this JVM; {@link #close()} also removes the directory.
 */
final class CognitoEmulator implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path directory;
  private final int port;

  private CognitoEmulator(Process process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.port = port;
  }

  static CognitoEmulator start(Path emulatorsDirectory, PrintStream progress) {
    Path script = emulatorsDirectory.resolve("cognito.js");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("emulator script not found: " + script);
    }
    Path directory;
    try {
      directory = Files.createTempDirectory("anslag-cognito-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the Cognito emulator", e);
    }
    int port = freePort();
    Process process;
    try {
      process = new ProcessBuilder("node", script.toString(), "--dir", directory.toString(),
          "--port", Integer.toString(port))
          .directory(emulatorsDirectory.toFile())
          .start();
    } catch (IOException e) {
      deleteRecursively(directory);
      throw new IllegalStateException("cannot start the Cognito emulator (is 'node' on the PATH?): " + e.getMessage(), e);
    }
    var emulator = new CognitoEmulator(process, directory, port);
    var ready = new CompletableFuture<Integer>();
    var json = new ObjectMapper();
    Thread.ofPlatform().daemon().name("cognito-stdout").start(() -> {
      try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          try {
            var message = json.readTree(line);
            if (message.has("cognito")) {
              ready.complete(message.get("cognito").asInt());
              continue;
            }
          } catch (IOException notJson) {
            // fall through: print it
          }
          progress.println("cognito: " + line);
        }
      } catch (IOException ended) {
        // the process ended
      } finally {
        ready.completeExceptionally(new IllegalStateException("the Cognito emulator ended"));
      }
    });
    Thread.ofPlatform().daemon().name("cognito-stderr").start(() -> {
      try (var reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          progress.println("cognito: " + line);
        }
      } catch (IOException ended) {
        // the process ended
      }
    });
    try {
      ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return emulator;
    } catch (TimeoutException | ExecutionException e) {
      emulator.close();
      throw new IllegalStateException("the Cognito emulator (cognito-local) did not start: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      emulator.close();
      throw new IllegalStateException("interrupted while starting the Cognito emulator", e);
    }
  }

  /** A port nothing listens on now; the emulator takes it a moment later. */
  private static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port for the Cognito emulator", e);
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    EmulatorProcess.stop(process);
    deleteRecursively(directory);
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
