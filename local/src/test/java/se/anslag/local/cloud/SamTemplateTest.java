package se.anslag.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading template.yaml: short-form tags, functions with their events, and the intrinsics it uses. */
class SamTemplateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static SamTemplate fixture() throws URISyntaxException {
    return SamTemplate.read(Path.of(SamTemplateTest.class.getResource("/template-fixture.yaml").toURI()));
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  /** Resources answer with recognisable names so that tests can see which one was asked. */
  private static final Intrinsics.Resources FAKE_RESOURCES = new Intrinsics.Resources() {
    @Override
    public String ref(String logicalId) {
      return "ref-of-" + logicalId;
    }

    @Override
    public String getAtt(String logicalId, String attribute) {
      return attribute + "-of-" + logicalId;
    }
  };

  @Test
  void parametersKeepTheirDefaults() throws Exception {
    SamTemplate template = fixture();

    assertThat(template.parameters().get("SenderAddress").defaultValue()).contains("anslag@example.org");
    assertThat(template.parameters().get("SenderIdentity").defaultValue()).contains("example.org");
    assertThat(template.parameters().get("MailerMaxConcurrency").defaultValue()).contains("2");
  }

  @Test
  void resourcesKeepTypePropertiesAndMetadata() throws Exception {
    SamTemplate template = fixture();

    SamTemplate.Resource table = template.resource("AnslagTable");
    assertThat(table.type()).isEqualTo("AWS::DynamoDB::Table");
    assertThat(table.property("GlobalSecondaryIndexes").get(0).path("IndexName").asText()).isEqualTo("gsi1");
    assertThat(template.resource("ProtocolIntakeFunction").metadata().path("BuildMethod").asText())
        .isEqualTo("makefile");
    assertThat(template.resourcesOfType("AWS::SQS::Queue")).extracting(SamTemplate.Resource::logicalId)
        .containsExactly("IntakeQueue", "IntakeDeadLetterQueue", "SendOutQueue", "SendOutDeadLetterQueue",
            "BoardRefreshQueue", "BoardRefreshDeadLetterQueue");
  }

  @Test
  void shortFormTagsBecomeTheirLongForm() throws Exception {
    SamTemplate template = fixture();

    JsonNode redrive = template.resource("IntakeQueue").property("RedrivePolicy");
    assertThat(redrive.path("deadLetterTargetArn"))
        .isEqualTo(json("{\"Fn::GetAtt\": [\"IntakeDeadLetterQueue\", \"Arn\"]}"));
    assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(5);
    assertThat(template.resource("UploadRule").property("EventPattern").path("detail").path("bucket"))
        .isEqualTo(json("{\"name\": [{\"Ref\": \"ProtocolsBucket\"}]}"));
    assertThat(template.conditions().path("IsProduction"))
        .isEqualTo(json("{\"Fn::Equals\": [{\"Ref\": \"AWS::StackName\"}, \"anslag-prod\"]}"));
  }

  @Test
  void tagsOnListsAndNestedTagsAreKept() {
    SamTemplate template = SamTemplate.parse("""
            Resources:
              Thing:
                Type: Custom::Thing
                Properties:
                  Joined: !Join ['-', [!Ref A, !GetAtt [B, Arn]]]
                  Chosen: !If [IsProduction, !Sub '${AWS::Region}-x', !Ref AWS::NoValue]
                  Plain: 5
            """);

    JsonNode properties = template.resource("Thing").properties();
    assertThat(properties.path("Joined").toString())
        .isEqualTo("{\"Fn::Join\":[\"-\",[{\"Ref\":\"A\"},{\"Fn::GetAtt\":[\"B\",\"Arn\"]}]]}");
    assertThat(properties.path("Chosen").toString())
        .isEqualTo("{\"Fn::If\":[\"IsProduction\",{\"Fn::Sub\":\"${AWS::Region}-x\"},{\"Ref\":\"AWS::NoValue\"}]}");
    assertThat(properties.path("Plain").asInt()).isEqualTo(5);
  }

  @Test
  void functionsCarryHandlerEnvironmentAndEventSources() throws Exception {
    SamTemplate template = fixture();

    SamTemplate.Function intake = template.function("ProtocolIntakeFunction");
    assertThat(intake.handlerClassName()).isEqualTo("se.anslag.function.intake.ProtocolIntakeHandler");
    assertThat(intake.environment().get("TABLE_NAME")).isEqualTo(json("{\"Ref\": \"AnslagTable\"}"));
    assertThat(intake.environment().get("JAVA_TOOL_OPTIONS").asText()).contains("TieredStopAtLevel=1");
    assertThat(intake.sqsEvents()).containsExactly(new SamTemplate.SqsEvent("Upload", "IntakeQueue", 1, true));
    assertThat(intake.timeoutSeconds()).isEqualTo(30);
    assertThat(intake.memorySizeMb()).isEqualTo(1024);

    SamTemplate.Function board = template.function("NoticeBoardFunction");
    assertThat(board.sqsEvents()).containsExactly(
        new SamTemplate.SqsEvent("Refresh", "BoardRefreshQueue", 10, true));
    assertThat(board.scheduleEvents()).containsExactly(new SamTemplate.ScheduleEvent(
        "Daily", "cron(5 0 * * ? *)", Optional.of("Europe/Stockholm"), "{\"trigger\":\"daily\"}"));
    assertThat(template.functions()).containsOnlyKeys(
        "ProtocolIntakeFunction", "DecisionMailerFunction", "NoticeBoardFunction");
  }

  @Test
  void refGivesParameterDefaultsOverridesResourcesAndPseudoParameters() throws Exception {
    Intrinsics intrinsics = new Intrinsics(fixture(), Map.of("SenderIdentity", "kommun.se"), FAKE_RESOURCES);

    assertThat(intrinsics.resolveToString(json("{\"Ref\": \"SenderAddress\"}"))).isEqualTo("anslag@example.org");
    assertThat(intrinsics.resolveToString(json("{\"Ref\": \"SenderIdentity\"}"))).isEqualTo("kommun.se");
    assertThat(intrinsics.resolveToString(json("{\"Ref\": \"AnslagTable\"}"))).isEqualTo("ref-of-AnslagTable");
    assertThat(intrinsics.resolveToString(json("{\"Ref\": \"AWS::Region\"}"))).isEqualTo("eu-north-1");
    assertThatThrownBy(() -> intrinsics.resolveToString(json("{\"Ref\": \"Nothing\"}")))
        .hasMessageContaining("Nothing");
  }

  @Test
  void subReplacesPseudoParametersReferencesAndAttributes() throws Exception {
    Intrinsics intrinsics = new Intrinsics(fixture(), Map.of(), FAKE_RESOURCES);

    String policyResource = intrinsics.resolveToString(fixture().resource("DecisionMailerFunction")
        .property("Policies").get(2).path("Statement").get(0).path("Resource"));
    assertThat(policyResource).isEqualTo("arn:aws:ses:eu-north-1:000000000000:identity/example.org");
    assertThat(intrinsics.resolveToString(json("{\"Fn::Sub\": \"${SiteBucket.Arn}/*\"}")))
        .isEqualTo("Arn-of-SiteBucket/*");
    assertThat(intrinsics.resolveToString(json(
        "{\"Fn::Sub\": [\"${Name}-${!Literal}\", {\"Name\": {\"Ref\": \"SenderIdentity\"}}]}")))
        .isEqualTo("example.org-${Literal}");
  }

  @Test
  void getAttResolvesAndAnIntrinsicTheTemplateDoesNotUseIsRefused() throws Exception {
    Intrinsics intrinsics = new Intrinsics(fixture(), Map.of(), FAKE_RESOURCES);

    assertThat(intrinsics.resolveToString(json("{\"Fn::GetAtt\": [\"IntakeQueue\", \"QueueName\"]}")))
        .isEqualTo("QueueName-of-IntakeQueue");
    assertThatThrownBy(() -> intrinsics.resolve(json("{\"Fn::Join\": [\":\", [\"a\", \"b\"]]}")))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageStartingWith("Fn::Join is not emulated by the local cloud");
  }

  @Test
  void ifFollowsTheConditionAndNoValueDisappears() throws Exception {
    Intrinsics intrinsics = new Intrinsics(fixture(), Map.of(), FAKE_RESOURCES);

    JsonNode resolved = intrinsics.resolve(json("""
            {"Kept": {"Fn::If": ["IsProduction", "prod", "local"]},
             "Dropped": {"Fn::If": ["IsProduction", "prod", {"Ref": "AWS::NoValue"}]},
             "List": ["a", {"Ref": "AWS::NoValue"}, "b"]}
            """));

    assertThat(resolved).isEqualTo(json("{\"Kept\": \"local\", \"List\": [\"a\", \"b\"]}"));
  }

  @Test
  void environmentExpressionsResolveThroughTheResources() throws Exception {
    SamTemplate template = fixture();
    Intrinsics intrinsics = new Intrinsics(template, Map.of(), FAKE_RESOURCES);

    Map<String, JsonNode> environment = template.function("DecisionMailerFunction").environment();

    assertThat(intrinsics.resolveToString(environment.get("ARCHIVE_BUCKET"))).isEqualTo("ref-of-ArchiveBucket");
    assertThat(intrinsics.resolveToString(environment.get("MAIL_FROM"))).isEqualTo("anslag@example.org");
  }

  @Test
  void sqsEventWithoutGetAttArnIsRefused() {
    String yaml = """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.B::handleRequest
                  Events:
                    Q:
                      Type: SQS
                      Properties:
                        Queue: arn:aws:sqs:eu-north-1:1:q
            """;

    assertThatThrownBy(() -> SamTemplate.parse(yaml)).hasMessageContaining("!GetAtt <QueueLogicalId>.Arn");
  }
}
