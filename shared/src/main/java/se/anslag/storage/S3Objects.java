package se.anslag.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import se.anslag.aws.AwsClients;
import se.anslag.config.AnslagConfig;
import se.anslag.ports.ObjectStore;
import se.anslag.ports.UploadUrls;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Whole-object reads and writes in S3 over SigV4-signed HTTP, with the SDK's own signer,
 * credentials chain and HTTP client.
 *
 * <p>Why not the SDK's S3 client: the functions only get, put, delete and list whole objects,
 * and the S3 module adds 4 MB of model classes to each function (the budget is 15 MB) and is the
 * slowest SDK client to initialise on a cold start.
 */
@Singleton
public final class S3Objects implements ObjectStore, UploadUrls {
  private static final int MAX_ATTEMPTS = 4;
  private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern ERROR_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");
  private static final String METADATA_PREFIX = "x-amz-meta-";

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final String region;
  private final Optional<URI> endpoint;

  @Inject
  public S3Objects(AnslagConfig config) {
    this.http = UrlConnectionHttpClient.create();
    this.credentials = AwsClients.credentials(config.localCredentials());
    this.region = config.region().orElseThrow(() -> new IllegalStateException(
        "Environment variable AWS_REGION is not set; Lambda sets it, the local mode must too"));
    this.endpoint = config.endpointFor("S3");
  }

  /** S3 refused a request: throttling (429) and 5xx are transient, the rest permanent. */
  public static final class S3RequestException extends RequestFailure {
    S3RequestException(int status, String message) {
      super(status == 429 || status >= 500, message);
    }
  }

  @Override
  public StoredObject get(String bucket, String key, long maxBytes) {
    return get(bucket, key, Map.of(), maxBytes);
  }

  @Override
  public StoredObject getVersion(String bucket, String key, String versionId, long maxBytes) {
    return get(bucket, key, Map.of("versionId", versionId), maxBytes); // raw: the SDK encodes query values
  }

  private StoredObject get(String bucket, String key, Map<String, String> query, long maxBytes) {
    var response = execute(SdkHttpMethod.GET, bucket, key, query, Map.of(), new byte[0], maxBytes);
    if (response.status == 404) {
      throw new NoSuchObjectException(bucket, key);
    }
    requireSuccess(response, "GET", bucket, key);
    var metadata = new HashMap<String, String>();
    response.headers.forEach((name, value) -> {
      if (name.startsWith(METADATA_PREFIX)) {
        metadata.put(name.substring(METADATA_PREFIX.length()), value);
      }
    });
    if (response.tooLarge) {
      throw new ObjectTooLargeException(bucket, key, response.length, maxBytes, metadata,
          response.headers.get("x-amz-version-id"), response.headers.get("etag"));
    }
    var lastModified = Optional.ofNullable(response.headers.get("last-modified"))
        .map(value -> ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).orElse(null);
    return new StoredObject(response.body, Map.copyOf(metadata), lastModified, response.headers.get("content-type"),
        response.headers.get("x-amz-version-id"));
  }

  @Override
  public void put(String bucket, String key, byte[] content, String contentType, String cacheControl) {
    var headers = new LinkedHashMap<String, String>();
    headers.put("Content-Type", contentType);
    if (cacheControl != null) {
      headers.put("Cache-Control", cacheControl);
    }
    requireSuccess(execute(SdkHttpMethod.PUT, bucket, key, Map.of(), headers, content), "PUT", bucket, key);
  }

  @Override
  public void delete(String bucket, String key) {
    var response = execute(SdkHttpMethod.DELETE, bucket, key, Map.of(), Map.of(), new byte[0]);
    if (response.status != 404) {
      requireSuccess(response, "DELETE", bucket, key);
    }
  }

  /** Every key in the bucket with its ETag (the MD5 of the bytes for objects put whole). */
  @Override
  public Map<String, String> list(String bucket) {
    var etags = new LinkedHashMap<String, String>();
    String continuation = null;
    do {
      var query = new LinkedHashMap<String, String>();
      query.put("list-type", "2");
      if (continuation != null) {
        query.put("continuation-token", continuation);
      }
      var response = execute(SdkHttpMethod.GET, bucket, "", query, Map.of(), new byte[0]);
      requireSuccess(response, "LIST", bucket, "");
      var document = parseXml(response.body);
      var contents = document.getElementsByTagName("Contents");
      for (int i = 0; i < contents.getLength(); i++) {
        var entry = (Element) contents.item(i);
        etags.put(text(entry, "Key"), text(entry, "ETag").replace("\"", ""));
      }
      continuation = "true".equals(text(document.getDocumentElement(), "IsTruncated"))
          ? text(document.getDocumentElement(), "NextContinuationToken")
          : null;
    } while (continuation != null);
    return etags;
  }

  /**
   * Presigns a PUT of one new object with the SDK's SigV4 signer, as {@link #put} signs one, but in
   * the query string. The content length is a signed header, so S3 refuses a body of any other
   * size; the payload is UNSIGNED-PAYLOAD, since the bytes are not here to hash. It is signed at
   * the real time, which S3 checks the expiry against, whatever clock the caller runs on; S3 also
   * limits the validity to what the credentials allow (a function's role session: hours).
   *
   * @param metadata user metadata (ASCII values), sent as {@code x-amz-meta-*} headers and signed
   */
  @Override
  public PresignedPut presignPut(String bucket, String key, String contentType, long contentLength,
      Map<String, String> metadata, java.time.Duration validity) {
    var now = Instant.now();
    var headers = new LinkedHashMap<String, String>();
    headers.put("Content-Type", contentType);
    metadata.forEach((name, value) -> headers.put(METADATA_PREFIX + name, value));
    var request = SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT).uri(objectUri(bucket, key));
    headers.forEach(request::putHeader);
    request.putHeader("Content-Length", Long.toString(contentLength));
    // The browser sets Content-Length itself (it may not be set by a script); the rest it must send.
    return new PresignedPut(presign(request.build(), now, validity), Map.copyOf(headers), now.plus(validity));
  }

  @Override
  public URI presignGet(String bucket, String key, String versionId, java.time.Duration validity) {
    var request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(objectUri(bucket, key));
    if (versionId != null) {
      request.putRawQueryParameter("versionId", versionId);
    }
    return presign(request.build(), Instant.now(), validity);
  }

  /** The request's URL with a SigV4 signature in its query string, valid from now for the validity. */
  private URI presign(SdkHttpFullRequest request, Instant now, java.time.Duration validity) {
    var signed = signer.sign(r -> r
        .identity(credentials.resolveCredentials())
        .request(request)
        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
        .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, validity)
        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
        .putProperty(software.amazon.awssdk.http.auth.spi.signer.HttpSigner.SIGNING_CLOCK,
            Clock.fixed(now, java.time.ZoneOffset.UTC)));
    return signed.request().getUri();
  }

  /**
   * {@code tooLarge}: a successful response's body was longer than the caller reads and was not read; {@code length}
   * is then its Content-Length, or one more than the limit where none was sent.
   */
  private record Response(int status, Map<String, String> headers, byte[] body, boolean tooLarge, long length) {
    Response(int status, Map<String, String> headers, byte[] body) {
      this(status, headers, body, false, body.length);
    }
  }

  private Response execute(SdkHttpMethod method, String bucket, String key, Map<String, String> query,
      Map<String, String> headers, byte[] payload) {
    return execute(method, bucket, key, query, headers, payload, Long.MAX_VALUE);
  }

  /** {@code maxBody}: the longest successful response body that is read; a longer one is aborted unread. */
  private Response execute(SdkHttpMethod method, String bucket, String key, Map<String, String> query,
      Map<String, String> headers, byte[] payload, long maxBody) {
    var request = SdkHttpFullRequest.builder().method(method).uri(objectUri(bucket, key));
    query.forEach(request::putRawQueryParameter);
    headers.forEach(request::putHeader);
    // S3 wants the payload's hash in a header of its own; the signer covers it.
    request.putHeader("x-amz-content-sha256", sha256(payload));
    if (payload.length > 0) {
      request.putHeader("Content-Length", Integer.toString(payload.length));
    }
    var unsigned = request.build();
    for (int attempt = 1; ; attempt++) {
      var signed = signer.sign(r -> r
          .identity(credentials.resolveCredentials())
          .request(unsigned)
          .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
          .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
          .putProperty(AwsV4HttpSigner.REGION_NAME, region)
          .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
          .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false));
      try {
        // No body at all for GET and DELETE: HttpURLConnection turns a request with one into a POST.
        var call = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
            .contentStreamProvider(payload.length == 0 ? null : signed.payload().orElse(null)).build()).call();
        var responseHeaders = new HashMap<String, String>();
        call.httpResponse().headers().forEach((name, values) ->
            responseHeaders.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.getFirst()));
        var status = call.httpResponse().statusCode();
        var response = status / 100 == 2 && maxBody < Long.MAX_VALUE
            ? readAtMost(status, responseHeaders, call.responseBody().orElse(null), maxBody)
            : readWhole(status, responseHeaders, call.responseBody().orElse(null));
        if ((response.status == 503 || response.status == 500) && attempt < MAX_ATTEMPTS) {
          backOff(attempt);
          continue;
        }
        return response;
      } catch (IOException networkFailure) {
        if (attempt >= MAX_ATTEMPTS) {
          throw new UncheckedIOException("S3 " + method + " " + bucket + "/" + key + " failed", networkFailure);
        }
        backOff(attempt);
      }
    }
  }

  private static Response readWhole(int status, Map<String, String> headers, InputStream body) throws IOException {
    try (InputStream stream = body == null ? new ByteArrayInputStream(new byte[0]) : body) {
      return new Response(status, headers, stream.readAllBytes());
    }
  }

  /**
   * The body if it is at most {@code maxBody} bytes: the Content-Length is checked before a byte is read, and a
   * body without one is read only to one byte past the limit. A longer one is aborted, which closes the
   * connection rather than draining the rest into it.
   */
  private static Response readAtMost(int status, Map<String, String> headers, AbortableInputStream body, long maxBody)
      throws IOException {
    if (body == null) {
      return new Response(status, headers, new byte[0]);
    }
    var declared = Optional.ofNullable(headers.get("content-length")).map(String::strip).map(Long::parseLong);
    if (declared.isPresent() && declared.get() > maxBody) {
      abort(body);
      return new Response(status, headers, new byte[0], true, declared.get());
    }
    var bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
    if (bytes.length > maxBody) {
      abort(body);
      return new Response(status, headers, new byte[0], true, maxBody + 1);
    }
    body.close();
    return new Response(status, headers, bytes);
  }

  private static void abort(AbortableInputStream body) {
    body.abort();
    try {
      body.close();
    } catch (IOException alreadyGone) {
      // the connection is dropped anyway; nothing of it is needed
    }
  }

  private URI objectUri(String bucket, String key) {
    var path = "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
    return endpoint
        .map(local -> URI.create(local.toString().replaceAll("/$", "") + "/" + bucket + path))
        .orElseGet(() -> URI.create("https://" + bucket + ".s3." + region + ".amazonaws.com" + path));
  }

  private static void requireSuccess(Response response, String operation, String bucket, String key) {
    if (response.status / 100 == 2) {
      return;
    }
    var body = new String(response.body, java.nio.charset.StandardCharsets.UTF_8);
    var code = ERROR_CODE.matcher(body);
    var message = ERROR_MESSAGE.matcher(body);
    throw new S3RequestException(response.status, "S3 " + operation + " " + bucket + "/" + key + " failed with HTTP "
        + response.status + (code.find() ? " " + code.group(1) : "") + (message.find() ? ": " + message.group(1) : ""));
  }

  private static org.w3c.dom.Document parseXml(byte[] xml) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException | SAXException | IOException malformed) {
      throw new S3RequestException(502, "S3 sent a listing that is not XML: " + malformed.getMessage());
    }
  }

  private static String text(Element parent, String tag) {
    var nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(100L << attempt);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying S3", interrupted);
    }
  }

  private static String sha256(byte[] payload) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
