package se.anslag.sending;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutMessage;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.Corrections;
import se.anslag.aws.SqsWorkQueues;
import se.anslag.compose.ClerkMailComposer;
import se.anslag.compose.DecisionMailComposer;
import se.anslag.compose.MailHeaders;
import se.anslag.compose.MailMessage;
import se.anslag.compose.RawMime;
import se.anslag.compose.SendOutHeader;
import se.anslag.domain.SwedishTime;
import se.anslag.setup.Organ;
import se.anslag.storage.AnslagTable;
import se.anslag.storage.S3Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Sends one decision to one recipient, or files it in the case record, or mails the organ's clerk
 * a receipt or summary, exactly once in effect: the send-out is claimed by a conditional write
 * before SES is called and marked SENT after. When it settles the last open send-out of a set of
 * minutes it queues the clerk's summary.
 */
@Singleton
public final class DecisionMailer {
  private static final Logger LOG = Logger.getLogger(DecisionMailer.class.getName());

  private final AnslagTable table;
  private final SesV2Client ses;
  private final S3Objects s3;
  private final DecisionMailComposer composer;
  private final ClerkMailComposer clerkComposer;
  private final SqsWorkQueues queues;
  private final AnslagConfig config;
  private final Clock clock;

  @Inject
  public DecisionMailer(AnslagTable table, SesV2Client ses, S3Objects s3, DecisionMailComposer composer,
      ClerkMailComposer clerkComposer, SqsWorkQueues queues, AnslagConfig config, Clock clock) {
    this.clerkComposer = clerkComposer;
    this.queues = queues;
    this.table = table;
    this.ses = ses;
    this.s3 = s3;
    this.composer = composer;
    this.config = config;
    this.clock = clock;
  }

  /** DONE: the message can be deleted. RETRY: a transient failure; the queue delivers it again. */
  public enum Outcome { DONE, RETRY }

  /** What delivering one message did: its outcome, and the send-out it found or left settled. */
  private record Delivery(Outcome outcome, Optional<SendOut> settled) {
    static final Delivery RETRY = new Delivery(Outcome.RETRY, Optional.empty());

    static Delivery done(SendOut settled) {
      return new Delivery(Outcome.DONE, Optional.of(settled));
    }
  }

  /**
   * Delivers a batch of messages, up to {@code MAILER_PARALLELISM} at once (each mostly waits on
   * DynamoDB and SES), then counts the settled send-outs in one write per set of minutes. Returns
   * the outcome of each message, in order. A message whose delivery throws is retried.
   */
  public List<Outcome> deliver(List<SendOutMessage> messages) {
    var deliveries = new ArrayList<Future<Delivery>>();
    try (var workers = Executors.newFixedThreadPool(Math.min(config.mailerParallelism(), Math.max(1, messages.size())),
        Thread.ofVirtual().name("mailer-", 0).factory())) {
      for (var message : messages) {
        deliveries.add(workers.submit(() -> deliverOne(message)));
      }
    }
    var outcomes = new ArrayList<Outcome>();
    var settledByMinutes = new LinkedHashMap<String, List<SendOut>>();
    for (int i = 0; i < messages.size(); i++) {
      var delivery = outcomeOf(messages.get(i), deliveries.get(i));
      outcomes.add(delivery.outcome());
      delivery.settled().filter(settled -> settled.kind() != SendOutKind.SUMMARY).ifPresent(settled ->
          settledByMinutes.computeIfAbsent(settled.minutesId(), id -> new ArrayList<>()).add(settled));
    }
    settledByMinutes.forEach((minutesId, settled) -> {
      try {
        summarizeWhenSettled(minutesId, settled);
      } catch (RuntimeException failure) {
        // Not counted yet: the messages come back, find their send-outs settled and count them then.
        LOG.log(Level.WARNING, "Could not count " + settled.size() + " settled send-out(s) of minutes " + minutesId
            + "; their messages will be delivered again", failure);
        for (int i = 0; i < messages.size(); i++) {
          if (minutesId.equals(messages.get(i).minutesId())) {
            outcomes.set(i, Outcome.RETRY);
          }
        }
      }
    });
    return outcomes;
  }

  private static Delivery outcomeOf(SendOutMessage message, Future<Delivery> delivery) {
    try {
      return delivery.get();
    } catch (ExecutionException failure) {
      LOG.log(Level.WARNING, "Send-out " + message + " failed and will be retried", failure.getCause());
      return Delivery.RETRY;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Delivery.RETRY;
    }
  }

  private Delivery deliverOne(SendOutMessage message) {
    var key = new AnslagTable.SendOutKey(message.paragraph(), message.target());
    var claimed = table.claimSendOut(message.minutesId(), key, clock.instant(), config.sendClaimStaleAfter());
    if (claimed.isEmpty()) {
      var now = table.findSendOut(message.minutesId(), message.paragraph(), message.target());
      if (now.isEmpty()) {
        LOG.severe(() -> "No send-out record for " + message + "; intake writes it before queueing, so this message"
            + " is not Anslag's and is left unprocessed");
        return new Delivery(Outcome.DONE, Optional.empty());
      }
      if (!now.get().status().isTerminal()) {
        // A fresh claim: another mailer is sending, or died or lost SES's answer. Come back later:
        // by then it is settled, or stale and this message takes it over. Deleting the message
        // here would leave a dead mailer's send-out SENDING for good.
        LOG.info(() -> "Send-out " + describe(now.get()) + " is claimed by another mailer; checking again later");
        return Delivery.RETRY;
      }
      // Settled already (a redelivery, or another mailer finished): its outcome stands. Counting
      // it again mends a crash between settling the last send-out and the summary.
      return Delivery.done(now.get());
    }
    var sendOut = claimed.get();
    var accepted = acceptedEarlier(sendOut);
    if (accepted.isPresent()) {
      // SES has this send-out's mail from an attempt whose answer was lost: settle, don't send again.
      LOG.info(() -> "SES accepted " + describe(sendOut) + " in attempt " + accepted.get().attempt() + " as message "
          + accepted.get().messageId() + " (its Send event); settled without sending again");
      var settled = sendOut.withStatus(SendOutStatus.SENT, clock.instant(), "Accepted by SES in attempt "
          + accepted.get().attempt() + " (Send event); not sent again", accepted.get().messageId());
      table.updateSendOut(settled);
      return Delivery.done(settled);
    }
    SendOut settled;
    try {
      settled = switch (sendOut.kind()) {
        case EMAIL -> mailDecision(sendOut);
        case CASE_FILE -> file(sendOut);
        case RECEIPT, SUMMARY -> mailClerk(sendOut);
        // Intake settles these itself and never queues them.
        case UNRESOLVED -> sendOut.withStatus(SendOutStatus.UNRESOLVED, clock.instant(), sendOut.detail(), null);
      };
    } catch (SendOutcomeUnknownException unknown) {
      // SES may have accepted the mail. Treated as a crash: the claim stays and only a takeover
      // after it goes stale sends again, the one way a second mail can arise.
      LOG.warning(() -> "Outcome of the SES call unknown for " + describe(sendOut) + "; the claim stays until it is"
          + " stale, then a redelivery sends again: " + unknown.getMessage());
      table.updateSendOut(sendOut.withStatus(SendOutStatus.SENDING, clock.instant(),
          "SES outcome unknown (" + unknown.getMessage() + "); sent again after the claim goes stale", null));
      return Delivery.RETRY;
    } catch (SdkException | S3Objects.S3RequestException | java.io.UncheckedIOException failure) {
      if (isTransient(failure)) {
        LOG.warning(() -> "Transient failure for " + describe(sendOut) + ", will retry: " + failure.getMessage());
        table.updateSendOut(sendOut.withStatus(SendOutStatus.PENDING, clock.instant(), "Retrying: " + failure.getMessage(), null));
        return Delivery.RETRY;
      }
      LOG.warning(() -> "Permanent failure for " + describe(sendOut) + ": " + failure.getMessage());
      settled = sendOut.withStatus(SendOutStatus.FAILED, clock.instant(), failure.getMessage(), null);
    } catch (IllegalArgumentException unsendable) {
      LOG.warning(() -> "Cannot send " + describe(sendOut) + ": " + unsendable.getMessage());
      settled = sendOut.withStatus(SendOutStatus.FAILED, clock.instant(), unsendable.getMessage(), null);
    }
    table.updateSendOut(settled);
    return Delivery.done(settled);
  }

  /**
   * On a claim after an earlier attempt (a takeover of a stale claim, or a retry), what SES
   * reported accepting for an earlier attempt: read after the claim and consistently, so a Send
   * event recorded before the claim is seen. Empty on a first attempt, which needs no read.
   */
  private Optional<AnslagTable.Acceptance> acceptedEarlier(SendOut claimed) {
    if (claimed.attempts() <= 1 || claimed.kind() == SendOutKind.CASE_FILE || claimed.kind() == SendOutKind.UNRESOLVED) {
      return Optional.empty();
    }
    return table.acceptance(claimed).filter(accepted -> accepted.attempt() < claimed.attempts());
  }

  /**
   * Counts the settled send-outs and, once no send-out of the minutes is left PENDING or SENDING,
   * queues the summary to the clerk. The SUMMARY send-out is created with a conditional write, so
   * of two mailers settling the last two send-outs at once only one creates it; a second message
   * for it would find it claimed.
   */
  private void summarizeWhenSettled(String minutesId, List<SendOut> settledNow) {
    // One conditional write per batch; the whole partition is read only once the count is reached.
    if (!table.recordSettled(minutesId, settledNow.stream().map(AnslagTable.SendOutKey::of).toList()).complete()) {
      return;
    }
    var sendOuts = table.sendOuts(minutesId);
    if (sendOuts.stream().anyMatch(s -> s.kind() != SendOutKind.SUMMARY && !s.status().isTerminal())) {
      return;
    }
    var summary = sendOuts.stream().filter(s -> s.kind() == SendOutKind.SUMMARY).findFirst();
    if (summary.isEmpty()) {
      var minutes = table.findMinutes(minutesId).orElseThrow();
      if (minutes.status() == MinutesStatus.REJECTED) {
        return; // the rejection receipt said all there is to say
      }
      var clerk = clerkOf(minutes);
      if (clerk.isEmpty()) {
        LOG.warning(() -> "Minutes " + minutesId + " are settled, but the organ '" + minutes.organ()
            + "' has no valid clerk address for the summary");
        return;
      }
      var created = SendOut.toClerk(minutesId, SendOutKind.SUMMARY, clerk.get(), minutes.organ(), clock.instant());
      if (table.createSendOut(created)) {
        LOG.info(() -> "Every send-out of minutes " + minutesId + " is settled; summary to " + clerk.get());
      }
      summary = table.findSendOut(created.minutesId(), created.paragraph(), created.target());
    }
    // Queued again while PENDING: this mends a crash between the create and the enqueue, and the
    // claim absorbs a second message.
    summary.filter(s -> s.status() == SendOutStatus.PENDING).ifPresent(s ->
        queues.enqueueSendOuts(List.of(new SendOutMessage(s.minutesId(), s.paragraph(), s.target()))));
  }

  /**
   * What every extract of one set of minutes is composed from. Minutes are identified by their
   * content, so this changes only with the setup (the clerk's address): it is kept a minute, and a
   * batch of ten send-outs reads the table once instead of four times per send-out.
   */
  private record MinutesContents(MinutesRecord minutes, java.util.Map<Integer, se.anslag.domain.Paragraph> paragraphs,
      Notice notice, Optional<String> clerk, java.time.Instant loadedAt) {}

  private static final java.time.Duration CONTENTS_KEPT = java.time.Duration.ofMinutes(1);
  private final java.util.Map<String, MinutesContents> recentMinutes = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<String, MinutesContents> eldest) {
      return size() > 8;
    }
  };

  private synchronized MinutesContents contentsOf(String minutesId) {
    var cached = recentMinutes.get(minutesId);
    if (cached != null && cached.loadedAt().plus(CONTENTS_KEPT).isAfter(clock.instant())) {
      return cached;
    }
    var minutes = table.findMinutes(minutesId).orElseThrow();
    var paragraphs = new java.util.HashMap<Integer, se.anslag.domain.Paragraph>();
    table.paragraphs(minutesId).forEach(paragraph -> paragraphs.put(paragraph.number(), paragraph));
    var contents = new MinutesContents(minutes, java.util.Map.copyOf(paragraphs), latestNotice(minutesId),
        clerkOf(minutes), clock.instant());
    recentMinutes.put(minutesId, contents);
    return contents;
  }

  private static se.anslag.domain.Paragraph paragraphOf(MinutesContents contents, SendOut sendOut) {
    var paragraph = contents.paragraphs().get(sendOut.paragraph());
    if (paragraph == null) {
      throw new IllegalStateException("Minutes " + sendOut.minutesId() + " have no § " + sendOut.paragraph());
    }
    return paragraph;
  }

  private SendOut mailDecision(SendOut sendOut) {
    var contents = contentsOf(sendOut.minutesId());
    var minutes = contents.minutes();
    var paragraph = paragraphOf(contents, sendOut);
    var mail = composer.compose(minutes, paragraph, sendOut, contents.notice(), contents.clerk(), today(),
        isCorrection(minutes, paragraph));
    var messageId = send(mail, sendOut);
    LOG.info(() -> "Sent " + describe(sendOut) + " as SES message " + messageId);
    return sendOut.withStatus(SendOutStatus.SENT, clock.instant(), null, messageId);
  }

  private SendOut mailClerk(SendOut sendOut) {
    var minutes = table.findMinutes(sendOut.minutesId()).orElseThrow();
    var sendOuts = table.sendOuts(sendOut.minutesId());
    var mail = sendOut.kind() == SendOutKind.RECEIPT
        ? clerkComposer.receipt(sendOut.address(), minutes, table.paragraphs(sendOut.minutesId()),
            table.notices(sendOut.minutesId()), sendOuts, table.loadSetup())
        : clerkComposer.summary(sendOut.address(), minutes, sendOuts);
    var messageId = send(mail, sendOut);
    LOG.info(() -> "Sent the " + sendOut.kind().name().toLowerCase(java.util.Locale.ROOT) + " of minutes "
        + sendOut.minutesId().substring(0, 12) + " to " + sendOut.address() + " as SES message " + messageId);
    return sendOut.withStatus(SendOutStatus.SENT, clock.instant(), null, messageId);
  }

  /**
   * Sends a composed mail as raw MIME (the only SES content that carries an attachment); returns
   * SES's id. The mail names its send-out and attempt in a header, which SES's Send event repeats.
   */
  private String send(MailMessage mail, SendOut sendOut) {
    var header = new SendOutHeader(sendOut.minutesId(), sendOut.paragraph(), sendOut.target(), sendOut.attempts());
    var raw = RawMime.build(mail, config.mailFrom(), SwedishTime.now(clock), null,
        header);
    try {
      var response = ses.sendEmail(b -> {
        b.fromEmailAddress(config.mailFrom())
            .destination(d -> d.toAddresses(mail.to()))
            .content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(raw))));
        // Delivery, bounce and complaint events come back through the configuration set.
        config.sesConfigurationSet().ifPresent(b::configurationSetName);
      });
      return response.messageId();
    } catch (SdkClientException noAnswer) {
      if (neverReachedSes(noAnswer)) {
        throw noAnswer; // transient and safe to retry at once: nothing was sent
      }
      throw new SendOutcomeUnknownException(noAnswer);
    }
  }

  /** No connection was made, so SES cannot have the request. Anything later may have reached it. */
  static boolean neverReachedSes(Throwable failure) {
    for (var cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
          || cause instanceof java.net.NoRouteToHostException) {
        return true;
      }
    }
    return false;
  }

  /** The request may have reached SES, but no answer came back: the mail may or may not be sent. */
  static final class SendOutcomeUnknownException extends RuntimeException {
    SendOutcomeUnknownException(SdkClientException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** A paragraph of a corrected version that is new or differs from the version it supersedes. */
  private boolean isCorrection(MinutesRecord minutes, se.anslag.domain.Paragraph paragraph) {
    return minutes.supersedes() != null
        && Corrections.isCorrection(table.paragraph(minutes.supersedes(), paragraph.number()), paragraph);
  }

  private Optional<String> clerkOf(MinutesRecord minutes) {
    return table.loadSetup().organs().stream()
        .filter(organ -> organ.slug().equals(minutes.organSlug())).findFirst()
        .map(Organ::clerkAddress).filter(MailHeaders::isValidAddress);
  }

  private Notice latestNotice(String minutesId) {
    return table.notices(minutesId).stream().max(Comparator.comparing(Notice::postedOnThisBoard)).orElseThrow();
  }

  private LocalDate today() {
    return SwedishTime.today(clock);
  }

  private SendOut file(SendOut sendOut) {
    var contents = contentsOf(sendOut.minutesId());
    var minutes = contents.minutes();
    var paragraph = paragraphOf(contents, sendOut);
    var notice = contents.notice();
    var caseFolder = paragraph.caseNumber() == null ? "utan-diarienummer" : paragraph.caseNumber().replaceAll("[^\\p{L}\\p{N}.-]+", "_");
    var key = "case-files/%s/%s-%s-paragraf-%d.txt".formatted(caseFolder, minutes.meetingDate(), minutes.organSlug(), paragraph.number());
    var extract = composer.text(minutes, paragraph, sendOut, notice, isCorrection(minutes, paragraph));
    s3.put(config.archiveBucket(), key, extract.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", null);
    LOG.info(() -> "Filed " + describe(sendOut) + " as " + key);
    return sendOut.withStatus(SendOutStatus.FILED, clock.instant(), "Filed in the case record as " + key, null);
  }

  /** Throttling, 5xx and network failures pass; rejected addresses or content do not. */
  static boolean isTransient(RuntimeException failure) {
    if (failure instanceof java.io.UncheckedIOException) {
      return true;
    }
    if (failure instanceof S3Objects.S3RequestException s3) {
      return s3.isTransient();
    }
    if (failure instanceof SdkClientException) {
      return true;
    }
    if (failure instanceof SesV2Exception service) {
      int status = service.statusCode();
      return status == 429 || status >= 500 || service.isThrottlingException();
    }
    return failure instanceof SdkException sdk && sdk.retryable();
  }

  private static String describe(SendOut sendOut) {
    return "minutes " + sendOut.minutesId().substring(0, 12) + " § " + sendOut.paragraph() + " to " + sendOut.target();
  }
}
