package se.anslag.local.iam;

import java.net.URI;
import java.util.Map;

/**
 * Records S3 requests sent with a URL a function presigned. IAM authorises such a request as the
 * function's role when S3 receives it, but the function never sends it: a browser does, or a test
 * in its place, outside the JVM's URL connections that {@link S3RequestRecorder} sees. So the
 * sender records it here, just before it sends it.
 */
public final class PresignedRequests {

  private PresignedRequests() {}

  /** Records a request about to be sent to a presigned URL; one not presigned by a function is ignored. */
  public static void sending(String method, URI url) {
    RecordedRequests.presigner(url).ifPresent(owner -> {
      try {
        AwsRequests.s3(method, url, Map.of()).forEach(request -> RecordedRequests.record(owner,
            new IamRequest(request.operation() + " (presigned)", request.action(), request.resources(),
                request.context())));
      } catch (RuntimeException unreadable) {
        RecordedRequests.problem(owner, "presigned S3 " + method + " " + url + ": " + unreadable.getMessage());
      }
    });
  }
}
