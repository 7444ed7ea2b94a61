package se.anslag.local.iam;

import java.net.CacheRequest;
import java.net.CacheResponse;
import java.net.ResponseCache;
import java.net.URI;
import java.net.URLConnection;
import java.util.List;
import java.util.Map;

/**
 * Records the S3 requests that functions send without the SDK (shared/.../storage/S3Objects signs
 * plain HTTP requests and sends them through the URL-connection client), in {@link
 * RecordedRequests}. The JDK's {@link ResponseCache} is the hook: HttpURLConnection asks the
 * installed cache, on the calling thread and with the method, URI and request headers, before it
 * sends each request (caching is on by default and the URL-connection client leaves it on). This
 * one records and never caches: it answers "not cached" and stores nothing. Requests carrying the
 * SDK's invocation header are the SDK clients', which {@link AwsRequestRecorder} records.
 */
final class S3RequestRecorder extends ResponseCache {

  private S3RequestRecorder() {}

  /** Installs the recorder unless the JVM has a response cache already. */
  static synchronized void install() {
    if (ResponseCache.getDefault() == null) {
      ResponseCache.setDefault(new S3RequestRecorder());
    }
  }

  @Override
  public CacheResponse get(URI uri, String method, Map<String, List<String>> headers) {
    if (AwsRequests.header(headers, "amz-sdk-invocation-id").isPresent()) {
      return null;
    }
    var authorization = AwsRequests.header(headers, "Authorization");
    if (authorization.isEmpty() || !authorization.get().contains("/s3/aws4_request")) {
      return null; // not a signed S3 request
    }
    RecordedRequests.signer(authorization).ifPresent(owner -> {
      try {
        AwsRequests.s3(method, uri, headers).forEach(request -> RecordedRequests.record(owner, request));
      } catch (RuntimeException unreadable) {
        RecordedRequests.problem(owner, "S3 " + method + " " + uri + ": " + unreadable.getMessage());
      }
    });
    return null;
  }

  @Override
  public CacheRequest put(URI uri, URLConnection connection) {
    return null;
  }
}
