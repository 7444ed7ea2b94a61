package se.anslag.local.iam;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One authorisation IAM makes for a request: the action, the resources it is checked on (each
 * must be allowed: SES SendEmail, say, is checked on the sender identity and on the configuration
 * set), and the request's condition keys. {@code operation} names the API call it came from.
 *
 * @param context condition keys and their values; a single-valued key has one value
 */
record IamRequest(String operation, String action, List<String> resources, Map<String, List<String>> context) {

  /** The condition keys that hold a set of values, which IAM compares with ForAllValues/ForAnyValue. */
  static final Set<String> MULTI_VALUED_KEYS = Set.of("dynamodb:Attributes", "dynamodb:LeadingKeys");

  IamRequest {
    resources = List.copyOf(resources);
    var sorted = new TreeMap<String, List<String>>();
    context.forEach((key, values) -> sorted.put(key, List.copyOf(values)));
    context = java.util.Collections.unmodifiableMap(sorted);
  }

  /** The service prefix of the action: "dynamodb" of "dynamodb:GetItem". */
  String service() {
    return action.substring(0, action.indexOf(':'));
  }

  @Override
  public String toString() {
    return action + " on " + String.join(", ", resources) + (context.isEmpty() ? "" : " " + context)
        + " (" + operation + ")";
  }
}
