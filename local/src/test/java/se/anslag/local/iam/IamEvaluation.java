package se.anslag.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IAM's decision for one action on one resource, read from the IAM User Guide's "Policy evaluation
 * logic" and "IAM JSON policy elements" pages, for a role and resources of one account:
 *
 * <ol>
 *   <li>Every statement that applies is found: its Action (or NotAction) covers the action, its
 *       Resource (or NotResource) the resource, and every condition of its Condition block holds
 *       (the operators and keys of a block are ANDed, the values of one key ORed). A statement of a
 *       resource-based policy applies only when its Principal covers the role: "*" or {"AWS": "*"}.
 *   <li>An explicit deny wins: one applying Deny statement, in any policy, denies.
 *   <li>Otherwise an applying Allow statement of the role's own (identity) policies allows.
 *       Resource-based policies here name services, never the functions' roles, so their Allow
 *       statements grant the roles nothing.
 *   <li>Otherwise the request is implicitly denied.
 * </ol>
 *
 * Matching: actions case-insensitively, with * and ? wildcards; ARNs case-sensitively, segment by
 * segment between the colons, where "if the * wildcard is the last character of a resource ARN
 * segment, it can expand to match beyond the colon boundaries" (the Resource element's page), and
 * * takes slashes too. Condition operators: the String, Arn, Bool and Null families, with
 * IfExists and the ForAllValues/ForAnyValue set operators. A key the request does not carry fails
 * a condition, except for negated operators and IfExists; ForAllValues holds for an absent key,
 * ForAnyValue does not. Anything else (numeric or date operators, policy variables, a
 * multi-valued key without a set operator, a key of the request's service that {@link AwsRequests}
 * does not model) throws {@link Unmodelled}: the test fails rather than guess.
 */
final class IamEvaluation {

  /** The outcome, with the statement that decided it (none for an implicit deny). */
  record Decision(boolean allowed, List<PolicyStatement> deciding, String reason) {}

  /** A policy element this evaluation does not model; the request's decision is unknown. */
  static final class Unmodelled extends RuntimeException {
    Unmodelled(String message) {
      super(message);
    }
  }

  /** Global keys every request of a function carries on AWS, with their values there. */
  static final Set<String> GLOBAL_KEYS = Set.of("aws:SecureTransport", "aws:RequestedRegion",
      "aws:PrincipalAccount");
  /** Global keys present only when a service calls on behalf of another: never for a role's own calls. */
  private static final Set<String> SERVICE_CALL_KEYS = Set.of("aws:SourceArn", "aws:SourceAccount",
      "aws:SourceOwner", "aws:SourceOrgID", "aws:SourceOrgPaths");

  private IamEvaluation() {}

  /**
   * @param modelledKeys the condition keys of the request's service that the request model fills in;
   *                     a condition on another key of that service is {@link Unmodelled}
   */
  static Decision decide(String action, String resource, Map<String, List<String>> context,
      Set<String> modelledKeys, List<PolicyStatement> identity, List<PolicyStatement> resourceBased) {
    List<PolicyStatement> allows = new ArrayList<>();
    for (PolicyStatement statement : identity) {
      if (applies(statement, action, resource, context, modelledKeys)) {
        if (!statement.allow()) {
          return new Decision(false, List.of(statement), "explicitly denied by " + statement.name());
        }
        allows.add(statement);
      }
    }
    for (PolicyStatement statement : resourceBased) {
      if (coversTheRole(statement) && applies(statement, action, resource, context, modelledKeys)
          && !statement.allow()) {
        return new Decision(false, List.of(statement), "explicitly denied by " + statement.name());
      }
    }
    if (allows.isEmpty()) {
      return new Decision(false, List.of(), "implicitly denied: no statement allows it");
    }
    return new Decision(true, List.copyOf(allows), "allowed by " + allows.getFirst().name());
  }

  private static boolean coversTheRole(PolicyStatement statement) {
    JsonNode principal = statement.principal();
    if (principal.isTextual()) {
      return principal.asText().equals("*");
    }
    JsonNode aws = principal.path("AWS");
    if (aws.isMissingNode()) {
      return false; // Service or Federated principals: never a function's role
    }
    if (PolicyStatement.values(aws).contains("*")) {
      return true;
    }
    if (!statement.allow()) {
      throw new Unmodelled(statement.name() + ": a Deny for named AWS principals " + aws
          + " (is a function's role among them?)");
    }
    return false;
  }

  static boolean applies(PolicyStatement statement, String action, String resource,
      Map<String, List<String>> context, Set<String> modelledKeys) {
    boolean actionCovered = statement.action().isMissingNode()
        ? PolicyStatement.values(statement.notAction()).stream().noneMatch(p -> actionMatches(p, action))
        : PolicyStatement.values(statement.action()).stream().anyMatch(p -> actionMatches(p, action));
    if (!actionCovered) {
      return false;
    }
    boolean resourceCovered = statement.resource().isMissingNode()
        ? PolicyStatement.values(statement.notResource()).stream().noneMatch(p -> arnMatches(p, resource))
        : PolicyStatement.values(statement.resource()).stream().anyMatch(p -> arnMatches(p, resource));
    if (!resourceCovered) {
      return false;
    }
    return conditionsHold(statement, action, context, modelledKeys);
  }

  static boolean actionMatches(String pattern, String action) {
    return glob(pattern.toLowerCase(Locale.ROOT)).matcher(action.toLowerCase(Locale.ROOT)).matches();
  }

  static boolean arnMatches(String pattern, String arn) {
    return pattern.equals("*") || segmentsMatch(pattern.split(":", -1), 0, arn.split(":", -1), 0);
  }

  /** Segment by segment; a segment ending in * may also take the segments after it (IAM's Resource page). */
  private static boolean segmentsMatch(String[] pattern, int p, String[] arn, int a) {
    if (p == pattern.length) {
      return a == arn.length;
    }
    if (a == arn.length) {
      return false;
    }
    int last = pattern[p].endsWith("*") ? arn.length - 1 : a;
    for (int end = a; end <= last; end++) {
      String segments = String.join(":", java.util.Arrays.copyOfRange(arn, a, end + 1));
      if (glob(pattern[p]).matcher(segments).matches() && segmentsMatch(pattern, p + 1, arn, end + 1)) {
        return true;
      }
    }
    return false;
  }

  private static final Map<String, Pattern> GLOBS = new java.util.concurrent.ConcurrentHashMap<>();

  private static Pattern glob(String pattern) {
    return GLOBS.computeIfAbsent(pattern, IamEvaluation::compileGlob);
  }

  private static Pattern compileGlob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static boolean conditionsHold(PolicyStatement statement, String action,
      Map<String, List<String>> context, Set<String> modelledKeys) {
    JsonNode block = statement.condition();
    if (block.isMissingNode() || block.isNull()) {
      return true;
    }
    String service = action.substring(0, action.indexOf(':')).toLowerCase(Locale.ROOT);
    for (var operatorEntry : block.properties()) {
      Operator operator = Operator.parse(operatorEntry.getKey(), statement);
      for (var keyEntry : operatorEntry.getValue().properties()) {
        String key = keyEntry.getKey();
        List<String> policyValues = PolicyStatement.values(keyEntry.getValue());
        if (policyValues.stream().anyMatch(v -> v.contains("${"))) {
          throw new Unmodelled(statement.name() + ": policy variables in " + key + " are not evaluated here");
        }
        String keyService = key.substring(0, Math.max(0, key.indexOf(':'))).toLowerCase(Locale.ROOT);
        boolean modelled = GLOBAL_KEYS.contains(key) || SERVICE_CALL_KEYS.contains(key)
            || modelledKeys.contains(key) || !keyService.equals(service) && !keyService.equals("aws");
        if (!modelled) {
          throw new Unmodelled(statement.name() + ": condition key " + key + " is not modelled for " + action);
        }
        if (!operator.holds(context.get(key), policyValues, key, statement)) {
          return false;
        }
      }
    }
    return true;
  }

  /** A condition operator: its base comparison, set operator and IfExists. */
  private record Operator(String base, String setOperator, boolean ifExists, boolean negated) {

    private static final Set<String> BASES = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
        "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "ArnEquals", "ArnNotEquals", "ArnLike",
        "ArnNotLike", "Bool", "Null");

    static Operator parse(String name, PolicyStatement statement) {
      String setOperator = "";
      String rest = name;
      for (String prefix : List.of("ForAllValues:", "ForAnyValue:")) {
        if (rest.startsWith(prefix)) {
          setOperator = prefix.substring(0, prefix.length() - 1);
          rest = rest.substring(prefix.length());
        }
      }
      boolean ifExists = rest.endsWith("IfExists");
      if (ifExists) {
        rest = rest.substring(0, rest.length() - "IfExists".length());
      }
      if (!BASES.contains(rest) || rest.equals("Null") && (ifExists || !setOperator.isEmpty())) {
        throw new Unmodelled(statement.name() + ": condition operator " + name + " is not evaluated here");
      }
      return new Operator(rest, setOperator, ifExists, rest.contains("Not"));
    }

    boolean holds(List<String> requestValues, List<String> policyValues, String key, PolicyStatement statement) {
      boolean absent = requestValues == null || requestValues.isEmpty();
      if (base.equals("Null")) {
        return policyValues.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
      }
      switch (setOperator) {
        case "ForAllValues" -> {
          return absent || requestValues.stream().allMatch(v -> matches(v, policyValues));
        }
        case "ForAnyValue" -> {
          return !absent && requestValues.stream().anyMatch(v -> matches(v, policyValues));
        }
        default -> {
          if (absent) {
            return ifExists || negated;
          }
          if (IamRequest.MULTI_VALUED_KEYS.contains(key)) {
            throw new Unmodelled(statement.name() + ": " + key + " holds several values; compare it with"
                + " ForAllValues or ForAnyValue");
          }
          return matches(requestValues.getFirst(), policyValues);
        }
      }
    }

    /** The operator's result for one request value: any policy value matches, or none for a negated operator. */
    private boolean matches(String requestValue, List<String> policyValues) {
      boolean any = policyValues.stream().anyMatch(policyValue -> compare(requestValue, policyValue));
      return negated != any;
    }

    private boolean compare(String requestValue, String policyValue) {
      return switch (base) {
        case "StringEquals", "StringNotEquals" -> requestValue.equals(policyValue);
        case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" -> requestValue.equalsIgnoreCase(policyValue);
        case "StringLike", "StringNotLike" -> glob(policyValue).matcher(requestValue).matches();
        case "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike" -> arnMatches(policyValue, requestValue);
        case "Bool" -> requestValue.equalsIgnoreCase(policyValue);
        default -> throw new IllegalStateException(base);
      };
    }
  }
}
