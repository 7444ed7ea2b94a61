package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.anslag.cli.ProjectRoot;
import se.anslag.local.cloud.SamTemplate;

/**
 * What operating the stack needs of template.yaml, checked on every resource of a kind, so that a
 * function, bucket or queue added later is held to it too: alarms for each function and each
 * dead-letter queue, alarms that tell where they go, TLS-only buckets and mail, and a nightly run
 * that is retried and dead-lettered.
 */
class TemplateOperationsTest {

  private static final SamTemplate TEMPLATE = SamTemplate.read(ProjectRoot.find().resolve("template.yaml"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<SamTemplate.Resource> alarms() {
    return TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm");
  }

  private static boolean alarmOn(String namespace, String metric, String dimension, JsonNode value) {
    return alarms().stream().anyMatch(alarm -> alarm.property("Namespace").asText().equals(namespace)
        && alarm.property("MetricName").asText().equals(metric)
        && alarm.property("Dimensions").valueStream().anyMatch(d -> d.path("Name").asText().equals(dimension)
            && d.path("Value").equals(value)));
  }

  @Test
  void everyFunctionHasAnErrorsAndAThrottlesAlarm() {
    assertThat(TEMPLATE.functions()).isNotEmpty();
    for (String function : TEMPLATE.functions().keySet()) {
      var ref = JSON.createObjectNode().put("Ref", function);
      assertThat(alarmOn("AWS/Lambda", "Errors", "FunctionName", ref)).as("Errors alarm of " + function).isTrue();
      assertThat(alarmOn("AWS/Lambda", "Throttles", "FunctionName", ref)).as("Throttles alarm of " + function).isTrue();
    }
  }

  @Test
  void everyDeadLetterQueueHasAnAlarm() {
    List<String> deadLetterQueues = new ArrayList<>();
    for (var queue : TEMPLATE.resourcesOfType("AWS::SQS::Queue")) {
      var target = queue.property("RedrivePolicy").path("deadLetterTargetArn").path("Fn::GetAtt");
      if (target.isArray()) {
        deadLetterQueues.add(target.get(0).asText());
      }
    }
    TEMPLATE.json().path("Resources").properties().forEach(resource -> resource.getValue().findValues("DeadLetterConfig")
        .forEach(config -> {
          if (config.path("Arn").path("Fn::GetAtt").isArray()) {
            deadLetterQueues.add(config.path("Arn").path("Fn::GetAtt").get(0).asText());
          }
        }));
    assertThat(deadLetterQueues).contains("BoardScheduleDeadLetterQueue", "SendOutDeadLetterQueue");
    for (String queue : deadLetterQueues) {
      var name = JSON.createObjectNode().set("Fn::GetAtt", JSON.createArrayNode().add(queue).add("QueueName"));
      assertThat(alarmOn("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", name))
          .as("alarm on the dead-letter queue " + queue).isTrue();
    }
  }

  @Test
  void everyAlarmNotifiesTheAlarmTopicWhenThereIsOneAndTheStackSaysWhenThereIsNot() {
    var expected = JSON.createObjectNode().set("Fn::If", JSON.createArrayNode().add("HasAlarmEmail")
        .add(JSON.createArrayNode().add(JSON.createObjectNode().put("Ref", "AlarmTopic")))
        .add(JSON.createObjectNode().put("Ref", "AWS::NoValue")));
    for (var alarm : alarms()) {
      assertThat(alarm.property("AlarmActions")).as(alarm.logicalId()).isEqualTo(expected);
    }
    var notifications = TEMPLATE.json().path("Outputs").path("AlarmNotifications").path("Value").path("Fn::If");
    assertThat(notifications.path(0).asText()).isEqualTo("HasAlarmEmail");
    assertThat(notifications.path(2).asText()).startsWith("NOBODY");
  }

  @Test
  void everyBucketRefusesRequestsWithoutTls() {
    for (var bucket : TEMPLATE.resourcesOfType("AWS::S3::Bucket")) {
      var bucketArn = JSON.createObjectNode().set("Fn::GetAtt",
          JSON.createArrayNode().add(bucket.logicalId()).add("Arn"));
      var objectsArn = JSON.createObjectNode().put("Fn::Sub", "${" + bucket.logicalId() + ".Arn}/*");
      boolean denied = TEMPLATE.resourcesOfType("AWS::S3::BucketPolicy").stream()
          .filter(policy -> policy.property("Bucket").path("Ref").asText().equals(bucket.logicalId()))
          .flatMap(policy -> policy.property("PolicyDocument").path("Statement").valueStream())
          .anyMatch(statement -> statement.path("Effect").asText().equals("Deny")
              && statement.path("Principal").asText().equals("*")
              && statement.path("Action").asText().equals("s3:*")
              && statement.path("Resource").valueStream().toList().containsAll(List.of(bucketArn, objectsArn))
              && statement.path("Condition").path("Bool").path("aws:SecureTransport").asText().equals("false"));
      assertThat(denied).as(bucket.logicalId() + " denies s3:* without TLS on itself and its objects").isTrue();
    }
  }

  @Test
  void mailIsDeliveredOnlyOverTls() {
    for (var configurationSet : TEMPLATE.resourcesOfType("AWS::SES::ConfigurationSet")) {
      assertThat(configurationSet.property("DeliveryOptions").path("TlsPolicy").asText()).isEqualTo("REQUIRE");
    }
  }

  @Test
  void everyScheduleIsRetriedAndDeadLetteredAndSoIsItsFailedRun() {
    var schedules = 0;
    for (var function : TEMPLATE.resourcesOfType(SamTemplate.FUNCTION_TYPE)) {
      for (var event : function.property("Events").valueStream().toList()) {
        if (!event.path("Type").asText().startsWith("Schedule")) {
          continue;
        }
        schedules++;
        var properties = event.path("Properties");
        assertThat(properties.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isPositive();
        assertThat(properties.path("DeadLetterConfig").path("Arn").isMissingNode()).isFalse();
        // The scheduler invokes asynchronously: a run that fails in the function needs a destination too.
        assertThat(function.property("EventInvokeConfig").path("DestinationConfig").path("OnFailure")
            .path("Destination")).as(function.logicalId() + " OnFailure destination")
            .isEqualTo(properties.path("DeadLetterConfig").path("Arn"));
      }
    }
    assertThat(schedules).isPositive();
  }

  @Test
  void theBoardDistributionServesIndexPagesThroughTheSiteIndexFunction() {
    var behaviour = TEMPLATE.resource("SiteDistribution").property("DistributionConfig").path("DefaultCacheBehavior");
    assertThat(behaviour.path("FunctionAssociations").valueStream().toList()).anySatisfy(association -> {
      assertThat(association.path("EventType").asText()).isEqualTo("viewer-request");
      assertThat(association.path("FunctionARN").path("Fn::GetAtt").path(0).asText()).isEqualTo("SiteIndexFunction");
    });
  }
}
