package se.anslag.aws;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import se.anslag.ports.MailSender;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The SES v2 client of the mailer, without SDK retries, and the mail sender on it. */
@Module
public final class SesModule {
  private SesModule() {}

  @Provides
  @Singleton
  static SesV2Client ses(AnslagConfig config) {
    // No SDK retries: SendEmail is not idempotent, and a retry after a lost response would send the
    // mail again unseen by the claim. Failures go back to the queue instead (see DecisionMailer).
    return AwsClients.configure(SesV2Client.builder(), config, "SESV2")
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Provides
  static MailSender mailSender(SesMailSender sender) {
    return sender;
  }
}
