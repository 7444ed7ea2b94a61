package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.anslag.aws.LambdaEvents;
import se.anslag.cli.ProjectRoot;
import se.anslag.format.Json;

/**
 * The stream handlers read their events and write their responses as the Lambda runtime's own
 * serializers would for the typed handlers they were: the same objects from the sample events of
 * events/, the same JSON for the responses.
 */
class LambdaEventsTest {
  private static final Path EVENTS = ProjectRoot.find().resolve("events");
  private static final ObjectMapper TREES = new ObjectMapper();
  private final LambdaEvents events = new LambdaEvents(Json.mapper());

  @ParameterizedTest
  @ValueSource(strings = {"protocol-intake.json", "decision-mailer.json", "delivery-events.json"})
  void anSqsEventIsReadAsTheRuntimeReadsIt(String file) throws IOException {
    var json = withMessageAttributes(Files.readAllBytes(EVENTS.resolve(file)));

    var read = events.sqsEvent(new ByteArrayInputStream(json));

    var runtime = runtime(SQSEvent.class).fromJson(new ByteArrayInputStream(json));
    assertThat(read.getRecords()).isNotEmpty();
    assertThat(read).isEqualTo(runtime);
    assertThat(read.getRecords().getFirst().getEventSourceArn()).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"clerk-desk.json", "board-subscriptions.json"})
  void anHttpRequestIsReadAsTheRuntimeReadsIt(String file) throws IOException {
    var json = Files.readAllBytes(EVENTS.resolve(file));

    var read = events.httpEvent(new ByteArrayInputStream(json));

    var runtime = runtime(APIGatewayV2HTTPEvent.class).fromJson(new ByteArrayInputStream(json));
    assertThat(read).isEqualTo(runtime);
    assertThat(read.getRequestContext().getHttp().getMethod()).isNotNull();
  }

  @Test
  void aBase64RequestBodyKeepsItsFlag() throws IOException {
    var json = "{\"routeKey\":\"POST /api/subscriptions\",\"body\":\"ZW1haWw9YQ==\",\"isBase64Encoded\":true,"
        + "\"someFieldApiGatewayAddsLater\":1}";

    var read = events.httpEvent(new ByteArrayInputStream(json.getBytes()));

    assertThat(read.getIsBase64Encoded()).isTrue();
    assertThat(read.getBody()).isEqualTo("ZW1haWw9YQ==");
  }

  @Test
  void theBatchResponseHasLambdasNames() throws IOException {
    var response = new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("m-1")));

    var written = write(out -> events.write(response, out));

    assertThat(written).isEqualTo(TREES.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-1\"}]}"));
    assertThat(written).isEqualTo(runtimeJson(response));
  }

  @Test
  void theHttpResponseIsWrittenAsTheRuntimeWritesIt() throws IOException {
    var full = APIGatewayV2HTTPResponse.builder().withStatusCode(303)
        .withHeaders(Map.of("Location", "/desk/index.html")).withCookies(List.of("a=b; Secure"))
        .withMultiValueHeaders(Map.of("Vary", List.of("Accept", "Cookie")))
        .withBody("PGh0bWw+").withIsBase64Encoded(true).build();
    var bare = APIGatewayV2HTTPResponse.builder().withStatusCode(404).build();

    for (var response : List.of(full, bare)) {
      var written = write(out -> events.write(response, out));
      assertThat(written).as("%s", response).isEqualTo(runtimeJson(response));
    }
    assertThat(write(out -> events.write(full, out)).path("isBase64Encoded").asBoolean()).isTrue();
  }

  // ------------------------------------------------------------------ helpers

  /** The sample with message attributes added to its first record, which no sample has. */
  private static byte[] withMessageAttributes(byte[] json) throws IOException {
    var tree = TREES.readTree(json);
    var attributes = ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("Records").get(0))
        .putObject("messageAttributes");
    attributes.putObject("kind").put("dataType", "String").put("stringValue", "decision")
        .putArray("stringListValues");
    attributes.putObject("blob").put("dataType", "Binary").put("binaryValue", "AAEC");
    return TREES.writeValueAsBytes(tree);
  }

  @SuppressWarnings("unchecked")
  private static <T> PojoSerializer<T> runtime(Class<T> type) {
    return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
        ? LambdaEventSerializers.serializerFor(type, LambdaEventsTest.class.getClassLoader())
        : JacksonFactory.getInstance().getSerializer(type);
  }

  @SuppressWarnings("unchecked")
  private static <T> JsonNode runtimeJson(T response) throws IOException {
    var out = new ByteArrayOutputStream();
    runtime((Class<T>) response.getClass()).toJson(response, out);
    return TREES.readTree(out.toByteArray());
  }

  private interface Writer {
    void write(java.io.OutputStream out) throws IOException;
  }

  private static JsonNode write(Writer writer) throws IOException {
    var out = new ByteArrayOutputStream();
    writer.write(out);
    return TREES.readTree(out.toByteArray());
  }
}
