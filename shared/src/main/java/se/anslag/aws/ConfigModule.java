package se.anslag.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Module;
import dagger.Provides;
import java.util.Map;
import javax.inject.Named;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import se.anslag.format.Json;
import se.anslag.ports.FailureKinds;

/** Configuration, JSON and the kinds of failure, shared by every function's component. */
@Module
public final class ConfigModule {
  private ConfigModule() {}

  @Provides
  @Singleton
  static AnslagConfig config(@Named("environment") Map<String, String> environment) {
    return AnslagConfig.fromEnvironment(environment);
  }

  @Provides
  @Singleton
  static ObjectMapper objectMapper() {
    return Json.mapper();
  }

  /** How the services tell the SDK's failures apart. */
  @Provides
  static FailureKinds failureKinds() {
    return new AwsFailureKinds();
  }
}
