package se.anslag.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every Lambda function of a SAM-transformed template with the policies of its role: the role's
 * inline policies, AWS::IAM::Policy and AWS::IAM::ManagedPolicy resources attached to it (the
 * template's own grants), and the AWS managed policies it names; and the template's bucket
 * policies (resource-based). Resolving them needs the physical names of one local cloud, so each
 * is kept unresolved and resolved by {@link #statements}.
 */
final class FunctionRoles {

  /** A function and where its grants are. */
  record Function(String logicalId, String roleLogicalId, JsonNode properties,
      List<Map.Entry<String, JsonNode>> ownPolicies, List<String> managedPolicyArns) {}

  /** A policy document as the template holds it, with the resource it applies to (for resource-based ones). */
  record ResourcePolicy(String origin, JsonNode target, JsonNode document) {}

  private static final JsonNode MANAGED = readManaged();

  private final Map<String, Function> functions = new LinkedHashMap<>();
  private final List<ResourcePolicy> bucketPolicies = new ArrayList<>();
  private final Map<String, List<JsonNode>> asyncDestinations = new LinkedHashMap<>();

  FunctionRoles(JsonNode transformed) {
    JsonNode resources = transformed.path("Resources");
    for (var entry : resources.properties()) {
      JsonNode resource = entry.getValue();
      switch (resource.path("Type").asText()) {
        case "AWS::Lambda::Function" -> functions.put(entry.getKey(), function(entry.getKey(), resource, resources));
        case "AWS::S3::BucketPolicy" -> bucketPolicies.add(new ResourcePolicy(entry.getKey(),
            resource.path("Properties").path("Bucket"), resource.path("Properties").path("PolicyDocument")));
        case "AWS::Lambda::EventInvokeConfig" -> {
          JsonNode properties = resource.path("Properties");
          for (String outcome : List.of("OnFailure", "OnSuccess")) {
            JsonNode destination = properties.path("DestinationConfig").path(outcome).path("Destination");
            if (!destination.isMissingNode()) {
              asyncDestinations.computeIfAbsent(properties.path("FunctionName").path("Ref").asText(),
                  f -> new ArrayList<>()).add(destination);
            }
          }
        }
        default -> { }
      }
    }
  }

  private static Function function(String logicalId, JsonNode function, JsonNode resources) {
    JsonNode role = function.path("Properties").path("Role");
    JsonNode getAtt = role.path("Fn::GetAtt");
    if (!getAtt.isArray() || getAtt.size() != 2 || !getAtt.get(1).asText().equals("Arn")) {
      throw new IllegalArgumentException(logicalId + ": its Role is not a role of this template (" + role
          + "); the test cannot see what it grants");
    }
    String roleId = getAtt.get(0).asText();
    JsonNode roleProperties = resources.path(roleId).path("Properties");
    if (roleProperties.has("PermissionsBoundary")) {
      throw new IllegalArgumentException(roleId + ": a permissions boundary is not evaluated here");
    }
    List<Map.Entry<String, JsonNode>> own = new ArrayList<>();
    for (JsonNode policy : roleProperties.path("Policies")) {
      own.add(Map.entry(roleId + "/" + policy.path("PolicyName").asText(), policy.path("PolicyDocument")));
    }
    List<String> managed = new ArrayList<>();
    for (JsonNode arn : roleProperties.path("ManagedPolicyArns")) {
      if (!arn.isTextual()) {
        throw new IllegalArgumentException(roleId + ": a managed policy given by an intrinsic (" + arn
            + ") is not evaluated here");
      }
      managed.add(arn.asText());
    }
    for (var entry : resources.properties()) {
      String type = entry.getValue().path("Type").asText();
      if (!type.equals("AWS::IAM::Policy") && !type.equals("AWS::IAM::ManagedPolicy")) {
        continue;
      }
      for (JsonNode attachedTo : entry.getValue().path("Properties").path("Roles")) {
        if (attachedTo.path("Ref").asText().equals(roleId)) {
          own.add(Map.entry(entry.getKey(), entry.getValue().path("Properties").path("PolicyDocument")));
        }
      }
    }
    return new Function(logicalId, roleId, function.path("Properties"), own, managed);
  }

  Map<String, Function> functions() {
    return functions;
  }

  /** The statements of a function's own policies, resolved by {@code resolve}. */
  List<PolicyStatement> ownStatements(String functionLogicalId, UnaryOperator<JsonNode> resolve) {
    List<PolicyStatement> statements = new ArrayList<>();
    for (var policy : functions.get(functionLogicalId).ownPolicies()) {
      statements.addAll(PolicyStatement.of(policy.getKey(), resolve.apply(policy.getValue())));
    }
    return statements;
  }

  /** The statements of the AWS managed policies of a function's role. */
  List<PolicyStatement> managedStatements(String functionLogicalId) {
    List<PolicyStatement> statements = new ArrayList<>();
    for (String arn : functions.get(functionLogicalId).managedPolicyArns()) {
      JsonNode document = MANAGED.path(arn);
      if (document.isMissingNode()) {
        throw new IllegalArgumentException(functions.get(functionLogicalId).roleLogicalId() + " has the managed policy "
            + arn + ", whose document the test does not know: add it to iam/aws-managed-policies.json from the AWS"
            + " Managed Policy Reference");
      }
      statements.addAll(PolicyStatement.of("AWS managed policy " + arn.substring(arn.lastIndexOf('/') + 1), document));
    }
    return statements;
  }

  /** The statements of the bucket policies that cover a resource ARN, resolved by {@code resolve}. */
  List<PolicyStatement> resourceStatements(String resourceArn, UnaryOperator<JsonNode> resolve) {
    List<PolicyStatement> statements = new ArrayList<>();
    if (!resourceArn.startsWith("arn:aws:s3:::")) {
      return statements;
    }
    for (ResourcePolicy policy : bucketPolicies) {
      String bucketArn = "arn:aws:s3:::" + resolve.apply(policy.target()).asText();
      if (resourceArn.equals(bucketArn) || resourceArn.startsWith(bucketArn + "/")) {
        statements.addAll(PolicyStatement.of(policy.origin(), resolve.apply(policy.document())));
      }
    }
    return statements;
  }

  /**
   * Where Lambda sends a function's asynchronous invocations after they end (EventInvokeConfig
   * destinations) or fail for good (the function's DeadLetterConfig), unresolved.
   */
  List<JsonNode> asyncDestinations(String functionLogicalId) {
    List<JsonNode> destinations = new ArrayList<>(asyncDestinations.getOrDefault(functionLogicalId, List.of()));
    JsonNode deadLetter = functions.get(functionLogicalId).properties().path("DeadLetterConfig").path("TargetArn");
    if (!deadLetter.isMissingNode()) {
      destinations.add(deadLetter);
    }
    return destinations;
  }

  /** The log group a function writes to: its LoggingConfig's, else Lambda's default name. */
  Optional<JsonNode> logGroup(String functionLogicalId) {
    JsonNode group = functions.get(functionLogicalId).properties().path("LoggingConfig").path("LogGroup");
    return group.isMissingNode() ? Optional.empty() : Optional.of(group);
  }

  private static JsonNode readManaged() {
    try (InputStream in = FunctionRoles.class.getResourceAsStream("/iam/aws-managed-policies.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
