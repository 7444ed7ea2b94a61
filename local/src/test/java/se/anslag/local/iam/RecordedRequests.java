package se.anslag.local.iam;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.anslag.local.cloud.FunctionCredentials;

/**
 * Every AWS request a function of a local cloud sent in this JVM, as IAM would authorise it, and
 * how often; filled by {@link AwsRequestRecorder} (SDK clients) and {@link S3RequestRecorder}
 * (S3Objects' signed HTTP requests), read by {@link IamPolicyIT}. A request is the function's when
 * it is signed with the function's access key ({@link FunctionCredentials}), as IAM knows a
 * request's role by the credentials that signed it.
 */
final class RecordedRequests {

  /** One kind of request of one function: the owner names the function and its local cloud. */
  record Recorded(FunctionCredentials.Owner owner, IamRequest request) {}

  /** A request that could not be read as an authorisation: the test fails on it. */
  record Problem(FunctionCredentials.Owner owner, String message) {}

  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
  private static final Map<Recorded, LongAdder> REQUESTS = new ConcurrentHashMap<>();
  private static final Set<Problem> PROBLEMS = ConcurrentHashMap.newKeySet();

  private RecordedRequests() {}

  /** The function that signed a request, from its Authorization header; empty when no function did. */
  static Optional<FunctionCredentials.Owner> signer(Optional<String> authorization) {
    return authorization.map(CREDENTIAL::matcher).filter(Matcher::find)
        .flatMap(matcher -> FunctionCredentials.owner(matcher.group(1)));
  }

  /** The function whose key signed a presigned URL (X-Amz-Credential in its query); empty when none did. */
  static Optional<FunctionCredentials.Owner> presigner(java.net.URI url) {
    String query = url.getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("X-Amz-Credential=")) {
        String credential = java.net.URLDecoder.decode(parameter.substring("X-Amz-Credential=".length()),
            java.nio.charset.StandardCharsets.UTF_8);
        return FunctionCredentials.owner(credential.substring(0, credential.indexOf('/')));
      }
    }
    return Optional.empty();
  }

  static void record(FunctionCredentials.Owner owner, IamRequest request) {
    REQUESTS.computeIfAbsent(new Recorded(owner, request), any -> new LongAdder()).increment();
  }

  static void problem(FunctionCredentials.Owner owner, String message) {
    PROBLEMS.add(new Problem(owner, message));
  }

  /** What was recorded so far, with how many times each. */
  static Map<Recorded, Long> requests() {
    Map<Recorded, Long> copy = new java.util.LinkedHashMap<>();
    REQUESTS.forEach((recorded, count) -> copy.put(recorded, count.sum()));
    return copy;
  }

  static List<Problem> problems() {
    return List.copyOf(PROBLEMS);
  }
}
