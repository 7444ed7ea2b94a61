package se.anslag.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import se.anslag.cli.ProjectRoot;
import se.anslag.local.cloud.SamTemplate;

/**
 * IAM on AWS, proven here: every AWS request that every function of template.yaml sent in the
 * integration tests before this one (it runs last: junit-platform.properties orders classes by
 * {@link Order}) is checked against the policies of that function's role, as the SAM transform
 * makes them, and every grant of the template's own must be used by some request.
 *
 * <p>How requests are seen: each function of a local cloud signs with an access key of its own
 * ({@code FunctionCredentials}, as IAM tells roles apart by their credentials), so a request is
 * the function's whatever thread sent it (the mailer's virtual threads) and whoever called the
 * handler. {@link AwsRequestRecorder} reads SDK requests, {@link S3RequestRecorder} the S3 requests
 * of S3Objects; {@link AwsRequests} says what IAM authorises for each (action, resource ARN,
 * condition keys such as {@code dynamodb:Attributes}) and documents the AWS pages it reads.
 *
 * <p>How they are judged: {@link FunctionRoles} reads the roles from the real SAM transform of
 * template.yaml (aws-sam-translator, run by {@link SamTransform}: SAM's policy templates expanded
 * as SAM expands them), resolved with the physical names of the local cloud the request ran in;
 * {@link IamEvaluation} applies IAM's evaluation logic (its javadoc gives the reading: explicit
 * deny wins, else an Allow is needed; conditions, NotResource, bucket policies' denies) and
 * {@link IamCheck} adds what Lambda does with the role (polling the SQS sources, writing the log).
 *
 * <p>It fails when a request is denied or cannot be decided, when a function sent no request at
 * all (so that a new function in the template is covered or reported), and when the template
 * grants an action that no request used, unless {@link #UNUSED_ON_PURPOSE} says why. The report
 * (per function: requests, actions used, actions granted, granted and not used) is printed and
 * written to local/target/iam-report.txt.
 */
@Order(Integer.MAX_VALUE)
@Isolated
class IamPolicyIT {

  /** Granted actions that no request in the tests uses, and why they stay granted. */
  private static final Map<String, Map<String, String>> UNUSED_ON_PURPOSE = Map.of(
      "DecisionMailerFunction", Map.of("ses:SendEmail",
          "SES v2 SendEmail with raw content is checked as ses:SendRawEmail, which AWS documents only in its"
              + " refusals; ses:SendEmail, the action named like the operation, stays on the same identity and"
              + " configuration set until a deployed stack shows it is never checked"),
      "ClerkDeskFunction", Map.of("s3:GetObjectVersion",
          "the review's link to the original is a presigned GET of the version intake read (S3Objects.presignGet"
              + " with its versionId); s3rver keeps no versions, so here intake records none and the link reads the"
              + " current object"),
      "NoticeBoardFunction", Map.of("s3:GetObjectVersion",
          "the board publishes the minutes version intake read (S3Objects.getVersion, tested against moto in"
              + " S3ObjectVersionsIT); s3rver keeps no versions, so here intake records none and the board reads"
              + " the current object"),
      "ProtocolIntakeFunction", Map.of("s3:GetObjectVersion",
          "intake reads the version the upload's event names (S3Objects.getVersion, tested against moto in"
              + " S3ObjectVersionsIT); s3rver keeps no versions, so its events name none and intake reads the"
              + " current object"));

  @Test
  void everyRequestOfEveryFunctionIsAllowedAndEveryGrantIsUsed() throws Exception {
    Path root = ProjectRoot.find();
    Path template = root.resolve("template.yaml");
    var check = new IamCheck(new FunctionRoles(SamTransform.of(template)), SamTemplate.read(template).json(),
        UNUSED_ON_PURPOSE);
    RecordedRequests.requests().forEach(check::add);
    RecordedRequests.problems().forEach(check::problem);

    String report = check.report();
    System.out.println(report);
    Path reportFile = root.resolve("local/target/iam-report.txt");
    Files.createDirectories(reportFile.getParent());
    Files.writeString(reportFile, report, StandardCharsets.UTF_8);
    assertThat(check.failures()).as("IAM check (report in %s):%n%s", reportFile, report).isEmpty();
  }
}
