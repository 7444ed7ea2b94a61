package se.anslag.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a SAM template that the local mode needs: parameters, resources and functions with
 * their event sources. Values stay unresolved JSON (intrinsics in long form, {"Ref": "X"});
 * {@link Intrinsics} resolves them once the physical resources exist.
 */
public final class SamTemplate {

  public static final String FUNCTION_TYPE = "AWS::Serverless::Function";

  /** A template parameter; {@code defaultValue} is empty when the template gives none. */
  public record Parameter(String logicalId, String type, Optional<String> defaultValue) {}

  /**
   * A resource as declared. {@code properties} and {@code metadata} are the raw JSON (a missing
   * node when absent); {@code condition} names the template condition that guards it, if any.
   */
  public record Resource(String logicalId, String type, JsonNode properties, JsonNode metadata,
      Optional<String> condition) {
    public JsonNode property(String name) {
      return properties.path(name);
    }
  }

  /** An SQS event source of a function. */
  public record SqsEvent(String name, String queueLogicalId, int batchSize, boolean reportsBatchItemFailures) {}

  /**
   * An HttpApi event: the route {@code method path} of the HTTP API {@code apiLogicalId} (empty: SAM's
   * implicit API). {@code authorizer} is the one the event names ({@code NONE} for an open route);
   * empty means the API's DefaultAuthorizer.
   */
  public record HttpApiEvent(String name, Optional<String> apiLogicalId, String method, String path,
      Optional<String> authorizer) {
    /** The route key API Gateway matches and puts in the event, e.g. {@code GET /api/desk/minutes}. */
    public String routeKey() {
      return method + " " + path;
    }
  }

  /** A ScheduleV2 (or Schedule) event source; {@code input} is the JSON text given to the function. */
  public record ScheduleEvent(String name, String expression, Optional<String> timezone, String input) {}

  /**
   * A function: {@code handler} as written ({@code pkg.Cls::method}), its environment variables
   * (Globals merged in, values unresolved), its event sources, and the timeout and memory that
   * apply (Globals unless the function overrides them).
   */
  public record Function(String logicalId, String handler, Map<String, JsonNode> environment,
      List<SqsEvent> sqsEvents, List<ScheduleEvent> scheduleEvents, List<HttpApiEvent> httpApiEvents,
      int timeoutSeconds, int memorySizeMb) {
    public String handlerClassName() {
      int separator = handler.indexOf("::");
      return separator < 0 ? handler : handler.substring(0, separator);
    }
  }

  private static final int LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
  private static final int LAMBDA_DEFAULT_MEMORY_MB = 128;
  private static final int SQS_DEFAULT_BATCH_SIZE = 10;

  private final JsonNode root;
  private final Map<String, Parameter> parameters;
  private final Map<String, Resource> resources;
  private final Map<String, Function> functions;

  private SamTemplate(JsonNode root) {
    this.root = root;
    this.parameters = readParameters(root.path("Parameters"));
    this.resources = readResources(root.path("Resources"));
    this.functions = readFunctions(root.path("Globals").path("Function"), resources);
  }

  public static SamTemplate read(Path templateFile) {
    try {
      return parse(Files.readString(templateFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + templateFile, e);
    }
  }

  public static SamTemplate parse(String yamlText) {
    return new SamTemplate(CloudFormationYaml.read(yamlText));
  }

  /** The whole template as JSON, short-form tags already in long form. */
  public JsonNode json() {
    return root;
  }

  public Map<String, Parameter> parameters() {
    return parameters;
  }

  public Map<String, Resource> resources() {
    return resources;
  }

  public Resource resource(String logicalId) {
    return declared(resources, "resource", logicalId);
  }

  /** Resources of one type, in template order. */
  public List<Resource> resourcesOfType(String type) {
    return resources.values().stream().filter(r -> r.type().equals(type)).toList();
  }

  public Map<String, Function> functions() {
    return functions;
  }

  public Function function(String logicalId) {
    return declared(functions, "function", logicalId);
  }

  private static <T> T declared(Map<String, T> declarations, String kind, String logicalId) {
    T declaration = declarations.get(logicalId);
    if (declaration == null) {
      throw new IllegalArgumentException("the template declares no " + kind + " '" + logicalId + "'");
    }
    return declaration;
  }

  /** The template's Conditions section (a missing node when absent). */
  public JsonNode conditions() {
    return root.path("Conditions");
  }

  private static Map<String, Parameter> readParameters(JsonNode section) {
    Map<String, Parameter> result = new LinkedHashMap<>();
    section.properties().forEach(entry -> {
      JsonNode declaration = entry.getValue();
      JsonNode defaultNode = declaration.path("Default");
      Optional<String> defaultValue = defaultNode.isMissingNode() || defaultNode.isNull()
          ? Optional.empty()
          : Optional.of(defaultNode.isArray() ? joinList(defaultNode) : defaultNode.asText());
      result.put(entry.getKey(), new Parameter(entry.getKey(), declaration.path("Type").asText("String"),
          defaultValue));
    });
    return Collections.unmodifiableMap(result);
  }

  private static String joinList(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(item -> items.add(item.asText()));
    return String.join(",", items);
  }

  private static Map<String, Resource> readResources(JsonNode section) {
    Map<String, Resource> result = new LinkedHashMap<>();
    section.properties().forEach(entry -> {
      JsonNode declaration = entry.getValue();
      String type = declaration.path("Type").asText();
      if (type.isEmpty()) {
        throw new IllegalArgumentException("resource '" + entry.getKey() + "' has no Type");
      }
      JsonNode condition = declaration.path("Condition");
      result.put(entry.getKey(), new Resource(entry.getKey(), type,
          declaration.path("Properties"), declaration.path("Metadata"),
          condition.isTextual() ? Optional.of(condition.asText()) : Optional.empty()));
    });
    return Collections.unmodifiableMap(result);
  }

  private static Map<String, Function> readFunctions(JsonNode globals, Map<String, Resource> resources) {
    Map<String, Function> result = new LinkedHashMap<>();
    for (Resource resource : resources.values()) {
      if (resource.type().equals(FUNCTION_TYPE)) {
        result.put(resource.logicalId(), readFunction(resource, globals));
      }
    }
    return Collections.unmodifiableMap(result);
  }

  private static Function readFunction(Resource resource, JsonNode globals) {
    JsonNode properties = resource.properties();
    String handler = firstPresent(properties.path("Handler"), globals.path("Handler")).asText();
    if (handler.isEmpty()) {
      throw new IllegalArgumentException("function '" + resource.logicalId() + "' has no Handler");
    }
    // SAM merges Globals.Function.Environment.Variables under the function's own variables.
    Map<String, JsonNode> environment = new LinkedHashMap<>();
    globals.path("Environment").path("Variables").properties()
        .forEach(e -> environment.put(e.getKey(), e.getValue()));
    properties.path("Environment").path("Variables").properties()
        .forEach(e -> environment.put(e.getKey(), e.getValue()));

    List<SqsEvent> sqsEvents = new ArrayList<>();
    List<ScheduleEvent> scheduleEvents = new ArrayList<>();
    List<HttpApiEvent> httpApiEvents = new ArrayList<>();
    properties.path("Events").properties().forEach(entry -> {
      String name = entry.getKey();
      JsonNode event = entry.getValue();
      JsonNode eventProperties = event.path("Properties");
      switch (event.path("Type").asText()) {
        case "SQS" -> sqsEvents.add(new SqsEvent(name,
            queueLogicalId(resource.logicalId(), name, eventProperties.path("Queue")),
            eventProperties.path("BatchSize").asInt(SQS_DEFAULT_BATCH_SIZE),
            containsText(eventProperties.path("FunctionResponseTypes"), "ReportBatchItemFailures")));
        case "ScheduleV2", "Schedule" -> scheduleEvents.add(new ScheduleEvent(name,
            firstPresent(eventProperties.path("ScheduleExpression"), eventProperties.path("Schedule"))
                .asText(),
            textOf(eventProperties.path("ScheduleExpressionTimezone")),
            textOf(eventProperties.path("Input")).orElse("{}")));
        case "HttpApi" -> httpApiEvents.add(new HttpApiEvent(name,
            textOf(eventProperties.path("ApiId").path("Ref")),
            eventProperties.path("Method").asText("ANY").toUpperCase(java.util.Locale.ROOT),
            eventProperties.path("Path").asText("$default"),
            textOf(eventProperties.path("Auth").path("Authorizer"))));
        default -> { } // other event types have no local counterpart yet
      }
    });
    return new Function(resource.logicalId(), handler, Collections.unmodifiableMap(environment),
        List.copyOf(sqsEvents), List.copyOf(scheduleEvents), List.copyOf(httpApiEvents),
        firstPresent(properties.path("Timeout"), globals.path("Timeout")).asInt(LAMBDA_DEFAULT_TIMEOUT_SECONDS),
        firstPresent(properties.path("MemorySize"), globals.path("MemorySize")).asInt(LAMBDA_DEFAULT_MEMORY_MB));
  }

  /** The queue of an SQS event is {@code !GetAtt Queue.Arn}; a literal ARN has no local queue. */
  private static String queueLogicalId(String functionId, String eventName, JsonNode queue) {
    JsonNode getAtt = queue.path("Fn::GetAtt");
    if (getAtt.isArray() && getAtt.size() == 2 && "Arn".equals(getAtt.get(1).asText())) {
      return getAtt.get(0).asText();
    }
    throw new IllegalArgumentException("event " + eventName + " of " + functionId
        + ": the local mode needs Queue: !GetAtt <QueueLogicalId>.Arn, got " + queue);
  }

  private static boolean containsText(JsonNode array, String text) {
    for (JsonNode item : array) {
      if (text.equals(item.asText())) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> textOf(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node.asText());
  }

  private static JsonNode firstPresent(JsonNode first, JsonNode second) {
    if (!first.isMissingNode() && !first.isNull()) {
      return first;
    }
    return second.isNull() ? MissingNode.getInstance() : second;
  }
}
