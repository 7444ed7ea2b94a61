package se.anslag.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * EventBridge event-pattern matching for the patterns a template is likely to hold: exact values,
 * nested objects, and the content filters prefix, suffix, exists, anything-but and
 * equals-ignore-case. Other filters (numeric, wildcard, cidr, $or) are refused loudly rather than
 * matched wrongly.
 */
final class EventPatterns {

  private EventPatterns() {}

  static boolean matches(JsonNode pattern, JsonNode event) {
    for (Map.Entry<String, JsonNode> field : pattern.properties()) {
      JsonNode expected = field.getValue();
      JsonNode actual = event.path(field.getKey());
      boolean fieldMatches;
      if (expected.isObject()) {
        fieldMatches = actual.isObject() && matches(expected, actual);
      } else if (expected.isArray()) {
        fieldMatches = anyMatches(expected, actual);
      } else {
        throw new IllegalArgumentException("event pattern field '" + field.getKey()
            + "' must be an object or a list, got " + expected);
      }
      if (!fieldMatches) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyMatches(JsonNode alternatives, JsonNode actual) {
    for (JsonNode alternative : alternatives) {
      if (alternative.isObject() ? filterMatches(alternative, actual) : valueMatches(alternative, actual)) {
        return true;
      }
    }
    return false;
  }

  /** A scalar in a pattern matches an equal event value, or any equal item of an event list. */
  private static boolean valueMatches(JsonNode expected, JsonNode actual) {
    if (actual.isArray()) {
      for (JsonNode item : actual) {
        if (valueMatches(expected, item)) {
          return true;
        }
      }
      return false;
    }
    if (actual.isMissingNode() || actual.isContainerNode()) {
      return false;
    }
    if (expected.isNull()) {
      return actual.isNull();
    }
    return !actual.isNull() && expected.asText().equals(actual.asText())
        && expected.isNumber() == actual.isNumber();
  }

  private static boolean filterMatches(JsonNode filter, JsonNode actual) {
    Map.Entry<String, JsonNode> only = filter.properties().iterator().next();
    JsonNode argument = only.getValue();
    return switch (only.getKey()) {
      case "exists" -> argument.asBoolean() != actual.isMissingNode();
      case "prefix" -> actual.isTextual() && actual.asText().startsWith(argument.asText());
      case "suffix" -> actual.isTextual() && actual.asText().endsWith(argument.asText());
      case "equals-ignore-case" -> actual.isTextual() && actual.asText().equalsIgnoreCase(argument.asText());
      case "anything-but" -> !actual.isMissingNode() && !(argument.isArray()
          ? anyMatches(argument, actual)
          : argument.isObject() ? filterMatches(argument, actual) : valueMatches(argument, actual));
      default -> throw new UnsupportedOperationException("the local EventBridge does not support the '"
          + only.getKey() + "' filter in event patterns");
    };
  }
}
