package se.anslag.function.subscriptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import java.util.Map;
import javax.inject.Named;
import javax.inject.Singleton;
import se.anslag.aws.ConfigModule;
import se.anslag.aws.QueueModule;
import se.anslag.storage.StorageModule;
import se.anslag.subscriptions.SubscriptionRoutes;

/**
 * The Dagger component of BoardSubscriptionsFunction: the public subscription routes over the stores and
 * the send-out queue, built once per execution environment.
 */
@Singleton
@Component(modules = {ConfigModule.class, StorageModule.class, QueueModule.class})
interface BoardSubscriptionsComponent {
  SubscriptionRoutes routes();

  ObjectMapper json();

  @Component.Builder
  interface Builder {
    @BindsInstance
    Builder environment(@Named("environment") Map<String, String> environment);

    @BindsInstance
    Builder clock(Clock clock);

    BoardSubscriptionsComponent build();
  }
}
