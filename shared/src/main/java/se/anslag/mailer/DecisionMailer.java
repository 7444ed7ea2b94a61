package se.anslag.mailer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.Notice;
import se.anslag.domain.Paragraph;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.mail.DecisionMailComposer;
import se.anslag.mail.MailMessage;
import se.anslag.setup.Organ;
import se.anslag.storage.AnslagTable;
import se.anslag.storage.S3Objects;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Sends one decision to one recipient, or files it in the case record, exactly once in effect:
 * the send-out is claimed by a conditional write before SES is called and marked SENT after.
 */
@Singleton
public final class DecisionMailer {
  /**
   * A claim older than this belongs to a mailer that died (the function timeout is 30 s); a
   * redelivered message may then take it over.
   */
  static final Duration CLAIM_STALE_AFTER = Duration.ofMinutes(2);

  private static final Logger LOG = Logger.getLogger(DecisionMailer.class.getName());

  private final AnslagTable table;
  private final SesV2Client ses;
  private final S3Objects s3;
  private final DecisionMailComposer composer;
  private final AnslagConfig config;
  private final Clock clock;

  @Inject
  public DecisionMailer(AnslagTable table, SesV2Client ses, S3Objects s3, DecisionMailComposer composer,
      AnslagConfig config, Clock clock) {
    this.table = table;
    this.ses = ses;
    this.s3 = s3;
    this.composer = composer;
    this.config = config;
    this.clock = clock;
  }

  /** DONE: the message can be deleted. RETRY: a transient failure; the queue delivers it again. */
  public enum Outcome { DONE, RETRY }

  public Outcome deliver(SendOutMessage message) {
    var found = table.findSendOut(message.minutesId(), message.paragraph(), message.target());
    if (found.isEmpty()) {
      LOG.severe(() -> "No send-out record for " + message + "; intake writes it before queueing, so this message"
          + " is not Anslag's and is left unprocessed");
      return Outcome.DONE;
    }
    if (found.get().status().isTerminal()) {
      return Outcome.DONE;
    }
    var claimed = table.claimSendOut(found.get(), clock.instant(), CLAIM_STALE_AFTER);
    if (claimed.isEmpty()) {
      // Another mailer holds a fresh claim or has finished: its outcome stands.
      return Outcome.DONE;
    }
    var sendOut = claimed.get();
    var minutes = table.findMinutes(sendOut.minutesId()).orElseThrow();
    var paragraph = table.paragraph(sendOut.minutesId(), sendOut.paragraph()).orElseThrow();
    var notice = table.notices(sendOut.minutesId()).stream()
        .max(java.util.Comparator.comparing(Notice::postedOnThisBoard)).orElseThrow();
    try {
      var settled = sendOut.kind() == SendOutKind.CASE_FILE
          ? file(sendOut, minutes, paragraph, notice)
          : mail(sendOut, minutes, paragraph, notice);
      table.updateSendOut(settled);
      return Outcome.DONE;
    } catch (SdkException | S3Objects.S3RequestException | java.io.UncheckedIOException failure) {
      if (isTransient(failure)) {
        LOG.warning(() -> "Transient failure for " + describe(sendOut) + ", will retry: " + failure.getMessage());
        table.updateSendOut(sendOut.withStatus(SendOutStatus.PENDING, clock.instant(), "Retrying: " + failure.getMessage(), null));
        return Outcome.RETRY;
      }
      LOG.warning(() -> "Permanent failure for " + describe(sendOut) + ": " + failure.getMessage());
      table.updateSendOut(sendOut.withStatus(SendOutStatus.FAILED, clock.instant(), failure.getMessage(), null));
      return Outcome.DONE;
    } catch (IllegalArgumentException unsendable) {
      table.updateSendOut(sendOut.withStatus(SendOutStatus.FAILED, clock.instant(), unsendable.getMessage(), null));
      return Outcome.DONE;
    }
  }

  private SendOut mail(SendOut sendOut, MinutesRecord minutes, Paragraph paragraph, Notice notice) {
    var clerk = table.loadSetup().organs().stream()
        .filter(organ -> organ.slug().equals(minutes.organSlug())).findFirst().map(Organ::clerkAddress);
    MailMessage mail = composer.compose(minutes, paragraph, sendOut, notice, clerk);
    var response = ses.sendEmail(b -> {
      b.fromEmailAddress(config.mailFrom())
          .destination(d -> d.toAddresses(mail.to()))
          .content(c -> c.simple(m -> m
              .subject(s -> s.data(mail.subject()).charset("UTF-8"))
              .body(body -> body
                  .text(t -> t.data(mail.text()).charset("UTF-8"))
                  .html(h -> h.data(mail.html()).charset("UTF-8")))));
      config.sesConfigurationSet().ifPresent(b::configurationSetName);
      if (mail.replyTo() != null) {
        b.replyToAddresses(mail.replyTo());
      }
    });
    LOG.info(() -> "Sent " + describe(sendOut) + " as SES message " + response.messageId());
    return sendOut.withStatus(SendOutStatus.SENT, clock.instant(), null, response.messageId());
  }

  private SendOut file(SendOut sendOut, MinutesRecord minutes, Paragraph paragraph, Notice notice) {
    var caseFolder = paragraph.caseNumber() == null ? "utan-diarienummer" : paragraph.caseNumber().replaceAll("[^\\p{L}\\p{N}.-]+", "_");
    var key = "case-files/%s/%s-%s-paragraf-%d.txt".formatted(caseFolder, minutes.meetingDate(), minutes.organSlug(), paragraph.number());
    var extract = composer.text(minutes, paragraph, sendOut, notice);
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
