package se.anslag.function.mailer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import java.util.Map;
import javax.inject.Named;
import javax.inject.Singleton;
import se.anslag.aws.ConfigModule;
import se.anslag.aws.DynamoDbModule;
import se.anslag.aws.SesModule;
import se.anslag.aws.SqsModule;
import se.anslag.mailer.DecisionMailer;
import se.anslag.mailer.SendOutRetries;

@Singleton
@Component(modules = {ConfigModule.class, DynamoDbModule.class, SesModule.class, SqsModule.class})
interface DecisionMailerComponent {
  DecisionMailer mailer();

  SendOutRetries retries();

  ObjectMapper json();

  @Component.Builder
  interface Builder {
    @BindsInstance
    Builder environment(@Named("environment") Map<String, String> environment);

    @BindsInstance
    Builder clock(Clock clock);

    DecisionMailerComponent build();
  }
}
