package se.anslag.local.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.anslag.aws.DynamoDbModule_DynamoDbFactory;
import se.anslag.aws.SesModule_SesFactory;
import se.anslag.aws.SqsModule_SqsFactory;
import se.anslag.config.AnslagConfig;
import se.anslag.ports.ObjectStore;
import se.anslag.storage.S3Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The floor of a function's cold start: a handler that builds only the clients the function's
 * component builds, each through the same provider (Dagger's generated factory of the shared
 * module's method, or S3Objects' constructor: the same HTTP client, region, endpoint and
 * credentials), and whose invocation makes one trivial request to the service the function calls
 * first. Started by {@link RuntimeStandIn} on the function's own artifact with the function's
 * environment and {@value #CLIENTS_VARIABLE} (such as {@code S3,DYNAMODB,SQS}: the clients to build,
 * the first of them the one to request).
 */
public final class FloorHandler implements RequestStreamHandler {
  public static final String CLIENTS_VARIABLE = "COLD_START_FLOOR_CLIENTS";
  private static final String ABSENT = "cold-start-floor";

  private final AnslagConfig config;
  private final String first;
  private final Map<String, Object> clients = new LinkedHashMap<>();

  public FloorHandler() {
    var environment = System.getenv();
    this.config = AnslagConfig.fromEnvironment(environment);
    var services = List.of(environment.getOrDefault(CLIENTS_VARIABLE, "").split(","));
    this.first = services.getFirst();
    for (var service : services) {
      clients.put(service, client(service));
    }
  }

  // Object, not the client types: a function's artifact holds only the SDK modules it uses, and
  // the verifier would load every type this method returned.
  private Object client(String service) {
    return switch (service) {
      case "DYNAMODB" -> DynamoDbModule_DynamoDbFactory.dynamoDb(config);
      case "S3" -> new S3Objects(config);
      case "SQS" -> SqsModule_SqsFactory.sqs(config);
      case "SESV2" -> SesModule_SesFactory.ses(config);
      default -> throw new IllegalArgumentException(CLIENTS_VARIABLE + " names " + service
          + ", not one of DYNAMODB, S3, SQS, SESV2");
    };
  }

  /** A read of an item or object that is not there: one round trip, nothing to decode. */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    switch (first) {
      case "DYNAMODB" -> ((DynamoDbClient) clients.get(first)).getItem(b -> b.tableName(config.tableName())
          .key(Map.of("pk", AttributeValue.fromS(ABSENT), "sk", AttributeValue.fromS(ABSENT))));
      case "S3" -> {
        try {
          ((S3Objects) clients.get(first)).get(config.protocolsBucket(), ABSENT, 1);
        } catch (ObjectStore.NoSuchObjectException expected) {
          // the answer the floor asks for
        }
      }
      default -> throw new IllegalArgumentException("the floor requests DYNAMODB or S3 first, not " + first);
    }
  }
}
