package se.anslag.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on 127.0.0.1 in front of one emulator, for tests that need the network to fail
 * the way it does: it forwards each request as is (one request per connection) and can
 * <ul>
 *   <li>drop the answer to a request after the emulator handled it (the client sees the connection
 *       closed, and cannot know whether the request took effect),
 *   <li>answer a request the emulator handled with an HTTP 500 instead of its answer (the service
 *       failed after it acted, which the client cannot tell from a failure before),
 *   <li>hold an answer back while something else happens (an event that overtakes the answer), or
 *   <li>refuse connections for a while (its port closed, so the client's connect fails at once and
 *       nothing reaches the emulator),
 *   <li>refuse the requests a rule picks with the service's answer to overload, without forwarding them, or
 *   <li>show every answer to an observer before the client gets it, which may have it dropped.
 * </ul>
 * Used by the integration tests and by the load benchmark.
 */
final class FaultInjectingProxy implements AutoCloseable {
  private final URI upstream;
  private final int port;
  private final List<Socket> open = new ArrayList<>();
  private final AtomicInteger forwarded = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private ServerSocket server;
  private Thread acceptor;
  private volatile FaultRule faultRule;
  private final List<Exchange> exchanges = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean keepsExchanges = true;
  private volatile java.util.function.Predicate<String> refusedWhere = request -> false;
  private volatile byte[] refusal;
  private final AtomicInteger refused = new AtomicInteger();
  private final java.util.concurrent.atomic.LongAdder processorNanos = new java.util.concurrent.atomic.LongAdder();
  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
  private volatile java.util.function.Function<Exchange, AnswerAction> observer = exchange -> AnswerAction.PASS;

  /** What becomes of an answer the observer saw: it reaches the client, or the connection is reset. */
  enum AnswerAction { PASS, DROP }

  /** A request the emulator handled and the answer it gave, whether or not the client got it. */
  record Exchange(byte[] request, byte[] answer, boolean dropped) {
    /** The request's body, after the HTTP head. */
    String requestBody() {
      return bodyOf(request);
    }

    /** The raw mail of an SESv2 SendEmail request, decoded from its JSON body (Content.Raw.Data). */
    String sesRawMail() {
      try {
        var data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(requestBody())
            .path("Content").path("Raw").path("Data").asText();
        return new String(java.util.Base64.getDecoder().decode(data), StandardCharsets.US_ASCII);
      } catch (IOException unreadable) {
        throw new IllegalStateException("not an SESv2 SendEmail request: " + requestBody(), unreadable);
      }
    }

    /** The answer's body, after the HTTP head. */
    String answerBody() {
      return bodyOf(answer);
    }

    private static String bodyOf(byte[] message) {
      var text = new String(message, StandardCharsets.UTF_8);
      var head = text.indexOf("\r\n\r\n");
      return head < 0 ? "" : text.substring(head + 4);
    }
  }

  /** What the client gets instead of the emulator's answer, or (DELAYED_ANSWER) after the rule ran. */
  private enum Fault { DROPPED_ANSWER, SERVER_ERROR, DELAYED_ANSWER }

  /** A fault for the next request whose bytes contain {@code needle}; {@code onFault} runs before the client sees it. */
  private record FaultRule(String needle, Fault fault, Runnable onFault) {}

  /** What SES says when a caller exceeds its sending rate: status 429, before it takes the mail. */
  static final byte[] SES_THROTTLED = ("HTTP/1.1 429 Too Many Requests\r\n"
      + "Content-Type: application/json\r\nx-amzn-ErrorType: TooManyRequestsException\r\nContent-Length: 41\r\n"
      + "Connection: close\r\n\r\n{\"message\":\"Maximum sending rate exceeded\"}").getBytes(StandardCharsets.US_ASCII);

  /** What S3 says when it sheds load: status 503 SlowDown, before it acts. */
  static final byte[] S3_SLOW_DOWN;

  static {
    var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
        + "<Message>Please reduce your request rate.</Message></Error>";
    S3_SLOW_DOWN = ("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + body.length()
        + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
  }

  /** What a service says when it failed inside: an AWS JSON error with status 500. */
  private static final byte[] SERVER_ERROR_ANSWER = ("HTTP/1.1 500 Internal Server Error\r\n"
      + "Content-Type: application/json\r\nx-amzn-ErrorType: InternalFailure\r\nContent-Length: 42\r\n"
      + "Connection: close\r\n\r\n{\"message\":\"An internal failure occurred\"}").getBytes(StandardCharsets.US_ASCII);

  FaultInjectingProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = listen(0);
    this.port = server.getLocalPort();
    startAccepting();
  }

  /** A proxy between the decision mailer and the SES emulator: the mailer's SES endpoint points at it. */
  static FaultInjectingProxy inFrontOfSes(LocalWorkflow workflow) throws IOException {
    var mailer = "DecisionMailerFunction";
    var proxy = new FaultInjectingProxy(URI.create(workflow.cloud().environmentOf(mailer).get("AWS_ENDPOINT_URL_SESV2")));
    workflow.lambda().withEnvironment(mailer, java.util.Map.of("AWS_ENDPOINT_URL_SESV2", proxy.endpoint().toString()));
    return proxy;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Keeps no exchanges from now on: a long run would hold every request in memory. Returns this. */
  FaultInjectingProxy forgettingExchanges() {
    keepsExchanges = false;
    exchanges.clear();
    return this;
  }

  /**
   * Requests (their bytes as text) for which {@code rule} holds get {@code answer} ({@link #SES_THROTTLED},
   * {@link #S3_SLOW_DOWN}) and never reach the emulator.
   */
  synchronized void refuseRequestsWhere(java.util.function.Predicate<String> rule, byte[] answer) {
    refusal = answer;
    refusedWhere = rule;
  }

  /** Processor time the proxy's connections took in this JVM so far (forwarding, and what its observer did). */
  long processorNanos() {
    return processorNanos.sum();
  }

  /** Requests answered with a refusal instead of being forwarded. */
  int refused() {
    return refused.get();
  }

  /**
   * Every answer the emulator gives (but those a fault rule took) goes to {@code newObserver} before
   * the client gets it; a DROP resets the client's connection instead, and counts as {@link #dropped}.
   */
  void observeAnswers(java.util.function.Function<Exchange, AnswerAction> newObserver) {
    observer = newObserver;
  }

  /** Requests that reached the emulator through this proxy. */
  int forwarded() {
    return forwarded.get();
  }

  /** Every request the emulator handled through this proxy, in order, with its answer. */
  List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** Answers dropped, or replaced by a server error, after the emulator handled the request. */
  int dropped() {
    return dropped.get();
  }

  /**
   * The next request containing {@code needle} reaches the emulator, but its answer is dropped;
   * {@code onDrop} runs before the client's connection closes, so the client sees its effect.
   */
  synchronized void dropAnswerToNextRequestContaining(String needle, Runnable onDrop) {
    faultRule = new FaultRule(needle, Fault.DROPPED_ANSWER, onDrop);
  }

  /**
   * The next request containing {@code needle} reaches the emulator, which acts on it, but the client
   * gets an HTTP 500 instead of its answer; {@code onError} runs before that.
   */
  synchronized void answerServerErrorToNextRequestContaining(String needle, Runnable onError) {
    faultRule = new FaultRule(needle, Fault.SERVER_ERROR, onError);
  }

  /**
   * The next request containing {@code needle} reaches the emulator and its answer reaches the
   * client, but only after {@code meanwhile} has run: what happens elsewhere while the client waits.
   */
  synchronized void holdAnswerToNextRequestContaining(String needle, Runnable meanwhile) {
    faultRule = new FaultRule(needle, Fault.DELAYED_ANSWER, meanwhile);
  }

  /** Closes the port: connections are refused until {@link #acceptConnections()}. */
  synchronized void refuseConnections() throws IOException {
    if (server != null) {
      server.close();
      server = null;
      joinAcceptor();
    }
  }

  /** Opens the same port again. */
  synchronized void acceptConnections() throws IOException {
    if (server == null) {
      server = listen(port);
      startAccepting();
    }
  }

  private static ServerSocket listen(int port) throws IOException {
    var socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }

  private void startAccepting() {
    var listening = server;
    acceptor = Thread.ofVirtual().name("fault-proxy-" + port).start(() -> {
      while (!listening.isClosed()) {
        try {
          var client = listening.accept();
          synchronized (open) {
            open.add(client);
          }
          // Platform threads, whose processor time can be read: a benchmark leaves the proxy's own out.
          Thread.ofPlatform().daemon(true).name("fault-proxy-connection").start(() -> {
            try {
              serve(client);
            } finally {
              processorNanos.add(Math.max(0, THREADS.getCurrentThreadCpuTime()));
            }
          });
        } catch (IOException closed) {
          return;
        }
      }
    });
  }

  private void joinAcceptor() {
    try {
      acceptor.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(Socket client) {
    try (client) {
      var request = readRequest(client.getInputStream());
      if (request == null) {
        return;
      }
      var requestText = new String(request, StandardCharsets.UTF_8);
      if (refusedWhere.test(requestText)) {
        refused.incrementAndGet();
        client.getOutputStream().write(refusal);
        client.getOutputStream().flush();
        return;
      }
      byte[] answer;
      try (var emulator = new Socket(upstream.getHost(), upstream.getPort())) {
        emulator.getOutputStream().write(request);
        emulator.getOutputStream().flush();
        answer = emulator.getInputStream().readAllBytes(); // "Connection: close": the emulator ends it
      }
      forwarded.incrementAndGet();
      var rule = takeFaultRule(requestText);
      var faulty = rule != null && rule.fault() != Fault.DELAYED_ANSWER;
      var exchange = new Exchange(request, answer, faulty);
      if (keepsExchanges) {
        exchanges.add(exchange);
      }
      if (rule != null) {
        rule.onFault().run();
      }
      if (!faulty && observer.apply(exchange) == AnswerAction.DROP) {
        dropped.incrementAndGet();
        client.setSoLinger(true, 0);
        return;
      }
      if (faulty) {
        dropped.incrementAndGet();
        if (rule.fault() == Fault.DROPPED_ANSWER) {
          client.setSoLinger(true, 0); // a reset, as when a connection dies
          return;
        }
        answer = SERVER_ERROR_ANSWER;
      }
      client.getOutputStream().write(answer);
      client.getOutputStream().flush();
    } catch (IOException broken) {
      // The client went away: nothing to answer.
    } finally {
      synchronized (open) {
        open.remove(client);
      }
    }
  }

  private synchronized FaultRule takeFaultRule(String request) {
    var rule = faultRule;
    if (rule != null && request.contains(rule.needle())) {
      faultRule = null;
      return rule;
    }
    return null;
  }

  /** One request, with "Connection: close" so that each connection carries exactly one. */
  private static byte[] readRequest(InputStream in) throws IOException {
    var head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    var lines = new ArrayList<>(List.of(head.toString(StandardCharsets.ISO_8859_1).split("\r\n")));
    long length = 0;
    var rewritten = new StringBuilder(lines.getFirst()).append("\r\n");
    for (var line : lines.subList(1, lines.size())) {
      var lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("transfer-encoding:")) {
        throw new SocketException("chunked requests are not supported by this proxy");
      }
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
      }
      if (!lower.startsWith("connection:") && !line.isEmpty()) {
        rewritten.append(line).append("\r\n");
      }
    }
    rewritten.append("Connection: close\r\n\r\n");
    var out = new ByteArrayOutputStream();
    out.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(in.readNBytes((int) length));
    return out.toByteArray();
  }

  @Override
  public synchronized void close() throws IOException {
    if (server != null) {
      server.close();
      server = null;
      joinAcceptor();
    }
    synchronized (open) {
      for (var socket : open) {
        socket.close();
      }
    }
  }
}
