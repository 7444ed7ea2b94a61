package se.anslag.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import se.anslag.cli.ProjectRoot;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.SwedishTime;
import se.anslag.local.cloud.LocalLambda;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole system under load and faults on the local cloud: a generated setup and many sets of
 * minutes uploaded together, the queues drained while faults are injected at random but
 * reproducibly from a seed, then the outcome checked against what the generation implies. Used by
 * `./anslag benchmark load` (with figures) and by LoadUnderFaultsIT (a small configuration).
 *
 * <p>The faults, from the seed: a refusal or a second delivery by the seed and the identity of what it
 * hits (a send-out and its attempt, a message's body), so that a seed hits the same things however the
 * run is timed; the kill, the outage and the board's failure at a count of mails or writes it chooses:
 * <ul>
 *   <li>SES refuses a share of SendEmail calls with its throttling answer (429), before it takes the mail;
 *   <li>every event-source queue delivers a share of the messages a second time after they were handled;
 *   <li>one mailer invocation is killed after SES accepted one of its mails and before the outcome was
 *       written: nothing it sends after that reaches any service, its batch stays, and the claim is
 *       taken over once stale (the clock is moved on by the claim's life, the two minutes on AWS);
 *   <li>the SES emulator is stopped once and started again a few seconds later;
 *   <li>one board render fails: S3 refuses its writes (503 SlowDown) from one of them on, after others
 *       succeeded; the run fails, and the message comes back.
 * </ul>
 * SES's Send and Delivery events, which the emulator does not publish, are put on the
 * DeliveryEventsQueue for every accepted mail by the proxy in front of SES, as SNS would.
 */
final class LoadRun {
  static final String MAILER = "DecisionMailerFunction";
  static final String BOARD = "NoticeBoardFunction";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SEND_OUT_HEADER = Pattern.compile("(?m)^X-Anslag-Send-Out:[ \\t]*(\\S+)\\s*$");
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z?");
  private static final Duration SES_OUTAGE = Duration.ofSeconds(3);

  /**
   * @param parallelism MailerParallelism
   * @param sesRefusedShare share of SendEmail calls refused with a 429
   * @param redeliveredShare share of each queue's messages delivered a second time
   */
  record Config(long seed, int boards, int organs, int minutes, int maxParagraphs, int maxLines, int parallelism,
      double sesRefusedShare, double redeliveredShare, Duration timeout) {
    /** The benchmark's: 100 sets of minutes of 20 organs on 10 boards, several thousand send-outs. */
    static Config benchmark(long seed) {
      return new Config(seed, 10, 20, 100, 60, 15, 5, 0.10, 0.10, Duration.ofMinutes(30));
    }

    /** The integration test's: the same setup and faults, a few sets of minutes, a few hundred send-outs. */
    static Config ci(long seed) {
      return new Config(seed, 10, 20, 6, 20, 15, 5, 0.10, 0.10, Duration.ofMinutes(5));
    }
  }

  /** A fault: how often it was injected; each was survived when the run has no problems. */
  record Fault(String name, int injected) {}

  /** What the run found: the problems (empty when nothing was lost, doubled or wrong) and the figures. */
  record Result(LoadScenario scenario, List<String> problems, List<Fault> faults, long sendOuts, long mails,
      long lost, long doubled, double drainSeconds, double uploadToLastMailSeconds, Map<String, Long> requests,
      long jvmCpuNanos, Map<String, Long> jvmCpuByThreadGroup, Map<String, Long> jvmCpuByFunction, long jvmPeakKib, Map<Long, Long> emulatorPeakKib,
      int invocations) {}

  private final Config config;
  private final PrintStream progress;
  private final LoadScenario scenario;
  private final Map<String, AtomicInteger> redelivered = new ConcurrentHashMap<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicLong lastAcceptedNanos = new AtomicLong();
  private final AtomicBoolean killed = new AtomicBoolean();
  private final AtomicBoolean boardFailed = new AtomicBoolean();
  private final AtomicInteger boardWrites = new AtomicInteger();
  private final int killAtMail;
  private final int stopSesAtMail;
  private final int failBoardAtWrite;
  private LocalWorkflow workflow;
  private FaultInjectingProxy sesProxy;
  private final Map<String, FaultInjectingProxy> s3Proxies = new LinkedHashMap<>();
  private volatile LocalLambda.Invocation failingBoardRun;
  private boolean clockMoved;
  private long sesStoppedAt;
  private boolean sesStopped;
  private boolean sesRestarted;

  LoadRun(Config config, PrintStream progress) {
    this.config = config;
    this.progress = progress;
    this.scenario = LoadScenario.generate(config.seed(), config.boards(), config.organs(), config.minutes(),
        config.maxParagraphs(), config.maxLines());
    var random = new java.util.Random(config.seed() ^ 0x5DEECE66DL);
    long mails = scenario.expectedMailCount();
    this.killAtMail = 1 + (int) (mails * (0.1 + 0.3 * random.nextDouble()));
    this.stopSesAtMail = 1 + (int) (mails * (0.3 + 0.3 * random.nextDouble()));
    this.failBoardAtWrite = 1 + random.nextInt(20);
  }

  LoadScenario scenario() {
    return scenario;
  }

  Result run() throws Exception {
    var root = ProjectRoot.find();
    var work = Files.createTempDirectory("anslag-load-");
    try {
      var setup = Files.writeString(work.resolve("setup.yaml"), scenario.setupYaml());
      var files = new ArrayList<Path>();
      for (var minutes : scenario.minutes()) {
        files.add(Files.writeString(work.resolve(minutes.fileName()), minutes.text(), StandardCharsets.UTF_8));
      }
      var parameters = Map.of("MailerParallelism", Integer.toString(config.parallelism()));
      try (var started = LocalWorkflow.start(root, parameters, LocalWorkflow.clockAt(LoadScenario.TODAY), progress)) {
        workflow = started;
        workflow.loadSetup(setup);
        sesProxy = FaultInjectingProxy.inFrontOfSes(workflow).forgettingExchanges();
        // The functions reach S3 without the SDK (S3Objects), so its requests are counted here.
        for (var function : workflow.cloud().template().functions().keySet()) {
          var s3 = workflow.cloud().environmentOf(function).get("AWS_ENDPOINT_URL_S3");
          if (s3 != null) {
            var proxy = new FaultInjectingProxy(java.net.URI.create(s3)).forgettingExchanges();
            workflow.lambda().withEnvironment(function, Map.of("AWS_ENDPOINT_URL_S3", proxy.endpoint().toString()));
            s3Proxies.put(function, proxy);
          }
        }
        try {
          return runOn(files);
        } finally {
          sesProxy.close();
          for (var proxy : s3Proxies.values()) {
            proxy.close();
          }
        }
      }
    } finally {
      try (var paths = Files.walk(work)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private Result runOn(List<Path> files) throws Exception {
    injectFaults();
    var emulators = ProcessHandle.current().children().toList();
    var requestsBefore = SdkCallCount.snapshotByFunction();
    var cpuBefore = JvmCpu.byThreadGroup();
    var cpuByFunctionBefore = workflow.lambda().processorNanosByFunction();
    long cpuStart = JvmCpu.process();
    long start = System.nanoTime();
    for (int i = 0; i < files.size(); i++) {
      var minutes = scenario.minutes().get(i);
      workflow.upload(files.get(i), Map.of("adjusted-on", minutes.adjustedOn().toString(),
          "posted-on", minutes.postedOn().toString()));
    }
    workflow.cloud().awaitEventRouting();
    var drained = workflow.lambda().drain(config.timeout(), this::betweenPasses);
    long end = System.nanoTime();
    long cpu = JvmCpu.process() - cpuStart;
    var cpuByGroup = JvmCpu.difference(JvmCpu.byThreadGroup(), cpuBefore);
    var cpuByFunction = difference(workflow.lambda().processorNanosByFunction(), cpuByFunctionBefore);
    cpuByGroup.put("fault proxy (connections)", sesProxy.processorNanos()
        + s3Proxies.values().stream().mapToLong(FaultInjectingProxy::processorNanos).sum());
    var requests = difference(SdkCallCount.snapshotByFunction(), requestsBefore);
    s3Proxies.forEach((function, proxy) -> {
      long s3Requests = proxy.forwarded() + proxy.refused();
      if (s3Requests > 0) {
        requests.put(function + " S3", s3Requests);
      }
    });
    long jvmPeak = JvmCpu.peakResidentKib(ProcessHandle.current().pid());
    var emulatorPeaks = new LinkedHashMap<Long, Long>();
    emulators.forEach(p -> emulatorPeaks.put(p.pid(), JvmCpu.peakResidentKib(p.pid())));

    var problems = new ArrayList<String>();
    if (drained.timedOut()) {
      problems.add("the queues did not drain within " + config.timeout());
    }
    var check = new Checks(problems);
    check.sendOutsAndMails();
    check.boards();
    check.queuesEmpty();
    var faults = List.of(
        new Fault("SES SendEmail refused (429)", sesProxy.refused()),
        new Fault("messages delivered twice", redelivered.values().stream().mapToInt(AtomicInteger::get).sum()),
        new Fault("mailer invocation killed after SES accepted", killed.get() ? 1 : 0),
        new Fault("SES emulator stopped and started again", sesRestarted ? 1 : 0),
        new Fault("board render failed (an S3 write refused)", boardFailed.get() ? 1 : 0));
    for (var fault : faults) {
      if (fault.injected() == 0) {
        problems.add("fault never injected: " + fault.name());
      }
    }
    var redeliveredByQueue = new TreeMap<String, Integer>();
    redelivered.forEach((queue, count) -> redeliveredByQueue.put(queue, count.get()));
    progress.println("load: messages delivered twice, by queue: " + redeliveredByQueue);
    for (var queue : eventSourceQueues()) {
      if (!redelivered.containsKey(queue)) {
        problems.add("no message of " + queue + " was delivered twice");
      }
    }
    double uploadToLastMail = (lastAcceptedNanos.get() - start) / 1e9;
    return new Result(scenario, problems, faults, check.sendOuts, check.mails, check.lost, check.doubled,
        (end - start) / 1e9, uploadToLastMail, requests, cpu, cpuByGroup, cpuByFunction, jvmPeak, emulatorPeaks,
        drained.invocations());
  }

  // ------------------------------------------------------------------ faults

  private void injectFaults() {
    var cloud = workflow.cloud();
    var deliveryEvents = cloud.queueUrl("DeliveryEventsQueue");
    sesProxy.refuseRequestsWhere(request -> picked("ses-refusal", sendOutHeaderOf(request), config.sesRefusedShare()),
        FaultInjectingProxy.SES_THROTTLED);
    sesProxy.observeAnswers(exchange -> {
      if (!exchange.answerBody().contains("\"MessageId\"")) {
        return FaultInjectingProxy.AnswerAction.PASS;
      }
      // SES publishes Send and Delivery through the configuration set, SNS puts them on the queue.
      var at = workflow.lambda().clock().instant();
      cloud.sqs().sendMessage(b -> b.queueUrl(deliveryEvents).messageBody(SesEvents.eventOf(exchange, "Send", at)));
      cloud.sqs().sendMessage(b -> b.queueUrl(deliveryEvents).messageBody(SesEvents.eventOf(exchange, "Delivery", at)));
      lastAcceptedNanos.set(System.nanoTime());
      if (accepted.incrementAndGet() >= killAtMail) {
        synchronized (killed) {
          if (!killed.get() && workflow.lambda().kill(MAILER)) {
            killed.set(true);
            progress.println("load: killed the mailer's invocation after SES accepted mail " + accepted.get());
            return FaultInjectingProxy.AnswerAction.DROP; // the killed runtime never reads it
          }
        }
      }
      return FaultInjectingProxy.AnswerAction.PASS;
    });
    workflow.lambda().withRedelivery((queue, message) -> {
      // The share, and the first message of each queue: a small run doubles some of every queue's too.
      var identity = queue + " " + TIMESTAMP.matcher(message.body()).replaceAll("");
      var first = !redelivered.containsKey(queue);
      if (first || picked("redelivery", identity, config.redeliveredShare())) {
        redelivered.computeIfAbsent(queue, q -> new AtomicInteger()).incrementAndGet();
        return true;
      }
      return false;
    });
    // A killed invocation's S3 requests (sent without the SDK, so LocalInvocations cannot stop them) never leave.
    s3Proxies.values().forEach(proxy -> proxy.refuseRequestsWhere(request -> runningKilled(), FaultInjectingProxy.S3_SLOW_DOWN));
    // From the board's chosen write on, S3 sheds every write of that run (S3Objects' own retries included).
    s3Proxies.get(BOARD).refuseRequestsWhere(request -> {
      if (runningKilled()) {
        return true;
      }
      if (!request.startsWith("PUT ")) {
        return false;
      }
      var running = workflow.lambda().running().orElse(null);
      if (failingBoardRun != null) {
        return running == failingBoardRun;
      }
      if (boardWrites.incrementAndGet() == failBoardAtWrite && running != null) {
        failingBoardRun = running;
        boardFailed.set(true);
        progress.println("load: S3 refuses the board's writes from its write " + failBoardAtWrite + " on, in this run");
        return true;
      }
      return false;
    }, FaultInjectingProxy.S3_SLOW_DOWN);
  }

  private boolean runningKilled() {
    return workflow.lambda().running().filter(LocalLambda.Invocation::killed).isPresent();
  }

  /** Between passes over the queues: the SES outage, and the clock moved on past a killed claim's life. */
  private void betweenPasses() {
    if (killed.get() && !clockMoved) {
      // The claim of the killed invocation's mail goes stale after this long; the one invocation that
      // held claims is over, so only its claims are affected.
      var staleAfter = AnslagConfig.DEFAULT_SEND_CLAIM_STALE_AFTER.plusSeconds(1);
      var target = workflow.lambda().clock().instant().plus(staleAfter);
      var system = SwedishTime.systemClock();
      workflow.lambda().withClock(Clock.offset(system, Duration.between(system.instant(), target)));
      clockMoved = true;
    }
    if (!sesStopped && accepted.get() >= stopSesAtMail) {
      try {
        sesProxy.refuseConnections(); // the path to a stopped emulator refuses, as the emulator's port does
      } catch (IOException failure) {
        throw new java.io.UncheckedIOException(failure);
      }
      workflow.cloud().stopSes();
      sesStopped = true;
      sesStoppedAt = System.nanoTime();
      progress.println("load: SES emulator stopped after " + accepted.get() + " mails");
    } else if (sesStopped && !sesRestarted && System.nanoTime() - sesStoppedAt > SES_OUTAGE.toNanos()) {
      workflow.cloud().startSes();
      try {
        sesProxy.acceptConnections();
      } catch (IOException failure) {
        throw new java.io.UncheckedIOException(failure);
      }
      sesRestarted = true;
      progress.println("load: SES emulator started again");
    }
  }

  /** Whether the seed picks this thing for this fault: the same identity always gets the same answer. */
  private boolean picked(String fault, String identity, double share) {
    long hash = config.seed() * 0x9E3779B97F4A7C15L + fault.hashCode() * 31L + identity.hashCode();
    return new java.util.SplittableRandom(hash).nextDouble() < share;
  }

  /** The X-Anslag-Send-Out header of an SESv2 SendEmail request's raw mail (the send-out and its attempt). */
  private static String sendOutHeaderOf(String request) {
    try {
      var body = request.substring(request.indexOf("\r\n\r\n") + 4);
      var data = JSON.readTree(body).path("Content").path("Raw").path("Data").asText();
      var raw = new String(Base64.getDecoder().decode(data), StandardCharsets.ISO_8859_1);
      var matcher = SEND_OUT_HEADER.matcher(raw.substring(0, Math.max(0, raw.indexOf("\r\n\r\n"))));
      return matcher.find() ? matcher.group(1) : body;
    } catch (IOException | IllegalArgumentException unreadable) {
      return request;
    }
  }

  // ------------------------------------------------------------------ checks

  /** The checks against the generation's inputs, the records, the SES mailbox and the site. */
  private final class Checks {
    private final List<String> problems;
    long sendOuts;
    long mails;
    long lost;
    long doubled;

    Checks(List<String> problems) {
      this.problems = problems;
    }

    private void problem(String text) {
      if (problems.size() < 200) {
        problems.add(text);
      } else if (problems.size() == 200) {
        problems.add("... (more problems left out)");
      }
    }

    void sendOutsAndMails() throws Exception {
      var stores = workflow.stores();
      var mailbox = mailbox();
      mails = mailbox.size();
      var mailsBySendOut = new HashMap<String, List<JsonNode>>();
      for (var mail : mailbox) {
        var header = mail.path("sendOut").asText("");
        if (header.isEmpty()) {
          problem("a mail without its send-out header: " + mail.path("subject").asText());
          continue;
        }
        // minutesId/paragraph/target/attempt, the target percent-encoded; without the attempt.
        var parts = header.split("/");
        var sendOut = parts.length != 4 ? header
            : parts[0] + "/" + parts[1] + "/" + java.net.URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
        mailsBySendOut.computeIfAbsent(sendOut, k -> new ArrayList<>()).add(mail);
      }
      var expectedSendOuts = new LinkedHashSet<String>();
      for (var minutes : scenario.minutes()) {
        var key = "uploads/" + minutes.fileName();
        var record = workflow.minutesFromUpload(key);
        if (record.isEmpty()) {
          problem("no minutes recorded for " + key);
          lost += minutes.expectedMails().size();
          continue;
        }
        var id = record.get().id();
        if (!minutes.organ().slug().equals(record.get().organSlug()) || !minutes.meetingDate().equals(record.get().meetingDate())) {
          problem(key + " was read as " + record.get().organSlug() + " " + record.get().meetingDate() + " ("
              + record.get().status() + ": " + record.get().statusDetail() + ")");
        }
        var records = stores.sendOuts().sendOuts(id);
        sendOuts += records.size();
        for (var sendOut : records) {
          if (!sendOut.status().isTerminal()) {
            problem(key + ": send-out § " + sendOut.paragraph() + " to " + sendOut.target() + " is " + sendOut.status());
          }
        }
        var recordedMails = new LinkedHashSet<String>();
        records.stream().filter(s -> s.kind() == SendOutKind.EMAIL).forEach(s -> recordedMails.add(s.paragraph() + " " + s.target()));
        var expected = minutes.expectedMails();
        if (!recordedMails.equals(expected)) {
          var missing = new LinkedHashSet<>(expected);
          missing.removeAll(recordedMails);
          var extra = new LinkedHashSet<>(recordedMails);
          extra.removeAll(expected);
          problem(key + ": planned mails differ from the generated recipients; missing " + missing + ", extra " + extra);
        }
        count(key, records, SendOutKind.CASE_FILE, minutes.expectedCaseFiles());
        count(key, records, SendOutKind.UNRESOLVED, minutes.expectedUnresolved());
        count(key, records, SendOutKind.RECEIPT, 1);
        count(key, records, SendOutKind.SUMMARY, 1);
        for (var sendOut : records) {
          if (sendOut.kind() == SendOutKind.EMAIL || sendOut.kind().isClerkMail()) {
            var identity = id + "/" + sendOut.paragraph() + "/" + sendOut.target();
            expectedSendOuts.add(identity);
            var got = mailsBySendOut.getOrDefault(identity, List.of());
            if (got.isEmpty()) {
              lost++;
              problem(key + ": no mail for § " + sendOut.paragraph() + " to " + sendOut.target() + " (" + sendOut.status() + ")");
            } else if (got.size() > 1) {
              doubled += got.size() - 1;
              problem(key + ": " + got.size() + " mails for § " + sendOut.paragraph() + " to " + sendOut.target());
            } else {
              checkMail(key, minutes, sendOut, got.getFirst());
            }
          }
        }
      }
      for (var entry : mailsBySendOut.entrySet()) {
        if (!expectedSendOuts.contains(entry.getKey())) {
          doubled += entry.getValue().size();
          problem("mail(s) for a send-out that should not exist: " + entry.getKey());
        }
      }
    }

    private void count(String key, List<SendOut> records, SendOutKind kind, long expected) {
      long actual = records.stream().filter(s -> s.kind() == kind).count();
      if (actual != expected) {
        problem(key + ": " + actual + " " + kind + " send-outs, " + expected + " expected");
      }
    }

    /** The one mail of a send-out: the record names it, it went to the address, the subject names the meeting and §. */
    private void checkMail(String key, LoadScenario.Minutes minutes, SendOut sendOut, JsonNode mail) {
      if (sendOut.status() != SendOutStatus.SENT && sendOut.status() != SendOutStatus.DELIVERED) {
        problem(key + ": § " + sendOut.paragraph() + " to " + sendOut.target() + " was mailed but is " + sendOut.status());
      }
      if (!mail.path("messageId").asText().equals(sendOut.sesMessageId())) {
        problem(key + ": § " + sendOut.paragraph() + " to " + sendOut.target() + " records message "
            + sendOut.sesMessageId() + ", SES has " + mail.path("messageId").asText());
      }
      var to = mail.path("to").toString();
      if (!to.contains(sendOut.address())) {
        problem(key + ": the mail of " + sendOut.target() + " went to " + to);
      }
      if (sendOut.kind() == SendOutKind.EMAIL) {
        var subject = mail.path("subject").asText();
        var expected = minutes.organ().name() + " " + minutes.meetingDate() + " § " + sendOut.paragraph() + " ";
        if (!subject.contains(expected)) {
          problem(key + ": subject '" + subject + "' does not name '" + expected.strip() + "'");
        }
      }
    }

    /** Every notice on each of its organ's boards, with the dates worked out from the generation, and nothing else. */
    void boards() throws IOException {
      var expectedByBoard = new HashMap<String, Map<String, LoadScenario.Minutes>>();
      for (var minutes : scenario.minutes()) {
        for (var board : minutes.organ().boardIds()) {
          expectedByBoard.computeIfAbsent(board, b -> new HashMap<>())
              .put(minutes.organ().slug() + " " + minutes.meetingDate(), minutes);
        }
      }
      for (var board : scenario.boards()) {
        var expected = expectedByBoard.getOrDefault(board.id(), Map.of());
        var feed = workflow.siteFile(board.id() + "/anslag.json");
        if (feed.isEmpty()) {
          if (!expected.isEmpty()) {
            problem("board " + board.id() + " has no feed but " + expected.size() + " notices to show");
          }
          continue;
        }
        var seen = new LinkedHashSet<String>();
        for (var notice : noticesOf(JSON.readTree(feed.get()))) {
          var identity = notice.path("organization").path("slug").asText() + " " + notice.path("meeting").path("date").asText();
          var minutes = expected.get(identity);
          if (minutes == null) {
            problem("board " + board.id() + " shows a notice it should not: " + identity);
            continue;
          }
          if (!seen.add(identity)) {
            problem("board " + board.id() + " shows " + identity + " twice");
          }
          expectDate(board.id(), identity, "postedOn", notice, minutes.postedOn());
          expectDate(board.id(), identity, "appealTimeStartsOn", notice, minutes.postedOn());
          expectDate(board.id(), identity, "lastAppealDay", notice, minutes.expectedLastAppealDay());
          expectDate(board.id(), identity, "takedownOn", notice, minutes.expectedTakedown());
          var page = board.id() + "/anslag/" + minutes.organ().slug() + "/" + minutes.meetingDate() + "/index.html";
          var html = workflow.siteFile(page).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
          if (html.isEmpty() || !html.get().contains(minutes.organ().name())) {
            problem("board " + board.id() + ": no notice page " + page + " naming " + minutes.organ().name());
          }
        }
        for (var identity : expected.keySet()) {
          if (!seen.contains(identity)) {
            problem("board " + board.id() + " lacks the notice of " + identity);
          }
        }
      }
    }

    private List<JsonNode> noticesOf(JsonNode feed) {
      var notices = new ArrayList<JsonNode>();
      for (var item : feed.path("data")) {
        if (!item.path("withdrawn").asBoolean(false)) {
          notices.add(item);
        }
      }
      return notices;
    }

    private void expectDate(String board, String identity, String field, JsonNode notice, LocalDate expected) {
      var actual = notice.path(field).asText();
      if (!actual.equals(expected.toString())) {
        problem("board " + board + ", " + identity + ": " + field + " " + actual + ", expected " + expected);
      }
    }

    /** Nothing left in any queue of the template or in a dead-letter queue. */
    void queuesEmpty() {
      var sqs = workflow.cloud().sqs();
      for (var queue : workflow.cloud().template().resourcesOfType("AWS::SQS::Queue")) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(workflow.cloud().queueUrl(queue.logicalId()))
            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        int left = attributes.values().stream().mapToInt(Integer::parseInt).sum();
        if (left > 0) {
          problem(queue.logicalId() + " holds " + left + " message(s) at the end " + attributes);
        }
      }
    }
  }

  /** The SES emulator's mail without bodies, each with its X-Anslag-Send-Out header (GET /store-summary). */
  private List<JsonNode> mailbox() throws IOException, InterruptedException {
    var uri = workflow.cloud().sesStore().resolve("/store-summary");
    try (var http = HttpClient.newHttpClient()) {
      var response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("the SES emulator's summary answered HTTP " + response.statusCode());
      }
      var mails = new ArrayList<JsonNode>();
      JSON.readTree(response.body()).path("emails").forEach(mails::add);
      return mails;
    }
  }

  private List<String> eventSourceQueues() {
    var queues = new LinkedHashSet<String>();
    workflow.cloud().template().functions().values().forEach(f -> f.sqsEvents().forEach(s -> queues.add(s.queueLogicalId())));
    return List.copyOf(queues);
  }

  private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
    var during = new TreeMap<String, Long>();
    after.forEach((key, count) -> {
      long delta = count - before.getOrDefault(key, 0L);
      if (delta > 0) {
        during.put(key, delta);
      }
    });
    return during;
  }
}
