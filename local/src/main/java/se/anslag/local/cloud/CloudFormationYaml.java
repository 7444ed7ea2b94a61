package se.anslag.local.cloud;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads CloudFormation YAML into the JSON form of the template, turning the short-form tags into
 * their long form: {@code !Ref X} becomes {"Ref": "X"}, {@code !GetAtt X.Arn} becomes
 * {"Fn::GetAtt": ["X", "Arn"]}, {@code !Sub ...} becomes {"Fn::Sub": ...} and so on.
 *
 * <p>jackson-dataformat-yaml keeps the tag of a node only as the parser's type id ({@code Ref},
 * {@code GetAtt}); a plain {@code readTree} silently drops it, leaving the bare argument. So the tree
 * is built here from the token stream, wrapping every tagged node.
 */
final class CloudFormationYaml {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final YAMLFactory YAML = new YAMLFactory();

  private CloudFormationYaml() {}

  static JsonNode read(String yamlText) {
    try (YAMLParser parser = YAML.createParser(yamlText)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return NODES.objectNode();
      }
      return readValue(parser);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse the template YAML: " + e.getMessage(), e);
    }
  }

  /** Reads the value at the parser's current token, leaving the parser on its last token. */
  private static JsonNode readValue(YAMLParser parser) throws IOException {
    String tag = parser.getTypeId();
    JsonNode value = switch (parser.currentToken()) {
      case START_OBJECT -> readObject(parser);
      case START_ARRAY -> readArray(parser);
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new IOException("unexpected YAML token " + parser.currentToken()
          + " at " + parser.currentLocation());
    };
    return tag == null ? value : longForm(tag, value);
  }

  private static ObjectNode readObject(YAMLParser parser) throws IOException {
    ObjectNode object = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      object.set(name, readValue(parser));
    }
    return object;
  }

  private static ArrayNode readArray(YAMLParser parser) throws IOException {
    ArrayNode array = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(readValue(parser));
    }
    return array;
  }

  private static JsonNode longForm(String tag, JsonNode argument) {
    String name = tag.startsWith("!") ? tag.substring(1) : tag;
    return switch (name) {
      // Plain YAML tags that some templates use: keep the value as it is.
      case "tag:yaml.org,2002:str", "str", "tag:yaml.org,2002:int", "int" -> argument;
      case "Ref", "Condition" -> NODES.objectNode().set(name, argument);
      case "GetAtt" -> NODES.objectNode().set("Fn::GetAtt", getAttArgument(argument));
      default -> NODES.objectNode().set("Fn::" + name, argument);
    };
  }

  /** {@code !GetAtt X.Arn} is short for ["X", "Arn"]; an attribute may itself contain dots. */
  private static JsonNode getAttArgument(JsonNode argument) {
    if (!argument.isTextual()) {
      return argument;
    }
    String text = argument.asText();
    int dot = text.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException("!GetAtt needs LogicalId.Attribute, got '" + text + "'");
    }
    return NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
  }
}
