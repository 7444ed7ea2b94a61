package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.anslag.domain.SwedishTime;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the reset between the tests of a shared workflow (SampleWorkflow) leaves: nothing that a test
 * recorded, uploaded, published, queued, mailed or signed up, functions built anew on the given clock,
 * and resources that run the sample minutes exactly as a freshly started workflow does.
 */
class LocalWorkflowResetIT {
  private static final String MAILER = "DecisionMailerFunction";
  private static final List<QueueAttributeName> MESSAGE_COUNTS = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
      QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

  @RegisterExtension static final SampleWorkflow sample = new SampleWorkflow();

  /** What a run of the sample leaves where a test looks: records, site, archive, mail. */
  private record Outcome(Map<String, Integer> itemsByKind, TreeSet<String> siteKeys, TreeSet<String> archiveKeys,
      TreeSet<String> mailed) {}

  @Test
  void aResetWorkflowHoldsNothingAndRunsTheSampleAsAFreshOneDoes() throws Exception {
    var workflow = sample.get();
    var cloud = workflow.cloud();
    var onAFreshWorkflow = runTheSample(workflow);
    // Something left in every kind of resource, and functions changed the ways tests change them.
    cloud.sqs().sendMessage(b -> b.queueUrl(cloud.queueUrl("IntakeDeadLetterQueue")).messageBody("left over"));
    cloud.sqs().sendMessage(b -> b.queueUrl(cloud.queueUrl("SendOutQueue")).messageBody("left over").delaySeconds(60));
    var pool = cloud.physicalId(LocalDesk.USER_POOL);
    cloud.cognito().createGroup(b -> b.userPoolId(pool).groupName("gemensamma-servicenamnden"));
    cloud.cognito().adminCreateUser(b -> b.userPoolId(pool).username("clerk@ludvika.example.org")
        .messageAction(MessageActionType.SUPPRESS));
    var groupsOfTheTemplate = groupNames(workflow).stream().filter(g -> !g.equals("gemensamma-servicenamnden")).toList();
    var mailerBefore = workflow.lambda().handler(MAILER);
    workflow.lambda().withRetryDelay(Duration.ZERO).withClock(LocalWorkflow.clockAt(LocalDate.of(2030, 1, 1)));
    cloud.stopSes();

    workflow.reset(LocalWorkflow.clockAt(SampleWorkflow.POSTED_ON));

    assertThat(cloud.dynamoDb().scan(b -> b.tableName(cloud.physicalId("AnslagTable"))).items()).isEmpty();
    for (var bucket : cloud.template().resourcesOfType("AWS::S3::Bucket")) {
      assertThat(cloud.s3().listObjectsV2(b -> b.bucket(cloud.physicalId(bucket.logicalId()))).contents())
          .as("objects in %s", bucket.logicalId()).isEmpty();
    }
    for (var queue : cloud.template().resourcesOfType("AWS::SQS::Queue")) {
      var counts = cloud.sqs().getQueueAttributes(b -> b.queueUrl(cloud.queueUrl(queue.logicalId()))
          .attributeNames(MESSAGE_COUNTS)).attributes();
      assertThat(counts.values()).as("messages in %s", queue.logicalId()).containsOnly("0");
    }
    assertThat(SesMailbox.mails(cloud)).as("mail, read from the SES emulator listening again").isEmpty();
    assertThat(cloud.cognito().listUsers(b -> b.userPoolId(pool)).users()).isEmpty();
    assertThat(groupNames(workflow)).containsExactlyInAnyOrderElementsOf(groupsOfTheTemplate);
    assertThat(workflow.lambda().handler(MAILER)).as("the mailer, built anew").isNotSameAs(mailerBefore);
    assertThat(SwedishTime.today(workflow.lambda().clock())).isEqualTo(SampleWorkflow.POSTED_ON);

    workflow.loadSetup(SampleWorkflow.SAMPLE_SETUP);
    assertThat(runTheSample(workflow)).isEqualTo(onAFreshWorkflow);
  }

  private static Outcome runTheSample(LocalWorkflow workflow) throws Exception {
    var cloud = workflow.cloud();
    workflow.upload(SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt"),
        SampleWorkflow.ADJUSTED_ON, SampleWorkflow.POSTED_ON);
    assertThat(workflow.process().deadLettered()).isZero();
    var itemsByKind = new TreeMap<String, Integer>();
    for (var item : cloud.dynamoDb().scan(b -> b.tableName(cloud.physicalId("AnslagTable"))).items()) {
      itemsByKind.merge(item.get("pk").s().replaceAll("#.*", "") + " " + item.get("sk").s().replaceAll("#.*", ""), 1,
          Integer::sum);
    }
    var mailed = new TreeSet<String>();
    SesMailbox.mails(cloud).forEach(mail -> mailed.add(mail.to() + " " + mail.subject()));
    return new Outcome(itemsByKind, keys(workflow, "SiteBucket"), keys(workflow, "ArchiveBucket"), mailed);
  }

  private static TreeSet<String> keys(LocalWorkflow workflow, String bucket) {
    var cloud = workflow.cloud();
    var keys = new TreeSet<String>();
    cloud.s3().listObjectsV2(b -> b.bucket(cloud.physicalId(bucket))).contents().stream().map(S3Object::key)
        .forEach(keys::add);
    return keys;
  }

  private static List<String> groupNames(LocalWorkflow workflow) {
    var cloud = workflow.cloud();
    return cloud.cognito().listGroups(b -> b.userPoolId(cloud.physicalId(LocalDesk.USER_POOL))).groups().stream()
        .map(GroupType::groupName).toList();
  }
}
