package se.anslag.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement of an IAM policy whose intrinsics are resolved, with the policy it comes from.
 *
 * @param origin    where the statement is: "ProtocolIntakeFunctionRole/ProtocolIntakeFunctionRolePolicy1",
 *                  or "AWS managed policy AWSLambdaBasicExecutionRole"
 * @param index     its position in that policy
 * @param principal the Principal of a resource-based policy; missing for identity policies
 */
record PolicyStatement(String origin, int index, String sid, boolean allow, JsonNode action, JsonNode notAction,
    JsonNode resource, JsonNode notResource, JsonNode condition, JsonNode principal) {

  /** The statements of a resolved policy document. */
  static List<PolicyStatement> of(String origin, JsonNode document) {
    JsonNode statements = document.path("Statement");
    List<JsonNode> list = new ArrayList<>();
    if (statements.isArray()) {
      statements.forEach(list::add);
    } else if (statements.isObject()) {
      list.add(statements);
    } else {
      throw new IllegalArgumentException(origin + ": a policy document without statements: " + document);
    }
    List<PolicyStatement> result = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode statement = list.get(i);
      String effect = statement.path("Effect").asText();
      if (!effect.equals("Allow") && !effect.equals("Deny")) {
        throw new IllegalArgumentException(origin + " statement " + i + ": Effect must be Allow or Deny, not '"
            + effect + "'");
      }
      if (statement.has("NotPrincipal")) {
        throw new UnsupportedOperationException(origin + " statement " + i + ": NotPrincipal is not evaluated here");
      }
      result.add(new PolicyStatement(origin, i, statement.path("Sid").asText(""), effect.equals("Allow"),
          statement.path("Action"), statement.path("NotAction"), statement.path("Resource"),
          statement.path("NotResource"), statement.path("Condition"),
          statement.has("Principal") ? statement.get("Principal") : MissingNode.getInstance()));
    }
    return result;
  }

  /** The statement's values of one element, a string or a list of strings, as a list. */
  static List<String> values(JsonNode element) {
    List<String> values = new ArrayList<>();
    if (element.isArray()) {
      element.forEach(value -> values.add(value.asText()));
    } else if (!element.isMissingNode() && !element.isNull()) {
      values.add(element.asText());
    }
    return values;
  }

  /** "Sid" or "statement 2" of its policy, for reports. */
  String name() {
    return origin + " " + (sid.isEmpty() ? "statement " + index : sid);
  }
}
