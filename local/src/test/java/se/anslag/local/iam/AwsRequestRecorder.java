package se.anslag.local.iam;

import java.util.Optional;
import se.anslag.local.cloud.FunctionCredentials;
import se.anslag.local.cloud.LocalCloud;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every request that a function's SDK client sends (each attempt, signed), as the
 * authorisations IAM makes for it ({@link AwsRequests}), in {@link RecordedRequests}. The SDK loads
 * it for every client it builds in the test JVMs of the local module, from
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} among the test resources;
 * the first client it is loaded for (the local cloud builds its own before any function starts)
 * also installs {@link S3RequestRecorder} for the S3 requests that do not go through the SDK.
 * It never fails a request: what it cannot read becomes a {@link RecordedRequests.Problem}.
 */
public final class AwsRequestRecorder implements ExecutionInterceptor {

  static {
    S3RequestRecorder.install();
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    var owner = RecordedRequests.signer(context.httpRequest().firstMatchingHeader("Authorization"));
    if (owner.isEmpty()) {
      return; // the local cloud's own clients, the CLI, the tests: not a function's requests
    }
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    try {
      for (IamRequest request : AwsRequests.ofSdk(service, operation, context.request(), keySchemas(owner.get()))) {
        RecordedRequests.record(owner.get(), request);
      }
    } catch (RuntimeException unreadable) {
      RecordedRequests.problem(owner.get(), service + " " + operation + ": " + unreadable.getMessage());
    }
  }

  /** The key attributes of the tables of the owner's cloud, by their names there. */
  static AwsRequests.KeySchemas keySchemas(FunctionCredentials.Owner owner) {
    LocalCloud cloud = owner.cloud();
    return (tableName, indexName) -> {
      for (var table : cloud.template().resourcesOfType("AWS::DynamoDB::Table")) {
        if (!cloud.physicalId(table.logicalId()).equals(tableName)) {
          continue;
        }
        var properties = cloud.resolve(table.properties());
        var schema = indexName.isEmpty() ? properties.path("KeySchema") : indexSchema(properties, indexName.get());
        for (var element : schema) {
          if (element.path("KeyType").asText().equals("HASH")) {
            return Optional.of(element.path("AttributeName").asText());
          }
        }
      }
      return Optional.empty();
    };
  }

  private static com.fasterxml.jackson.databind.JsonNode indexSchema(com.fasterxml.jackson.databind.JsonNode table,
      String indexName) {
    for (String kind : new String[] {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
      for (var index : table.path(kind)) {
        if (index.path("IndexName").asText().equals(indexName)) {
          return index.path("KeySchema");
        }
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
