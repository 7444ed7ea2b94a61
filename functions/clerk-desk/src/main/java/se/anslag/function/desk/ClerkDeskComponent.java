package se.anslag.function.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.Map;
import javax.inject.Named;
import javax.inject.Singleton;
import se.anslag.aws.ConfigModule;
import se.anslag.aws.QueueModule;
import se.anslag.config.AnslagConfig;
import se.anslag.desk.ClerkDesk;
import se.anslag.desk.DeskConfig;
import se.anslag.desk.DeskPages;
import se.anslag.storage.StorageModule;

/**
 * The Dagger component of ClerkDeskFunction: the desk's service and pages over the stores, built
 * once per execution environment.
 */
@Singleton
@Component(modules = {ConfigModule.class, StorageModule.class, QueueModule.class, ClerkDeskComponent.DeskModule.class})
interface ClerkDeskComponent {
  ClerkDesk desk();

  ObjectMapper json();

  @Component.Builder
  interface Builder {
    @BindsInstance
    Builder environment(@Named("environment") Map<String, String> environment);

    @BindsInstance
    Builder clock(Clock clock);

    ClerkDeskComponent build();
  }

  @Module
  final class DeskModule {
    private DeskModule() {}

    @Provides
    @Singleton
    static DeskConfig deskConfig(@Named("environment") Map<String, String> environment, AnslagConfig config) {
      return DeskConfig.fromEnvironment(environment, config);
    }

    @Provides
    @Singleton
    static DeskPages pages() {
      return new DeskPages(); // read once, during init
    }
  }
}
