package se.anslag.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import se.anslag.local.cloud.Intrinsics;
import se.anslag.local.cloud.LocalCloud;

/**
 * Checks recorded requests against the functions' roles ({@link FunctionRoles}) with {@link
 * IamEvaluation}, and what the roles grant against what was used. Besides what the functions send
 * themselves, each function is checked for what Lambda does with its role, as the Lambda Developer
 * Guide documents: for each SQS event source, ReceiveMessage, DeleteMessage and GetQueueAttributes
 * on the queue; CreateLogStream and PutLogEvents on the function's log group; and, for each
 * destination of asynchronous invocations (or dead-letter queue), SendMessage on its queue or
 * Publish on its topic.
 */
final class IamCheck {

  private final FunctionRoles roles;
  private final JsonNode projectTemplate;
  private final Map<String, Map<String, String>> unusedOnPurpose;
  private final Map<LocalCloud, Map<String, Resolved>> resolved = new HashMap<>();
  private final Map<String, FunctionUse> uses = new TreeMap<>();
  private final Map<String, Long> failures = new java.util.LinkedHashMap<>();
  private final Set<LocalCloud> otherTemplates = new LinkedHashSet<>();

  /** A function's statements as resolved in one local cloud. */
  private record Resolved(List<PolicyStatement> own, List<PolicyStatement> managed) {
    List<PolicyStatement> all() {
      var all = new ArrayList<>(own);
      all.addAll(managed);
      return all;
    }
  }

  /** What one function did, across every local cloud. */
  private static final class FunctionUse {
    final Map<String, Long> actions = new TreeMap<>();
    final Set<String> platformActions = new TreeSet<>();
    final Set<String> usedGrants = new LinkedHashSet<>();
    final Set<LocalCloud> clouds = new LinkedHashSet<>();
    long requests;
    /** The template's own statements of the role, as resolved in the last cloud seen (for the report). */
    List<PolicyStatement> ownStatements = List.of();
    LocalCloud statementsCloud;
  }

  /**
   * @param unusedOnPurpose per function, granted actions that no recorded request uses, with why
   *                        they stay granted; every other unused grant fails the check
   */
  IamCheck(FunctionRoles roles, JsonNode projectTemplate, Map<String, Map<String, String>> unusedOnPurpose) {
    this.roles = roles;
    this.projectTemplate = projectTemplate;
    this.unusedOnPurpose = unusedOnPurpose;
    roles.functions().keySet().forEach(function -> uses.put(function, new FunctionUse()));
  }

  void add(RecordedRequests.Recorded recorded, long count) {
    LocalCloud cloud = recorded.owner().cloud();
    if (!cloud.template().json().equals(projectTemplate)) {
      otherTemplates.add(cloud); // a test's own template (the local cloud's fixtures): not template.yaml's roles
      return;
    }
    String function = recorded.owner().functionLogicalId();
    FunctionUse use = uses.get(function);
    if (use == null) {
      fail(function + " sent requests but the transformed template has no such function: " + recorded.request(), count);
      return;
    }
    if (use.clouds.add(cloud)) {
      platformRequests(cloud, function).forEach(request -> check(cloud, function, request, use, 0));
    }
    use.requests += count;
    check(cloud, function, recorded.request(), use, count);
  }

  private void fail(String message, long requests) {
    failures.merge(message, requests, Long::sum);
  }

  /** A failure in one local cloud, its physical names shown as "AnslagTable-*": the same in every cloud. */
  private void fail(LocalCloud cloud, String message, long requests) {
    fail(message.replace("-" + cloud.runId(), "-*"), requests);
  }

  void problem(RecordedRequests.Problem problem) {
    fail(problem.owner().functionLogicalId() + ": a request the test cannot read as IAM sees it: "
        + problem.message(), 1);
  }

  /** Checks one kind of request, sent {@code count} times; 0 for what Lambda does with the role. */
  private void check(LocalCloud cloud, String function, IamRequest request, FunctionUse use, long count) {
    Resolved statements = resolved.computeIfAbsent(cloud, c -> new HashMap<>()).computeIfAbsent(function,
        f -> new Resolved(roles.ownStatements(f, cloud::resolve), roles.managedStatements(f)));
    use.ownStatements = statements.own();
    use.statementsCloud = cloud;
    if (count == 0) {
      use.platformActions.add(request.action());
    } else {
      use.actions.merge(request.action(), count, Long::sum);
    }
    var context = AwsRequests.withGlobalKeys(request.context());
    for (String resource : request.resources()) {
      IamEvaluation.Decision decision;
      try {
        decision = IamEvaluation.decide(request.action(), resource, context,
            AwsRequests.modelledKeys(request.service()), statements.all(),
            roles.resourceStatements(resource, cloud::resolve));
      } catch (IamEvaluation.Unmodelled unmodelled) {
        fail(cloud, function + ": cannot decide " + request.action() + " on " + resource + ": "
            + unmodelled.getMessage(), count);
        continue;
      }
      if (!decision.allowed()) {
        // Requests that differ only in their partition key values are one failure.
        var shown = new TreeMap<>(request.context());
        shown.remove("dynamodb:LeadingKeys");
        fail(cloud, function + ": " + request.action() + " on " + resource + " is " + decision.reason()
            + (shown.isEmpty() ? "" : "; request " + shown) + " (" + request.operation() + ")", count);
        continue;
      }
      for (PolicyStatement statement : decision.deciding()) {
        for (String pattern : PolicyStatement.values(statement.action())) {
          if (IamEvaluation.actionMatches(pattern, request.action())) {
            use.usedGrants.add(grantKey(statement, pattern));
          }
        }
      }
    }
  }

  private static String grantKey(PolicyStatement statement, String actionPattern) {
    return statement.origin() + "#" + statement.index() + "#" + actionPattern;
  }

  /** What Lambda itself does with the function's role, in one local cloud. */
  private List<IamRequest> platformRequests(LocalCloud cloud, String function) {
    List<IamRequest> requests = new ArrayList<>();
    for (var source : cloud.template().function(function).sqsEvents()) {
      String queue = cloud.queueArn(source.queueLogicalId());
      for (String action : List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")) {
        requests.add(new IamRequest("Lambda polling " + source.queueLogicalId() + " (event " + source.name() + ")",
            action, List.of(queue), Map.of()));
      }
    }
    for (JsonNode destination : roles.asyncDestinations(function)) {
      String arn = cloud.resolve(destination).asText();
      String action = arn.startsWith("arn:aws:sqs:") ? "sqs:SendMessage"
          : arn.startsWith("arn:aws:sns:") ? "sns:Publish"
          : null;
      if (action == null) {
        fail(cloud, function + ": an asynchronous-invocation destination the test does not model: " + arn, 1);
        continue;
      }
      requests.add(new IamRequest("Lambda sending an asynchronous invocation's record to " + arn, action,
          List.of(arn), Map.of()));
    }
    String logGroup = roles.logGroup(function).map(group -> cloud.resolve(group).asText())
        .orElse("/aws/lambda/" + cloud.physicalId(function));
    String groupArn = "arn:aws:logs:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT_ID + ":log-group:" + logGroup;
    requests.add(new IamRequest("Lambda writing the function's log", "logs:CreateLogStream", List.of(groupArn),
        Map.of()));
    requests.add(new IamRequest("Lambda writing the function's log", "logs:PutLogEvents",
        List.of(groupArn + ":log-stream:2024/02/14/[$LATEST]0123456789abcdef"), Map.of()));
    return requests;
  }

  /** Every failure: denied or undecidable requests, functions never exercised, grants never used. */
  List<String> failures() {
    List<String> all = new ArrayList<>();
    failures.forEach((message, requests) -> all.add(message + (requests > 1 ? " [" + requests + " requests]" : "")));
    uses.forEach((function, use) -> {
      if (use.requests == 0) {
        all.add(function + " sent no request in any integration test: nothing shows that its role lets it work"
            + " (run IamPolicyIT with the other integration tests; it runs last)");
        return;
      }
      Map<String, String> onPurpose = unusedOnPurpose.getOrDefault(function, Map.of());
      Set<String> unusedActions = new TreeSet<>();
      for (String unused : unusedGrants(function, use)) {
        String action = unused.substring(0, unused.indexOf(' '));
        if (onPurpose.containsKey(action)) {
          unusedActions.add(action);
        } else {
          all.add(function + " is granted " + unused + ", which no request uses");
        }
      }
      onPurpose.keySet().stream().filter(action -> !unusedActions.contains(action)).forEach(action -> all.add(
          function + ": " + action + " is listed as granted and unused on purpose, but it is used or no longer"
              + " granted: take it off the list"));
    });
    return all;
  }

  /** The template's own grants that allowed nothing: "action on resources (policy statement)". */
  private List<String> unusedGrants(String function, FunctionUse use) {
    List<String> unused = new ArrayList<>();
    for (PolicyStatement statement : use.ownStatements) {
      if (!statement.allow()) {
        continue;
      }
      for (String pattern : PolicyStatement.values(statement.action())) {
        if (!use.usedGrants.contains(grantKey(statement, pattern))) {
          unused.add(pattern + " on " + String.join(", ", PolicyStatement.values(statement.resource()))
              .replace("-" + use.statementsCloud.runId(), "-*") + " (" + statement.name() + ")");
        }
      }
      if (statement.action().isMissingNode()) {
        unused.add("NotAction " + statement.notAction() + " (" + statement.name() + "): not checked for use");
      }
    }
    return unused;
  }

  /** Per function: requests, the actions used and granted, what is granted and unused, and what failed. */
  String report() {
    var report = new StringBuilder("IAM check of template.yaml's function roles against every AWS request the"
        + " functions sent in the integration tests\n");
    uses.forEach((function, use) -> {
      var roleId = roles.functions().get(function).roleLogicalId();
      report.append('\n').append(function).append(" (role ").append(roleId).append(")\n");
      report.append("  requests recorded: ").append(use.requests).append(" in ").append(use.clouds.size())
          .append(" local cloud(s)\n");
      report.append("  actions used:      ").append(String.join(", ", use.actions.entrySet().stream()
          .map(e -> e.getKey() + " (" + e.getValue() + ")").toList())).append('\n');
      report.append("  used by Lambda:    ").append(String.join(", ", use.platformActions)).append('\n');
      Set<String> own = new TreeSet<>();
      use.ownStatements.stream().filter(PolicyStatement::allow)
          .forEach(s -> own.addAll(PolicyStatement.values(s.action())));
      Set<String> managed = new TreeSet<>();
      roles.managedStatements(function).forEach(s -> managed.addAll(PolicyStatement.values(s.action())));
      report.append("  actions granted:   ").append(String.join(", ", own)).append('\n');
      report.append("  by AWS managed policies: ").append(String.join(", ", managed)).append('\n');
      List<String> unused = use.requests == 0 ? List.of("(not exercised)") : unusedGrants(function, use);
      report.append("  granted, not used: ").append(unused.isEmpty() ? "none" : "").append('\n');
      unused.forEach(u -> report.append("    ").append(u).append('\n'));
    });
    if (!otherTemplates.isEmpty()) {
      report.append("\n(").append(otherTemplates.size())
          .append(" local cloud(s) of test templates other than template.yaml were left out)\n");
    }
    List<String> failures = failures();
    report.append('\n').append(failures.isEmpty() ? "No failures." : failures.size() + " failure(s):").append('\n');
    failures.forEach(f -> report.append("  ").append(f).append('\n'));
    return report.toString();
  }
}
