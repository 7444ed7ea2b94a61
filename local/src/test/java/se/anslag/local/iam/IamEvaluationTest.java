package se.anslag.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * IAM's evaluation logic on hand-written policies, with the outcomes the IAM User Guide gives for
 * them (explicit deny wins, an allow is needed, how absent keys and set operators behave).
 */
class IamEvaluationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = "arn:aws:dynamodb:eu-north-1:000000000000:table/T";
  private static final Set<String> DYNAMODB_KEYS = AwsRequests.modelledKeys("dynamodb");

  private static List<PolicyStatement> policy(String statements) {
    try {
      return PolicyStatement.of("test", JSON.readTree("{\"Statement\": [" + statements.replace('\'', '"') + "]}"));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static IamEvaluation.Decision decide(List<PolicyStatement> identity, String action, String resource,
      Map<String, List<String>> context) {
    return IamEvaluation.decide(action, resource, context, DYNAMODB_KEYS, identity, List.of());
  }

  @Test
  void anExplicitDenyWinsOverAnAllow() {
    var statements = policy("{'Effect': 'Allow', 'Action': 'dynamodb:*', 'Resource': '*'},"
        + "{'Sid': 'NoUpdates', 'Effect': 'Deny', 'Action': 'dynamodb:UpdateItem', 'Resource': '" + TABLE + "'}");
    var decision = decide(statements, "dynamodb:UpdateItem", TABLE, Map.of());
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason()).isEqualTo("explicitly denied by test NoUpdates");
    assertThat(decide(statements, "dynamodb:GetItem", TABLE, Map.of()).allowed()).isTrue();
  }

  @Test
  void withoutAnAllowTheRequestIsImplicitlyDenied() {
    var statements = policy("{'Effect': 'Allow', 'Action': 'dynamodb:Query', 'Resource': '" + TABLE + "/index/gsi1'}");
    assertThat(decide(statements, "dynamodb:Query", TABLE, Map.of()).reason())
        .isEqualTo("implicitly denied: no statement allows it");
    assertThat(decide(statements, "dynamodb:Query", TABLE + "/index/gsi1", Map.of()).allowed()).isTrue();
  }

  @Test
  void aDenyWithNotResourceLeavesOnlyTheNamedQueue() {
    String own = "arn:aws:sqs:eu-north-1:000000000000:Own";
    var statements = policy("{'Effect': 'Allow', 'Action': 'sqs:ReceiveMessage', 'Resource': '*'},"
        + "{'Effect': 'Deny', 'Action': ['sqs:ReceiveMessage'], 'NotResource': '" + own + "'}");
    assertThat(decide(statements, "sqs:ReceiveMessage", own, Map.of()).allowed()).isTrue();
    assertThat(decide(statements, "sqs:ReceiveMessage", "arn:aws:sqs:eu-north-1:000000000000:Other", Map.of())
        .allowed()).isFalse();
  }

  @Test
  void forAllValuesAllowsOnlyListedAttributesAndHoldsWhenTheKeyIsAbsent() {
    var statements = policy("{'Effect': 'Allow', 'Action': 'dynamodb:UpdateItem', 'Resource': '" + TABLE + "',"
        + " 'Condition': {'ForAllValues:StringEquals': {'dynamodb:Attributes': ['pk', 'sk', 'takenDown']}}}");
    assertThat(decide(statements, "dynamodb:UpdateItem", TABLE,
        Map.of("dynamodb:Attributes", List.of("pk", "sk", "takenDown"))).allowed()).isTrue();
    assertThat(decide(statements, "dynamodb:UpdateItem", TABLE,
        Map.of("dynamodb:Attributes", List.of("pk", "sk", "status"))).allowed()).isFalse();
    assertThat(decide(statements, "dynamodb:UpdateItem", TABLE, Map.of()).allowed()).isTrue();
  }

  @Test
  void forAnyValueNeedsOneMatchingValueAndFailsWhenTheKeyIsAbsent() {
    var statements = policy("{'Effect': 'Allow', 'Action': 'dynamodb:GetItem', 'Resource': '" + TABLE + "',"
        + " 'Condition': {'ForAnyValue:StringEquals': {'dynamodb:Attributes': 'secret'}}}");
    assertThat(decide(statements, "dynamodb:GetItem", TABLE, Map.of("dynamodb:Attributes", List.of("pk", "secret")))
        .allowed()).isTrue();
    assertThat(decide(statements, "dynamodb:GetItem", TABLE, Map.of()).allowed()).isFalse();
  }

  @Test
  void leadingKeysMatchWithWildcards() {
    var statements = policy("{'Effect': 'Allow', 'Action': 'dynamodb:GetItem', 'Resource': '" + TABLE + "',"
        + " 'Condition': {'ForAllValues:StringLike': {'dynamodb:LeadingKeys': 'MINUTES#*'}}}");
    assertThat(decide(statements, "dynamodb:GetItem", TABLE, Map.of("dynamodb:LeadingKeys", List.of("MINUTES#ab")))
        .allowed()).isTrue();
    assertThat(decide(statements, "dynamodb:GetItem", TABLE, Map.of("dynamodb:LeadingKeys", List.of("SETUP")))
        .allowed()).isFalse();
  }

  @Test
  void anAbsentKeyFailsAConditionUnlessIfExistsOrNegated() {
    String allow = "{'Effect': 'Allow', 'Action': 'dynamodb:Query', 'Resource': '*', 'Condition': {'%s':"
        + " {'dynamodb:Select': 'SPECIFIC_ATTRIBUTES'}}}";
    assertThat(decide(policy(allow.formatted("StringEquals")), "dynamodb:Query", TABLE, Map.of()).allowed()).isFalse();
    assertThat(decide(policy(allow.formatted("StringEqualsIfExists")), "dynamodb:Query", TABLE, Map.of()).allowed())
        .isTrue();
    assertThat(decide(policy(allow.formatted("StringNotEquals")), "dynamodb:Query", TABLE, Map.of()).allowed())
        .isTrue();
    assertThat(decide(policy(allow.formatted("StringNotEquals")), "dynamodb:Query", TABLE,
        Map.of("dynamodb:Select", List.of("SPECIFIC_ATTRIBUTES"))).allowed()).isFalse();
  }

  @Test
  void aBucketPolicyDenyOfInsecureTransportAppliesToEveryPrincipal() {
    var identity = policy("{'Effect': 'Allow', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::b/*'}");
    var bucket = policy("{'Sid': 'TlsOnly', 'Effect': 'Deny', 'Principal': '*', 'Action': 's3:*',"
        + " 'Resource': ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], 'Condition': {'Bool': {'aws:SecureTransport': 'false'}}},"
        + "{'Effect': 'Allow', 'Principal': {'Service': 'cloudfront.amazonaws.com'}, 'Action': 's3:PutObject',"
        + " 'Resource': 'arn:aws:s3:::b/*'}");
    var overTls = IamEvaluation.decide("s3:GetObject", "arn:aws:s3:::b/a/b.html",
        Map.of("aws:SecureTransport", List.of("true")), Set.of(), identity, bucket);
    assertThat(overTls.allowed()).isTrue();
    var plain = IamEvaluation.decide("s3:GetObject", "arn:aws:s3:::b/a/b.html",
        Map.of("aws:SecureTransport", List.of("false")), Set.of(), identity, bucket);
    assertThat(plain.reason()).isEqualTo("explicitly denied by test TlsOnly");
    // A bucket policy's Allow for a service grants the function's role nothing.
    assertThat(IamEvaluation.decide("s3:PutObject", "arn:aws:s3:::b/x", Map.of("aws:SecureTransport", List.of("true")),
        Set.of(), identity, bucket).allowed()).isFalse();
  }

  @Test
  void actionsMatchWithoutCaseAndArnsBySegment() {
    assertThat(IamEvaluation.actionMatches("sqs:SendMessage*", "sqs:SendMessage")).isTrue();
    assertThat(IamEvaluation.actionMatches("SQS:sendmessage", "sqs:SendMessage")).isTrue();
    assertThat(IamEvaluation.actionMatches("sqs:Send?essage", "sqs:SendMessageBatch")).isFalse();
    assertThat(IamEvaluation.arnMatches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c.html")).isTrue();
    assertThat(IamEvaluation.arnMatches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket")).isFalse();
    assertThat(IamEvaluation.arnMatches("arn:aws:dynamodb:*:*:table/T", TABLE)).isTrue();
    assertThat(IamEvaluation.arnMatches("arn:aws:dynamodb:*:*:table/T", TABLE + "/index/gsi1")).isFalse();
    assertThat(IamEvaluation.arnMatches("arn:aws:sqs:*", "arn:aws:sqs:eu-north-1:000000000000:Q")).isTrue();
    assertThat(IamEvaluation.arnMatches("arn:aws:logs:eu-north-1:000000000000:log-group:G:*",
        "arn:aws:logs:eu-north-1:000000000000:log-group:G:log-stream:s")).isTrue();
    assertThat(IamEvaluation.arnMatches("arn:aws:sqs:eu-north-1:000000000000:Q", "arn:aws:sqs:eu-north-1:000000000000:q"))
        .isFalse();
  }

  @Test
  void whatIsNotModelledIsRefusedRatherThanGuessed() {
    var numeric = policy("{'Effect': 'Allow', 'Action': 'dynamodb:GetItem', 'Resource': '*',"
        + " 'Condition': {'NumericLessThan': {'aws:MultiFactorAuthAge': '3600'}}}");
    assertThatThrownBy(() -> decide(numeric, "dynamodb:GetItem", TABLE, Map.of()))
        .isInstanceOf(IamEvaluation.Unmodelled.class).hasMessageContaining("NumericLessThan");
    var unknownKey = policy("{'Effect': 'Allow', 'Action': 'dynamodb:GetItem', 'Resource': '*',"
        + " 'Condition': {'Bool': {'dynamodb:FullTableScan': 'false'}}}");
    assertThatThrownBy(() -> decide(unknownKey, "dynamodb:GetItem", TABLE, Map.of()))
        .isInstanceOf(IamEvaluation.Unmodelled.class).hasMessageContaining("dynamodb:FullTableScan");
    var withoutSetOperator = policy("{'Effect': 'Allow', 'Action': 'dynamodb:GetItem', 'Resource': '*',"
        + " 'Condition': {'StringEquals': {'dynamodb:Attributes': 'pk'}}}");
    assertThatThrownBy(() -> decide(withoutSetOperator, "dynamodb:GetItem", TABLE,
        Map.of("dynamodb:Attributes", List.of("pk")))).isInstanceOf(IamEvaluation.Unmodelled.class);
  }
}
