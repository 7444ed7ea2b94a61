package se.anslag.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events and responses of the functions' stream handlers, read and written with the function's
 * own ObjectMapper. Letting the runtime decode a typed handler's event costs its serializers (a
 * shaded Jackson of their own and the event mix-ins: some 700 to 1,000 classes and 0.2 to 0.3 s in
 * every first invocation); these produce the same aws-lambda-java-events objects from the same JSON
 * and write the responses with the wire names Lambda and API Gateway read.
 */
public final class LambdaEvents {
  private final ObjectMapper json;
  /** API Gateway's payload names are the events class's bean names; fields it adds later are ignored. */
  private final ObjectReader httpEvents;

  public LambdaEvents(ObjectMapper json) {
    this.json = json;
    this.httpEvents = json.readerFor(APIGatewayV2HTTPEvent.class)
        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** An SQS event as Lambda sends it ("Records", "eventSourceARN"), by hand: the class's bean names differ. */
  public SQSEvent sqsEvent(InputStream input) throws IOException {
    var tree = json.readTree(input);
    var records = new ArrayList<SQSEvent.SQSMessage>();
    for (var record : tree == null ? json.missingNode() : tree.path("Records")) {
      var message = new SQSEvent.SQSMessage();
      message.setMessageId(text(record, "messageId"));
      message.setReceiptHandle(text(record, "receiptHandle"));
      message.setBody(text(record, "body"));
      message.setMd5OfBody(text(record, "md5OfBody"));
      message.setMd5OfMessageAttributes(text(record, "md5OfMessageAttributes"));
      message.setEventSource(text(record, "eventSource"));
      message.setEventSourceArn(text(record, "eventSourceARN"));
      message.setAwsRegion(text(record, "awsRegion"));
      message.setAttributes(strings(record.get("attributes")));
      message.setMessageAttributes(messageAttributes(record.get("messageAttributes")));
      records.add(message);
    }
    var event = new SQSEvent();
    event.setRecords(records);
    return event;
  }

  /** API Gateway's payload format 2.0. */
  public APIGatewayV2HTTPEvent httpEvent(InputStream input) throws IOException {
    return httpEvents.readValue(input);
  }

  /** The partial-batch response: {"batchItemFailures":[{"itemIdentifier":"…"}]}. */
  public void write(SQSBatchResponse response, OutputStream output) throws IOException {
    var node = json.createObjectNode();
    var failures = node.putArray("batchItemFailures");
    if (response.getBatchItemFailures() != null) {
      response.getBatchItemFailures().forEach(failure -> failures.addObject()
          .put("itemIdentifier", failure.getItemIdentifier()));
    }
    json.writeValue(output, node);
  }

  /** The HTTP response with the names the runtime writes for the events class, leaving out what is null as it does. */
  public void write(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
    ObjectNode node = json.createObjectNode();
    node.put("statusCode", response.getStatusCode());
    putUnlessNull(node, "headers", response.getHeaders());
    putUnlessNull(node, "multiValueHeaders", response.getMultiValueHeaders());
    putUnlessNull(node, "cookies", response.getCookies());
    putUnlessNull(node, "body", response.getBody());
    node.put("isBase64Encoded", response.getIsBase64Encoded());
    json.writeValue(output, node);
  }

  private void putUnlessNull(ObjectNode node, String field, Object value) {
    if (value != null) {
      node.set(field, json.valueToTree(value));
    }
  }

  private static String text(JsonNode node, String field) {
    var value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Map<String, String> strings(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    var map = new LinkedHashMap<String, String>();
    node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().asText()));
    return map;
  }

  private static Map<String, SQSEvent.MessageAttribute> messageAttributes(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    var map = new LinkedHashMap<String, SQSEvent.MessageAttribute>();
    node.properties().forEach(entry -> {
      var value = entry.getValue();
      var attribute = new SQSEvent.MessageAttribute();
      attribute.setDataType(text(value, "dataType"));
      attribute.setStringValue(text(value, "stringValue"));
      var binary = text(value, "binaryValue");
      attribute.setBinaryValue(binary == null ? null : ByteBuffer.wrap(Base64.getDecoder().decode(binary)));
      attribute.setStringListValues(list(value.get("stringListValues"), JsonNode::asText));
      attribute.setBinaryListValues(list(value.get("binaryListValues"),
          item -> ByteBuffer.wrap(Base64.getDecoder().decode(item.asText()))));
      map.put(entry.getKey(), attribute);
    });
    return map;
  }

  private static <T> List<T> list(JsonNode node, java.util.function.Function<JsonNode, T> item) {
    if (node == null || !node.isArray()) {
      return null;
    }
    var list = new ArrayList<T>();
    node.forEach(element -> list.add(item.apply(element)));
    return list;
  }
}
