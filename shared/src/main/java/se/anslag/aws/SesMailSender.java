package se.anslag.aws;

import java.time.Clock;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.compose.MailMessage;
import se.anslag.compose.RawMime;
import se.anslag.compose.SendOutHeader;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.SwedishTime;
import se.anslag.ports.MailSender;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Sends mail through SES v2 as raw MIME (the only SES content that carries an attachment), through
 * the configuration set when there is one, and tells what a failure means: throttling and a
 * connection never made are transient, a rejected address or content permanent, and a request that
 * reached SES without a clear answer (a 5xx, or no answer at all) an unknown outcome: SES may have
 * accepted the mail before it failed. The SES client makes no retries of its
 * own (SesModule): SendEmail is not idempotent.
 */
@Singleton
public final class SesMailSender implements MailSender {
  private final SesV2Client ses;
  private final AnslagConfig config;
  private final Clock clock;

  @Inject
  public SesMailSender(SesV2Client ses, AnslagConfig config, Clock clock) {
    this.ses = ses;
    this.config = config;
    this.clock = clock;
  }

  /** The mail names its send-out and attempt in a header, which SES's Send event repeats. */
  @Override
  public String send(MailMessage mail, SendOutHeader sendOut) {
    var raw = RawMime.build(mail, config.mailFrom(), SwedishTime.now(clock), null, sendOut);
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
      // Nothing was sent when no connection was made; anything later may have reached SES.
      throw new SendFailure(neverReachedSes(noAnswer) ? SendFailure.Kind.TRANSIENT : SendFailure.Kind.OUTCOME_UNKNOWN,
          noAnswer.getMessage(), noAnswer);
    } catch (SdkException refused) {
      throw new SendFailure(kindOf(refused), refused.getMessage(), refused);
    }
  }

  /** No connection was made, so SES cannot have the request. */
  static boolean neverReachedSes(Throwable failure) {
    for (var cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
          || cause instanceof java.net.NoRouteToHostException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Throttling refuses the request before SES takes it: sent again later. A 5xx is SES failing on
   * the way, possibly after it took the mail, so its outcome is unknown like a lost answer. Rejected
   * addresses or content are permanent.
   */
  static SendFailure.Kind kindOf(SdkException failure) {
    if (failure instanceof SesV2Exception service) {
      if (service.statusCode() == 429 || service.isThrottlingException()) {
        return SendFailure.Kind.TRANSIENT;
      }
      return service.statusCode() >= 500 ? SendFailure.Kind.OUTCOME_UNKNOWN : SendFailure.Kind.PERMANENT;
    }
    return failure.retryable() ? SendFailure.Kind.OUTCOME_UNKNOWN : SendFailure.Kind.PERMANENT;
  }
}
