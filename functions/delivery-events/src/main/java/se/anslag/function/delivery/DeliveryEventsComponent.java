package se.anslag.function.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import java.util.Map;
import javax.inject.Named;
import javax.inject.Singleton;
import se.anslag.aws.ConfigModule;
import se.anslag.deliveryevents.DeliveryEventRecorder;
import se.anslag.storage.StorageModule;

/**
 * The Dagger component of DeliveryEventsFunction: the recorder of SES events and JSON, built once
 * per execution environment.
 */
@Singleton
@Component(modules = {ConfigModule.class, StorageModule.class})
interface DeliveryEventsComponent {
  DeliveryEventRecorder recorder();

  ObjectMapper json();

  @Component.Builder
  interface Builder {
    @BindsInstance
    Builder environment(@Named("environment") Map<String, String> environment);

    @BindsInstance
    Builder clock(Clock clock);

    DeliveryEventsComponent build();
  }
}
