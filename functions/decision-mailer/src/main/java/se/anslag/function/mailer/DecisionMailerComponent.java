package se.anslag.function.mailer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import java.util.Map;
import javax.inject.Named;
import javax.inject.Singleton;
import se.anslag.compose.DecisionMailComposer;
import se.anslag.aws.ConfigModule;
import se.anslag.aws.QueueModule;
import se.anslag.aws.SesModule;
import se.anslag.sending.DecisionMailer;
import se.anslag.sending.SendOutRetries;
import se.anslag.storage.StorageModule;

/**
 * The Dagger component of DecisionMailerFunction: the mailer, its retry backoff and JSON, built
 * once per execution environment.
 */
@Singleton
@Component(modules = {ConfigModule.class, StorageModule.class, SesModule.class, QueueModule.class})
interface DecisionMailerComponent {
  DecisionMailer mailer();

  SendOutRetries retries();

  ObjectMapper json();

  DecisionMailComposer composer();

  @Component.Builder
  interface Builder {
    @BindsInstance
    Builder environment(@Named("environment") Map<String, String> environment);

    @BindsInstance
    Builder clock(Clock clock);

    DecisionMailerComponent build();
  }
}
