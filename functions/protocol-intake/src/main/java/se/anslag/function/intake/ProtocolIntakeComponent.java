package se.anslag.function.intake;

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
import se.anslag.intake.ProtocolIntake;
import se.anslag.intake.DeskRequests;
import se.anslag.reader.MinutesReader;
import se.anslag.storage.StorageModule;

/**
 * The Dagger component of ProtocolIntakeFunction: intake with its minutes reader, built once per
 * execution environment.
 */
@Singleton
@Component(modules = {ConfigModule.class, StorageModule.class, QueueModule.class,
    ProtocolIntakeComponent.ReaderModule.class})
interface ProtocolIntakeComponent {
  ProtocolIntake intake();

  DeskRequests deskRequests();

  MinutesReader reader();

  ObjectMapper json();

  @Component.Builder
  interface Builder {
    @BindsInstance
    Builder environment(@Named("environment") Map<String, String> environment);

    @BindsInstance
    Builder clock(Clock clock);

    ProtocolIntakeComponent build();
  }

  @Module
  final class ReaderModule {
    private ReaderModule() {}

    @Provides
    @Singleton
    static MinutesReader reader() {
      return new MinutesReader();
    }
  }
}
