package se.anslag.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
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

  public LambdaEvents(ObjectMapper json) {
    this.json = json;
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

  /**
   * API Gateway's payload format 2.0, by hand too: Jackson's bean deserializers for the events
   * classes would cost some 270 classes more than the tree does. Fields API Gateway adds later are
   * ignored; an IAM authorizer's context, which AnslagApi never has, is read as a bean.
   */
  public APIGatewayV2HTTPEvent httpEvent(InputStream input) throws IOException {
    var tree = json.readTree(input);
    var event = new APIGatewayV2HTTPEvent();
    if (tree == null) {
      return event;
    }
    event.setVersion(text(tree, "version"));
    event.setRouteKey(text(tree, "routeKey"));
    event.setRawPath(text(tree, "rawPath"));
    event.setRawQueryString(text(tree, "rawQueryString"));
    event.setCookies(list(tree.get("cookies"), JsonNode::asText));
    event.setHeaders(strings(tree.get("headers")));
    event.setQueryStringParameters(strings(tree.get("queryStringParameters")));
    event.setPathParameters(strings(tree.get("pathParameters")));
    event.setStageVariables(strings(tree.get("stageVariables")));
    event.setBody(text(tree, "body"));
    event.setIsBase64Encoded(tree.path("isBase64Encoded").asBoolean(false));
    var context = tree.get("requestContext");
    if (context != null && context.isObject()) {
      event.setRequestContext(requestContext(context));
    }
    return event;
  }

  private APIGatewayV2HTTPEvent.RequestContext requestContext(JsonNode node) throws IOException {
    var context = new APIGatewayV2HTTPEvent.RequestContext();
    context.setRouteKey(text(node, "routeKey"));
    context.setAccountId(text(node, "accountId"));
    context.setStage(text(node, "stage"));
    context.setApiId(text(node, "apiId"));
    context.setDomainName(text(node, "domainName"));
    context.setDomainPrefix(text(node, "domainPrefix"));
    context.setTime(text(node, "time"));
    context.setTimeEpoch(node.path("timeEpoch").asLong(0));
    context.setRequestId(text(node, "requestId"));
    var http = node.get("http");
    if (http != null && http.isObject()) {
      var h = new APIGatewayV2HTTPEvent.RequestContext.Http();
      h.setMethod(text(http, "method"));
      h.setPath(text(http, "path"));
      h.setProtocol(text(http, "protocol"));
      h.setSourceIp(text(http, "sourceIp"));
      h.setUserAgent(text(http, "userAgent"));
      context.setHttp(h);
    }
    var authorizer = node.get("authorizer");
    if (authorizer != null && authorizer.isObject()) {
      var a = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
      var jwt = authorizer.get("jwt");
      if (jwt != null && jwt.isObject()) {
        var j = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        j.setClaims(strings(jwt.get("claims")));
        j.setScopes(list(jwt.get("scopes"), JsonNode::asText));
        a.setJwt(j);
      }
      if (authorizer.get("lambda") != null && authorizer.get("lambda").isObject()) {
        a.setLambda(json.convertValue(authorizer.get("lambda"), new TypeReference<Map<String, Object>>() {}));
      }
      if (authorizer.get("iam") != null && authorizer.get("iam").isObject()) {
        a.setIam(json.readerFor(APIGatewayV2HTTPEvent.RequestContext.IAM.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(authorizer.get("iam")));
      }
      context.setAuthorizer(a);
    }
    return context;
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
    // Put by hand, as the event is read: a map's serializer would be loaded for these alone.
    if (response.getHeaders() != null) {
      var headers = node.putObject("headers");
      response.getHeaders().forEach(headers::put);
    }
    if (response.getMultiValueHeaders() != null) {
      var headers = node.putObject("multiValueHeaders");
      response.getMultiValueHeaders().forEach((name, values) -> {
        var array = headers.putArray(name);
        if (values != null) {
          values.forEach(array::add);
        }
      });
    }
    if (response.getCookies() != null) {
      var cookies = node.putArray("cookies");
      response.getCookies().forEach(cookies::add);
    }
    if (response.getBody() != null) {
      node.put("body", response.getBody());
    }
    node.put("isBase64Encoded", response.getIsBase64Encoded());
    json.writeValue(output, node);
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
    node.properties().forEach(entry ->
        map.put(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().asText()));
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
