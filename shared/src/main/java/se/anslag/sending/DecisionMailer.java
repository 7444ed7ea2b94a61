package se.anslag.sending;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.board.PersonalIdentityNumbers;
import se.anslag.compose.ClerkMailComposer;
import se.anslag.compose.DecisionMailComposer;
import se.anslag.compose.MailMessage;
import se.anslag.compose.SendOutHeader;
import se.anslag.compose.SubscriberMailComposer;
import se.anslag.config.AnslagConfig;
import se.anslag.config.SubscriptionConfig;
import se.anslag.domain.Corrections;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutMessage;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.SwedishTime;
import se.anslag.domain.WithdrawalRequest;
import se.anslag.ports.FailureKinds;
import se.anslag.ports.MailSender;
import se.anslag.ports.MinutesStore;
import se.anslag.ports.NoticeStore;
import se.anslag.ports.ObjectStore;
import se.anslag.ports.SendOutStore;
import se.anslag.ports.SetupStore;
import se.anslag.ports.SubscriptionStore;
import se.anslag.ports.WorkQueue;
import se.anslag.config.SubscriptionConfig;

/**
 * Sends one decision to one recipient, or files it in the case record, or mails the organ's clerk
 * a receipt or summary, exactly once in effect: the send-out is claimed by a conditional write
 * before the mail sender is called and marked SENT after. When it settles the last open send-out of
 * a set of minutes it queues the clerk's summary. The steps of one message: {@link #deliverOne}.
 */
@Singleton
public final class DecisionMailer {
  private static final Logger LOG = Logger.getLogger(DecisionMailer.class.getName());

  private final MinutesStore minutesStore;
  private final NoticeStore noticeStore;
  private final SendOutStore sendOutStore;
  private final SetupStore setupStore;
  private final MailSender mailSender;
  private final ObjectStore objects;
  private final FailureKinds failureKinds;
  private final DecisionMailComposer composer;
  private final ClerkMailComposer clerkComposer;
  private final WorkQueue queues;
  private final AnslagConfig config;
  private final Clock clock;
  private final MinutesContents contents;
  private final SubscriptionStore subscriptions;
  private final SubscriberMailComposer subscriberComposer;
  private final SubscriptionConfig subscriptionConfig;

  @Inject
  public DecisionMailer(MinutesStore minutesStore, NoticeStore noticeStore, SendOutStore sendOutStore,
      SetupStore setupStore, MailSender mailSender, ObjectStore objects, FailureKinds failureKinds,
      DecisionMailComposer composer, ClerkMailComposer clerkComposer, WorkQueue queues, AnslagConfig config,
      Clock clock, SubscriptionStore subscriptions, SubscriberMailComposer subscriberComposer,
      SubscriptionConfig subscriptionConfig) {
    this.subscriptions = subscriptions;
    this.subscriberComposer = subscriberComposer;
    this.subscriptionConfig = subscriptionConfig;
    this.minutesStore = minutesStore;
    this.noticeStore = noticeStore;
    this.sendOutStore = sendOutStore;
    this.setupStore = setupStore;
    this.mailSender = mailSender;
    this.objects = objects;
    this.failureKinds = failureKinds;
    this.composer = composer;
    this.clerkComposer = clerkComposer;
    this.queues = queues;
    this.config = config;
    this.clock = clock;
    this.contents = new MinutesContents(minutesStore, noticeStore, setupStore, clock);
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
      // Subscriber mails belong to no minutes' count: their owner ids have no minutes record.
      delivery.settled().filter(settled -> settled.kind() != SendOutKind.SUMMARY && !settled.kind().isSubscriberMail())
          .ifPresent(settled ->
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

  /** One message: claim its send-out, then settle it, send it, file it, or leave it for later. */
  private Delivery deliverOne(SendOutMessage message) {
    var key = new SendOutStore.SendOutKey(message.paragraph(), message.target());
    var claimed = sendOutStore.claimSendOut(message.minutesId(), key, clock.instant(), config.sendClaimStaleAfter());
    if (claimed.isEmpty()) {
      return notClaimed(message);
    }
    var sendOut = claimed.get();
    var accepted = acceptedEarlier(sendOut);
    if (accepted.isPresent()) {
      return settleAsAccepted(sendOut, accepted.get());
    }
    if (withdrawnSinceFirstAttempt(sendOut)) {
      LOG.info(() -> "Not sent: " + describe(sendOut) + ": the minutes were withdrawn");
      var cancelled = sendOut.withStatus(SendOutStatus.CANCELLED, clock.instant(), WithdrawalRequest.CANCELLED_DETAIL, null);
      sendOutStore.updateSendOut(cancelled);
      return Delivery.done(cancelled);
    }
    return carryOut(sendOut, message);
  }

  /**
   * A send-out claimed again (put back to PENDING after a transient failure, or waiting for an earlier
   * version) whose minutes the clerk withdrew meanwhile: intake cancelled what was PENDING when it
   * withdrew them, and this one was claimed then. Read fresh, and only on a later attempt, so a first
   * attempt costs no read; the summary goes out all the same.
   */
  private boolean withdrawnSinceFirstAttempt(SendOut claimed) {
    if (claimed.attempts() <= 1 || claimed.kind() == SendOutKind.SUMMARY || claimed.kind().isSubscriberMail()) {
      return false;
    }
    return minutesStore.findMinutes(claimed.minutesId()).map(m -> m.status() == MinutesStatus.WITHDRAWN)
        .orElse(false);
  }

  /** Why the claim was refused decides: no such send-out, another mailer's claim, or settled already. */
  private Delivery notClaimed(SendOutMessage message) {
    var now = sendOutStore.findSendOut(message.minutesId(), message.paragraph(), message.target());
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

  /**
   * On a claim after an earlier attempt (a takeover of a stale claim, or a retry), what SES
   * reported accepting for an earlier attempt: read after the claim and consistently, so a Send
   * event recorded before the claim is seen. Empty on a first attempt, which needs no read.
   */
  private Optional<SendOutStore.Acceptance> acceptedEarlier(SendOut claimed) {
    if (claimed.attempts() <= 1 || claimed.kind() == SendOutKind.CASE_FILE || claimed.kind() == SendOutKind.UNRESOLVED) {
      return Optional.empty();
    }
    return sendOutStore.acceptance(claimed).filter(accepted -> accepted.attempt() < claimed.attempts());
  }

  /** SES has this send-out's mail from an attempt whose answer was lost: settle, don't send again. */
  private Delivery settleAsAccepted(SendOut sendOut, SendOutStore.Acceptance accepted) {
    LOG.info(() -> "SES accepted " + describe(sendOut) + " in attempt " + accepted.attempt() + " as message "
        + accepted.messageId() + " (its Send event); settled without sending again");
    var settled = sendOut.withStatus(SendOutStatus.SENT, clock.instant(), "Accepted by SES in attempt "
        + accepted.attempt() + " (Send event); not sent again", accepted.messageId());
    sendOutStore.updateSendOut(settled);
    return Delivery.done(settled);
  }

  /**
   * Mails, files or writes to the clerk, and records the outcome: settled (SENT, FILED, FAILED),
   * back to PENDING for a retry, or still claimed when SES's outcome is unknown.
   */
  private Delivery carryOut(SendOut sendOut, SendOutMessage message) {
    SendOut settled;
    try {
      var carried = carriedOver(sendOut);
      if (carried.isPresent() && carried.get().status() == SendOutStatus.PENDING) {
        sendOutStore.updateSendOut(carried.get());
        return Delivery.RETRY;
      }
      settled = carried.isPresent() ? carried.get() : switch (sendOut.kind()) {
        case EMAIL -> mailDecision(sendOut);
        case CASE_FILE -> file(sendOut);
        case RECEIPT, SUMMARY -> mailClerk(sendOut);
        case SUBSCRIPTION_CONFIRMATION, SUBSCRIBER_NOTICE -> mailSubscriber(sendOut, message);
        // Intake settles these itself and never queues them.
        case UNRESOLVED -> sendOut.withStatus(SendOutStatus.UNRESOLVED, clock.instant(), sendOut.detail(), null);
      };
    } catch (MailSender.SendFailure failure) {
      if (failure.kind() == MailSender.SendFailure.Kind.OUTCOME_UNKNOWN) {
        return keepClaim(sendOut, failure);
      }
      if (failure.kind() == MailSender.SendFailure.Kind.TRANSIENT) {
        return retryLater(sendOut, failure);
      }
      settled = failed(sendOut, failure);
    } catch (IllegalArgumentException unsendable) {
      LOG.warning(() -> "Cannot send " + describe(sendOut) + ": " + unsendable.getMessage());
      settled = sendOut.withStatus(SendOutStatus.FAILED, clock.instant(), unsendable.getMessage(), null);
    } catch (RuntimeException failure) {
      // A store or the object store failed on the way (reading the minutes, filing the extract).
      switch (failureKinds.of(failure)) {
        case TRANSIENT -> {
          return retryLater(sendOut, failure);
        }
        case PERMANENT -> settled = failed(sendOut, failure);
        default -> throw failure;
      }
    }
    sendOutStore.updateSendOut(settled);
    return Delivery.done(settled);
  }

  /**
   * A corrected version's send-out of a paragraph the correction left unchanged, which intake left
   * PENDING because the earlier version's send-out to the same target had not settled: that one's
   * outcome carries over. Reached: UNCHANGED, nothing sent. Still open: back to PENDING (returned
   * so), and the message comes back after the backoff. Failed: empty, and this one is sent, the
   * first mail of the decision to reach the target. Empty too for anything else.
   */
  private Optional<SendOut> carriedOver(SendOut sendOut) {
    if (sendOut.kind() != SendOutKind.EMAIL && sendOut.kind() != SendOutKind.CASE_FILE) {
      return Optional.empty();
    }
    var minutesContents = contents.of(sendOut.minutesId());
    var minutes = minutesContents.minutes();
    if (minutes.supersedes() == null || contents.isCorrection(minutes, minutesContents.paragraphOf(sendOut))) {
      return Optional.empty();
    }
    var earlier = sendOutStore.findSendOut(minutes.supersedes(), sendOut.paragraph(), sendOut.target());
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    int earlierVersion = minutes.version() - 1;
    return switch (Corrections.carryOver(earlier.get().status())) {
      case REACHED -> {
        LOG.info(() -> "Unchanged " + describe(sendOut) + ": version " + earlierVersion + " reached the target ("
            + earlier.get().status() + "); not sent again");
        yield Optional.of(Corrections.unchanged(sendOut, earlier.get(), earlierVersion, clock.instant()));
      }
      case UNSETTLED -> {
        LOG.info(() -> "Unchanged " + describe(sendOut) + " waits for version " + earlierVersion
            + "'s send-out to the same target (" + earlier.get().status() + ")");
        yield Optional.of(sendOut.withStatus(SendOutStatus.PENDING, clock.instant(), "Waits for version "
            + earlierVersion + "'s send-out to this target (" + earlier.get().status() + ")", null));
      }
      case NOT_REACHED -> Optional.empty();
    };
  }

  /**
   * SES may have accepted the mail. Treated as a crash: the claim stays and only a takeover after
   * it goes stale sends again, the one way a second mail can arise.
   */
  private Delivery keepClaim(SendOut sendOut, RuntimeException unknown) {
    LOG.warning(() -> "Outcome of the SES call unknown for " + describe(sendOut) + "; the claim stays until it is"
        + " stale, then a redelivery sends again: " + unknown.getMessage());
    sendOutStore.updateSendOut(sendOut.withStatus(SendOutStatus.SENDING, clock.instant(),
        "SES outcome unknown (" + unknown.getMessage() + "); sent again after the claim goes stale", null));
    return Delivery.RETRY;
  }

  /** Back to PENDING at once, and the message comes back after the backoff. */
  private Delivery retryLater(SendOut sendOut, RuntimeException failure) {
    LOG.warning(() -> "Transient failure for " + describe(sendOut) + ", will retry: " + failure.getMessage());
    sendOutStore.updateSendOut(sendOut.withStatus(SendOutStatus.PENDING, clock.instant(), "Retrying: " + failure.getMessage(), null));
    return Delivery.RETRY;
  }

  private SendOut failed(SendOut sendOut, RuntimeException failure) {
    LOG.warning(() -> "Permanent failure for " + describe(sendOut) + ": " + failure.getMessage());
    return sendOut.withStatus(SendOutStatus.FAILED, clock.instant(), failure.getMessage(), null);
  }

  /**
   * Counts the settled send-outs and, once no send-out of the minutes is left PENDING or SENDING,
   * queues the summary to the clerk. The SUMMARY send-out is created with a conditional write, so
   * of two mailers settling the last two send-outs at once only one creates it; a second message
   * for it would find it claimed.
   */
  private void summarizeWhenSettled(String minutesId, List<SendOut> settledNow) {
    // One conditional write per batch; the whole partition is read only once the count is reached.
    if (!sendOutStore.recordSettled(minutesId, settledNow.stream().map(SendOutStore.SendOutKey::of).toList())
        .complete()) {
      return;
    }
    var sendOuts = sendOutStore.sendOuts(minutesId);
    if (sendOuts.stream().anyMatch(s -> s.kind() != SendOutKind.SUMMARY && !s.status().isTerminal())) {
      return;
    }
    var summary = sendOuts.stream().filter(s -> s.kind() == SendOutKind.SUMMARY).findFirst();
    if (summary.isEmpty()) {
      var minutes = minutesStore.findMinutes(minutesId).orElseThrow();
      if (minutes.status() == MinutesStatus.REJECTED || minutes.status() == MinutesStatus.NEEDS_CLERK) {
        return; // nothing was sent: the receipt said all there is to say
      }
      var clerk = contents.clerkOf(minutes);
      if (clerk.isEmpty()) {
        LOG.warning(() -> "Minutes " + minutesId + " are settled, but the organ '" + minutes.organ()
            + "' has no valid clerk address for the summary");
        return;
      }
      var created = SendOut.toClerk(minutesId, SendOutKind.SUMMARY, clerk.get(), minutes.organ(), clock.instant());
      if (sendOutStore.createSendOut(created)) {
        LOG.info(() -> "Every send-out of minutes " + minutesId + " is settled; summary to " + clerk.get());
      }
      summary = sendOutStore.findSendOut(created.minutesId(), created.paragraph(), created.target());
    }
    // Queued again while PENDING: this mends a crash between the create and the enqueue, and the
    // claim absorbs a second message.
    summary.filter(s -> s.status() == SendOutStatus.PENDING).ifPresent(s ->
        queues.enqueueSendOuts(List.of(new SendOutMessage(s.minutesId(), s.paragraph(), s.target()))));
  }

  private SendOut mailDecision(SendOut sendOut) {
    var minutesContents = contents.of(sendOut.minutesId());
    var minutes = minutesContents.minutes();
    var paragraph = minutesContents.paragraphOf(sendOut);
    var mail = composer.compose(minutes, paragraph, sendOut, minutesContents.notice(), minutesContents.clerk(),
        SwedishTime.today(clock), contents.isCorrection(minutes, paragraph));
    var messageId = send(mail, sendOut);
    LOG.info(() -> "Sent " + describe(sendOut) + " as SES message " + messageId);
    return sendOut.withStatus(SendOutStatus.SENT, clock.instant(), null, messageId);
  }

  private SendOut mailClerk(SendOut sendOut) {
    var minutes = minutesStore.findMinutes(sendOut.minutesId()).orElseThrow();
    var sendOuts = sendOutStore.sendOuts(sendOut.minutesId());
    var mail = sendOut.kind() == SendOutKind.RECEIPT
        ? clerkComposer.receipt(sendOut.address(), minutes, minutesStore.paragraphs(sendOut.minutesId()),
            noticeStore.notices(sendOut.minutesId()), sendOuts, setupStore.loadSetup())
        : clerkComposer.summary(sendOut.address(), minutes, sendOuts);
    var messageId = send(mail, sendOut);
    LOG.info(() -> "Sent the " + sendOut.kind().name().toLowerCase(Locale.ROOT) + " of minutes "
        + sendOut.minutesId().substring(0, 12) + " to " + sendOut.address() + " as SES message " + messageId);
    return sendOut.withStatus(SendOutStatus.SENT, clock.instant(), null, messageId);
  }

  /**
   * A mail to a subscriber, to the address the subscription has now: nothing when it has ended (or, for
   * a confirmation, was confirmed already) and a notice only to a confirmed one. The address is in no
   * log line and no detail: a failure's message is stripped of it.
   */
  private SendOut mailSubscriber(SendOut sendOut, SendOutMessage message) {
    var now = clock.instant();
    var subscription = subscriptions.find(sendOut.subscriptionId(), now);
    boolean confirmation = sendOut.kind() == SendOutKind.SUBSCRIPTION_CONFIRMATION;
    if (subscription.isEmpty() || subscription.get().isConfirmed() == confirmation) {
      var why = subscription.isEmpty() ? "The subscription ended (unsubscribed, bounced or expired) before sending"
          : confirmation ? "Confirmed already before the confirmation went out" : "Not confirmed";
      LOG.info(() -> "Not sent: " + describe(sendOut) + ": " + why);
      return sendOut.withStatus(SendOutStatus.CANCELLED, now, why + "; nothing sent", null);
    }
    var subscribed = subscription.get();
    var setup = setupStore.loadSetup();
    var boardName = setup.board(subscribed.boardId()).map(se.anslag.domain.Board::name).orElse(subscribed.boardId());
    var organName = subscribed.organSlug() == null ? null
        : setup.organ(subscribed.organSlug()).map(se.anslag.setup.Organ::name).orElse(subscribed.organSlug());
    var followed = new SubscriberMailComposer.Followed(boardName, organName);
    var site = subscriptionConfig.siteUrl();
    MailMessage mail;
    if (confirmation) {
      if (message == null || message.token() == null) {
        // The token is stored only as a hash: without the message's copy the link cannot be written.
        return sendOut.withStatus(SendOutStatus.FAILED, now, "The queue message carries no confirmation token;"
            + " the address has to ask again", null);
      }
      mail = subscriberComposer.confirmation(subscribed.address(), followed,
          subscriptionConfig.confirmUrl(message.token()), subscribed.expiresAt().atZone(SwedishTime.ZONE));
    } else {
      var minutesId = sendOut.noticeMinutesId();
      var mailing = subscriptions.mailing(minutesId, sendOut.noticeBoardId()).orElseThrow(() ->
          new IllegalStateException("No mailing record for " + describe(sendOut) + "; the board run writes it first"));
      var minutes = minutesStore.findMinutes(minutesId).orElseThrow();
      if (minutes.status() == MinutesStatus.WITHDRAWN) {
        LOG.info(() -> "Not sent: " + describe(sendOut) + ": the notice was withdrawn");
        return sendOut.withStatus(SendOutStatus.CANCELLED, now, "The notice was withdrawn; nothing sent", null);
      }
      var notice = noticeStore.notices(minutesId).stream().filter(n -> n.boardId().equals(sendOut.noticeBoardId()))
          .findFirst().orElseThrow();
      mail = subscriberComposer.notice(subscribed.address(), followed, minutes, minutesStore.paragraphs(minutesId),
          notice, site + "/" + mailing.pageKey().replaceAll("index\\.html$", ""),
          subscriptionConfig.unsubscribeUrl(subscribed.unsubscribeToken()), PersonalIdentityNumbers::redact);
    }
    String messageId;
    try {
      messageId = send(mail, sendOut);
    } catch (MailSender.SendFailure failure) {
      throw new MailSender.SendFailure(failure.kind(), String.valueOf(failure.getMessage())
          .replace(subscribed.address(), "<subscriber>"), null);
    }
    LOG.info(() -> "Sent " + describe(sendOut) + " as SES message " + messageId);
    return sendOut.withStatus(SendOutStatus.SENT, now, null, messageId);
  }

  /** The mail names its send-out and attempt in a header, which SES's Send event repeats. */
  private String send(MailMessage mail, SendOut sendOut) {
    return mailSender.send(mail,
        new SendOutHeader(sendOut.minutesId(), sendOut.paragraph(), sendOut.target(), sendOut.attempts()));
  }

  private SendOut file(SendOut sendOut) {
    var minutesContents = contents.of(sendOut.minutesId());
    var minutes = minutesContents.minutes();
    var paragraph = minutesContents.paragraphOf(sendOut);
    var caseFolder = paragraph.caseNumber() == null ? "utan-diarienummer" : paragraph.caseNumber().replaceAll("[^\\p{L}\\p{N}.-]+", "_");
    var key = "case-files/%s/%s-%s-paragraf-%d.txt".formatted(caseFolder, minutes.meetingDate(), minutes.organSlug(), paragraph.number());
    var extract = composer.text(minutes, paragraph, sendOut, minutesContents.notice(),
        contents.isCorrection(minutes, paragraph));
    objects.put(config.archiveBucket(), key, extract.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", null);
    LOG.info(() -> "Filed " + describe(sendOut) + " as " + key);
    return sendOut.withStatus(SendOutStatus.FILED, clock.instant(), "Filed in the case record as " + key, null);
  }

  private static String describe(SendOut sendOut) {
    return "minutes " + sendOut.minutesId().substring(0, 12) + " § " + sendOut.paragraph() + " to " + sendOut.target();
  }
}
