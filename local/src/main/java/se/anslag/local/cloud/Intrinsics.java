package se.anslag.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the CloudFormation intrinsic functions that template.yaml uses: Ref, Fn::GetAtt, Fn::Sub
 * (both forms), Fn::If with the template's Conditions (Fn::Equals, Fn::Not), and the pseudo
 * parameters. A branch that yields {@code AWS::NoValue} disappears from its object or list, as in
 * CloudFormation. Any other Fn:: is refused by name, so a template that starts to use one fails to
 * start here instead of running with an unresolved value.
 */
public final class Intrinsics {

  /** What a logical id stands for; the local cloud answers with what it created. */
  public interface Resources {
    /** What {@code !Ref logicalId} gives for a resource (not a parameter). */
    String ref(String logicalId);

    /** What {@code !GetAtt logicalId.attribute} gives. */
    String getAtt(String logicalId, String attribute);
  }

  public static final String REGION = "eu-north-1";
  public static final String ACCOUNT_ID = "000000000000";
  public static final String STACK_NAME = "anslag-local";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final SamTemplate template;
  private final Map<String, String> parameterValues;
  private final Resources resources;

  /**
   * @param parameterValues overrides of parameter defaults (may be empty)
   */
  public Intrinsics(SamTemplate template, Map<String, String> parameterValues, Resources resources) {
    this.template = template;
    this.parameterValues = Map.copyOf(parameterValues);
    this.resources = resources;
  }

  /** The value of a parameter: the override if given, else its default. */
  public String parameter(String name) {
    String override = parameterValues.get(name);
    if (override != null) {
      return override;
    }
    SamTemplate.Parameter parameter = template.parameters().get(name);
    if (parameter == null) {
      throw new IllegalArgumentException("the template declares no parameter '" + name + "'");
    }
    return parameter.defaultValue().orElseThrow(() -> new IllegalArgumentException(
        "parameter '" + name + "' has no default: give it a value"));
  }

  /** Resolves a value to a string; lists are joined with commas, as CloudFormation does for Ref of a list. */
  public String resolveToString(JsonNode value) {
    JsonNode resolved = resolve(value);
    if (resolved.isMissingNode()) {
      throw new IllegalArgumentException("value resolves to AWS::NoValue: " + value);
    }
    if (resolved.isArray()) {
      List<String> items = new ArrayList<>();
      resolved.forEach(item -> items.add(item.asText()));
      return String.join(",", items);
    }
    if (resolved.isContainerNode()) {
      return resolved.toString();
    }
    return resolved.asText();
  }

  /** Resolves every intrinsic inside the value; returns a missing node for AWS::NoValue. */
  public JsonNode resolve(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return MissingNode.getInstance();
    }
    if (value.isArray()) {
      ArrayNode result = NODES.arrayNode();
      for (JsonNode item : value) {
        JsonNode resolved = resolve(item);
        if (!resolved.isMissingNode()) {
          result.add(resolved);
        }
      }
      return result;
    }
    if (!value.isObject()) {
      return value;
    }
    if (value.size() == 1) {
      Map.Entry<String, JsonNode> only = value.properties().iterator().next();
      Optional<JsonNode> function = function(only.getKey(), only.getValue());
      if (function.isPresent()) {
        return function.get();
      }
    }
    ObjectNode result = NODES.objectNode();
    value.properties().forEach(entry -> {
      JsonNode resolved = resolve(entry.getValue());
      if (!resolved.isMissingNode()) {
        result.set(entry.getKey(), resolved);
      }
    });
    return result;
  }

  private Optional<JsonNode> function(String name, JsonNode argument) {
    return Optional.ofNullable(switch (name) {
      case "Ref" -> ref(resolveToString(argument));
      case "Fn::GetAtt" -> getAtt(argument);
      case "Fn::Sub" -> NODES.textNode(sub(argument));
      case "Fn::If" -> ifThenElse(argument);
      case "Fn::Equals", "Fn::Not" -> NODES.booleanNode(condition(NODES.objectNode().set(name, argument)));
      // A policy statement may hold a key "Condition" too: only a name is the intrinsic.
      case "Condition" -> argument.isTextual() ? NODES.booleanNode(conditionHolds(argument.asText())) : null;
      default -> {
        if (name.startsWith("Fn::")) {
          throw new UnsupportedOperationException(name + " is not emulated by the local cloud, which knows the"
              + " intrinsics template.yaml uses (Ref, Fn::GetAtt, Fn::Sub, Fn::If, Fn::Equals, Fn::Not)");
        }
        yield null;
      }
    });
  }

  private JsonNode ref(String name) {
    return switch (name) {
      case "AWS::NoValue" -> MissingNode.getInstance();
      case "AWS::NotificationARNs" -> NODES.arrayNode();
      default -> NODES.textNode(refAsString(name));
    };
  }

  private String refAsString(String name) {
    return switch (name) {
      case "AWS::Region" -> REGION;
      case "AWS::AccountId" -> ACCOUNT_ID;
      case "AWS::Partition" -> "aws";
      case "AWS::URLSuffix" -> "amazonaws.com";
      case "AWS::StackName" -> STACK_NAME;
      case "AWS::StackId" -> "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT_ID + ":stack/" + STACK_NAME
          + "/00000000-0000-0000-0000-000000000000";
      default -> {
        if (parameterValues.containsKey(name) || template.parameters().containsKey(name)) {
          yield parameter(name);
        }
        if (!template.resources().containsKey(name)) {
          throw new IllegalArgumentException("!Ref " + name + ": no such parameter or resource");
        }
        yield resources.ref(name);
      }
    };
  }

  private JsonNode getAtt(JsonNode argument) {
    JsonNode resolved = resolve(argument);
    if (!resolved.isArray() || resolved.size() != 2) {
      throw new IllegalArgumentException("Fn::GetAtt needs [LogicalId, Attribute], got " + argument);
    }
    return NODES.textNode(getAttAsString(resolved.get(0).asText(), resolved.get(1).asText()));
  }

  private String getAttAsString(String logicalId, String attribute) {
    if (!template.resources().containsKey(logicalId)) {
      throw new IllegalArgumentException("!GetAtt " + logicalId + "." + attribute + ": no such resource");
    }
    return resources.getAtt(logicalId, attribute);
  }

  private String sub(JsonNode argument) {
    String text;
    Map<String, String> variables = new HashMap<>();
    if (argument.isArray()) {
      text = argument.path(0).asText();
      argument.path(1).properties().forEach(e -> variables.put(e.getKey(), resolveToString(e.getValue())));
    } else {
      text = argument.asText();
    }
    Matcher matcher = SUB_VARIABLE.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String variable = matcher.group(1);
      String replacement;
      if (variable.startsWith("!")) {
        replacement = "${" + variable.substring(1) + "}"; // ${!Literal} escapes a variable
      } else if (variables.containsKey(variable)) {
        replacement = variables.get(variable);
      } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
        int dot = variable.indexOf('.');
        replacement = getAttAsString(variable.substring(0, dot), variable.substring(dot + 1));
      } else {
        replacement = refAsString(variable);
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private JsonNode ifThenElse(JsonNode argument) {
    String conditionName = argument.path(0).asText();
    return condition(NODES.objectNode().put("Condition", conditionName))
        ? resolve(argument.path(1))
        : resolve(argument.path(2));
  }

  /** Evaluates a condition expression: {"Condition": name}, Fn::Equals, Fn::Not. */
  boolean condition(JsonNode expression) {
    if (expression.isBoolean()) {
      return expression.booleanValue();
    }
    if (expression.isTextual()) {
      return Boolean.parseBoolean(expression.asText());
    }
    Map.Entry<String, JsonNode> only = expression.properties().iterator().next();
    JsonNode argument = only.getValue();
    return switch (only.getKey()) {
      case "Condition" -> {
        JsonNode declared = template.conditions().path(argument.asText());
        if (declared.isMissingNode()) {
          throw new IllegalArgumentException("no condition named '" + argument.asText() + "'");
        }
        yield condition(declared);
      }
      case "Fn::Equals" -> resolveToString(argument.path(0)).equals(resolveToString(argument.path(1)));
      case "Fn::Not" -> !condition(argument.path(0));
      default -> throw new IllegalArgumentException("not a condition: " + expression);
    };
  }

  /** Whether the named template condition holds. */
  public boolean conditionHolds(String conditionName) {
    return condition(NODES.objectNode().put("Condition", conditionName));
  }
}
