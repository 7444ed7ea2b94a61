package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.anslag.local.iam.PresignedRequests;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;

/**
 * The clerk desk's access rules against the emulators, over HTTP as a browser reaches them: the
 * local CloudFront, the HTTP API's JWT authorizer on tokens of the Cognito emulator, and
 * ClerkDeskFunction. 401 for no, expired, not-yet-valid, tampered, foreign-key and other-pool
 * tokens; 403 for another organ's minutes; uploads presigned, checked and limited per clerk.
 */
class ClerkDeskAccessIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ORGAN = "gemensamma-servicenamnden";
  private static final int UPLOAD_LIMIT = 4;

  private static LocalWorkflow workflow;
  private static LocalDesk desk;
  private static String sampleId;
  private static String clerkToken;
  private static String otherOrganToken;
  private static LocalDesk.ClerkAccount clerk;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    var parameters = new HashMap<>(LocalDesk.parameters(port));
    parameters.put("UploadsPerClerkPerHour", Integer.toString(UPLOAD_LIMIT));
    workflow = LocalWorkflow.start(SampleWorkflow.ROOT, parameters, LocalWorkflow.clockAt(SampleWorkflow.POSTED_ON),
        System.err);
    workflow.loadSetup(SampleWorkflow.ROOT.resolve("local/setup/sample-setup.yaml"));
    var key = workflow.upload(SampleWorkflow.ROOT.resolve(DemoCommand.SAMPLE_MINUTES), SampleWorkflow.ADJUSTED_ON,
        SampleWorkflow.POSTED_ON);
    workflow.process();
    sampleId = workflow.minutesFromUpload(key).orElseThrow().id();
    desk = LocalDesk.start(workflow, port, System.err);
    clerk = desk.createClerk("gsn.sekreterare@ludvika.example.org", List.of(ORGAN));
    clerkToken = desk.signIn(clerk);
    otherOrganToken = desk.signIn(desk.createClerk("sekreterare@annan.example.org", List.of("byggnadsnamnden")));
  }

  @AfterAll
  static void stop() {
    if (desk != null) {
      desk.close();
    }
    if (workflow != null) {
      workflow.close();
    }
  }

  // ---- 401 ------------------------------------------------------------------------------------

  @Test
  void aRequestWithoutATokenIsRefusedBeforeTheFunction() throws Exception {
    var response = get("api/desk/minutes", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(response.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
  }

  @Test
  void anExpiredTokenSignedByThePoolIsRefused() throws Exception {
    var claims = claimsOf(clerkToken);
    var expired = new JWTClaimsSet.Builder(claims).issueTime(Date.from(Instant.now().minusSeconds(7200)))
        .expirationTime(Date.from(Instant.now().minusSeconds(60))).build();
    assertThat(get("api/desk/minutes", sign(expired, emulatorKey())).statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenNotValidYetIsRefused() throws Exception {
    var early = new JWTClaimsSet.Builder(claimsOf(clerkToken)).notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build();
    assertThat(get("api/desk/minutes", sign(early, emulatorKey())).statusCode()).isEqualTo(401);
    // The same claims without nbf, signed by the same key, pass: the refusal was the nbf.
    assertThat(get("api/desk/minutes", sign(claimsOf(clerkToken), emulatorKey())).statusCode()).isEqualTo(200);
  }

  @Test
  void aTamperedTokenIsRefused() throws Exception {
    var parts = clerkToken.split("\\.");
    var payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    ((com.fasterxml.jackson.databind.node.ObjectNode) payload).putArray("cognito:groups").add(ORGAN).add("byggnadsnamnden");
    var tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(JSON.writeValueAsBytes(payload)) + "." + parts[2];
    assertThat(get("api/desk/minutes", tampered).statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
    // cognito-local signs with one fixed key (kid "CognitoLocal"); a forger has another one.
    var forger = new RSAKeyGenerator(2048).keyID("CognitoLocal").generate();
    assertThat(get("api/desk/minutes", sign(claimsOf(clerkToken), forger)).statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenOfAnotherUserPoolIsRefused() throws Exception {
    var cognito = workflow.cloud().cognito();
    var pool = cognito.createUserPool(b -> b.poolName("another-pool").usernameAttributesWithStrings("email")).userPool().id();
    var client = cognito.createUserPoolClient(b -> b.userPoolId(pool).clientName("another")
        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH)).userPoolClient().clientId();
    cognito.adminCreateUser(b -> b.userPoolId(pool).username(clerk.email()).messageAction("SUPPRESS"));
    cognito.adminSetUserPassword(b -> b.userPoolId(pool).username(clerk.email()).password(clerk.password()).permanent(true));
    cognito.createGroup(b -> b.userPoolId(pool).groupName(ORGAN));
    cognito.adminAddUserToGroup(b -> b.userPoolId(pool).username(clerk.email()).groupName(ORGAN));
    var foreign = cognito.initiateAuth(b -> b.clientId(client).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
        .authParameters(Map.of("USERNAME", clerk.email(), "PASSWORD", clerk.password()))).authenticationResult().idToken();
    // Signed by the same emulator key, so only the issuer and the audience tell it apart.
    assertThat(claimsOf(foreign).getIssuer()).isNotEqualTo(claimsOf(clerkToken).getIssuer());
    assertThat(get("api/desk/minutes", foreign).statusCode()).isEqualTo(401);
  }

  @Test
  void anAccessTokenPassesTheAuthorizerButNotTheDesk() throws Exception {
    var access = workflow.cloud().cognito().initiateAuth(b -> b.clientId(workflow.cloud().physicalId("ClerkUserPoolClient"))
        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
        .authParameters(Map.of("USERNAME", clerk.email(), "PASSWORD", clerk.password()))).authenticationResult().accessToken();
    var response = get("api/desk/minutes", access);
    assertThat(response.statusCode()).isEqualTo(401);
    // The function's answer, not the authorizer's.
    assertThat(JSON.readTree(response.body()).path("message").asText()).isEqualTo("Logga in igen.");
  }

  // ---- 403 and what a clerk sees ----------------------------------------------------------------

  @Test
  void aClerkSeesTheirOrgansMinutesAndNoOthers() throws Exception {
    var mine = JSON.readTree(get("api/desk/minutes", clerkToken).body());
    assertThat(mine.path("minutes").findValuesAsText("id")).contains(sampleId);
    JsonNode row = null;
    for (var listed : mine.path("minutes")) {
      if (listed.path("id").asText().equals(sampleId)) {
        row = listed;
      }
    }
    assertThat(row.path("organ").asText()).isEqualTo("Gemensamma servicenämnden");
    assertThat(row.path("meetingDate").asText()).isEqualTo("2024-02-14");
    assertThat(row.path("notices").findValuesAsText("lastAppealDay")).containsOnly("2024-03-12");
    assertThat(row.path("sendOuts").path("planned").asInt()).isPositive();

    var theirs = JSON.readTree(get("api/desk/minutes", otherOrganToken).body());
    assertThat(theirs.path("minutes")).isEmpty();
  }

  @Test
  void anotherOrgansMinutesGive403() throws Exception {
    assertThat(get("api/desk/minutes/" + sampleId, clerkToken).statusCode()).isEqualTo(200);
    var refused = get("api/desk/minutes/" + sampleId, otherOrganToken);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("organ som du inte arbetar för");
  }

  @Test
  void thePageCarriesAContentSecurityPolicyWithoutInlineScript() throws Exception {
    var page = get("desk/index.html", null);
    assertThat(page.statusCode()).isEqualTo(200);
    var policy = page.headers().firstValue("content-security-policy").orElseThrow();
    assertThat(policy).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
    assertThat(page.body()).doesNotContain("<script>").contains("<html lang=\"sv\">");
  }

  // ---- uploads ----------------------------------------------------------------------------------

  @Test
  void anUploadGoesStraightToTheBucketWithTheClerkOnIt() throws Exception {
    var text = Files.readAllBytes(SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt"));
    var grant = uploadGrant("gsn-2024-02-14.txt", text.length, "text/plain");
    assertThat(grant.statusCode()).isEqualTo(201);
    var upload = JSON.readTree(grant.body());

    // S3 holds the presigned request to what was signed: the size and the clerk's metadata.
    assertThat(put(upload, java.util.Arrays.copyOf(text, text.length - 1)).statusCode()).isEqualTo(403);
    var withoutClerk = new HashMap<String, String>();
    withoutClerk.put("Content-Type", "text/plain");
    assertThat(put(upload, text, withoutClerk).statusCode()).isEqualTo(403);
    assertThat(put(upload, text).statusCode()).isEqualTo(200);

    var key = upload.path("key").asText();
    var head = workflow.cloud().s3().headObject(b -> b.bucket(workflow.cloud().physicalId("ProtocolsBucket")).key(key));
    assertThat(head.metadata()).containsEntry("uploaded-by", clerk.email());
    workflow.process();
    var minutes = workflow.minutesFromUpload(key).orElseThrow();
    assertThat(minutes.organSlug()).isEqualTo(ORGAN);
    assertThat(JSON.readTree(get("api/desk/minutes/" + minutes.id(), clerkToken).body()).path("meetingDate").asText())
        .isEqualTo("2024-02-14");
  }

  @Test
  void aFileThatIsNotMinutesUploadedThroughTheDeskIsRejectedWithItsReasonAndKept() throws Exception {
    var text = "Inköpslista för fikat\n\nKaffe, mjölk och kanelbullar till personalmötet.\n"
        .getBytes(StandardCharsets.UTF_8);
    var grant = uploadGrant("inkopslista.txt", text.length, "text/plain");
    assertThat(grant.statusCode()).as("a text file passes the type check").isEqualTo(201);
    var upload = JSON.readTree(grant.body());
    assertThat(put(upload, text).statusCode()).isEqualTo(200);
    var key = upload.path("key").asText();

    workflow.process();

    var minutes = workflow.minutesFromUpload(key).orElseThrow();
    var listed = JSON.readTree(get("api/desk/minutes/" + minutes.id(), clerkToken).body());
    assertThat(listed.path("statusText").asText()).isEqualTo("Avvisat");
    assertThat(listed.path("statusDetail").asText()).as("the reason names what is missing").isNotBlank()
        .containsIgnoringCase("organ");
    assertThat(listed.path("notices")).isEmpty();
    assertThat(listed.path("history")).extracting(entry -> entry.path("action").asText() + " " + entry.path("clerk").asText())
        .containsExactly("Laddade upp " + clerk.email());
    assertThat(get("api/desk/minutes/" + minutes.id(), otherOrganToken).statusCode())
        .as("minutes of no organ are the uploader's alone").isEqualTo(403);
    // The upload stays as the clerk sent it.
    assertThat(workflow.cloud().s3().getObjectAsBytes(b -> b.bucket(workflow.cloud().physicalId("ProtocolsBucket"))
        .key(key)).asByteArray()).isEqualTo(text);
  }

  @Test
  void filesThatAreNotMinutesOrTooLargeAreRefusedBeforeUpload() throws Exception {
    var word = uploadGrant("protokoll.docx", 1000, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(word.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(word.body()).path("message").asText())
        .isEqualTo("”protokoll.docx” är varken en PDF-fil eller en textfil. Ladda upp det justerade protokollet som PDF eller text.");
    var large = uploadGrant("stort.pdf", 21L * 1024 * 1024, "application/pdf");
    assertThat(large.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(large.body()).path("message").asText()).isEqualTo("”stort.pdf” är 21 MB. Filer större än 20 MB tas inte emot.");
  }

  @Test
  void uploadsAreLimitedPerClerkAndHour() throws Exception {
    var busy = desk.createClerk("flitig@ludvika.example.org", List.of(ORGAN));
    var token = desk.signIn(busy);
    for (int i = 0; i < UPLOAD_LIMIT; i++) {
      assertThat(uploadGrant("p" + i + ".pdf", 1000, "application/pdf", token).statusCode()).isEqualTo(201);
    }
    var refused = uploadGrant("en-till.pdf", 1000, "application/pdf", token);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("4 filer den senaste timmen");
    // Another clerk's slots are their own.
    assertThat(uploadGrant("annan.pdf", 1000, "application/pdf", clerkToken).statusCode()).isEqualTo(201);
  }

  @Test
  void theListPagesThroughSeveralOrgansNewestFirstWithoutRepeats() throws Exception {
    var table = workflow.stores().minutes();
    var inserted = new java.util.HashSet<String>();
    // Older than the sample (received on its posting day), which the other tests find on the first page.
    var start = Instant.parse("2020-01-01T08:00:00Z");
    for (int i = 0; i < 60; i++) {
      var organ = i % 2 == 0 ? ORGAN : "miljonamnden";
      var id = String.format("%064x", 0xdeca000L + i);
      table.putMinutes(new se.anslag.domain.MinutesRecord(id, "bucket", "desk/" + i + ".pdf",
          start.plusSeconds(3600L * i), organ, organ, java.time.LocalDate.of(2020, 1, 1).plusDays(i), null, null,
          null, se.anslag.domain.MinutesStatus.REJECTED, "Inte ett protokoll.", List.of()));
      inserted.add(id);
    }
    var both = desk.signIn(desk.createClerk("bada@ludvika.example.org", List.of(ORGAN, "miljonamnden")));
    var seen = new java.util.ArrayList<String>();
    var received = new java.util.ArrayList<String>();
    String next = null;
    int pages = 0;
    do {
      var page = JSON.readTree(get("api/desk/minutes?limit=25" + (next == null ? "" : "&before="
          + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8)), both).body());
      page.path("minutes").forEach(row -> {
        seen.add(row.path("id").asText());
        received.add(row.path("receivedAt").asText());
      });
      next = page.path("next").isNull() ? null : page.path("next").asText();
      pages++;
    } while (next != null && pages < 20);
    assertThat(seen).doesNotHaveDuplicates().containsAll(inserted);
    assertThat(received).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(pages).isGreaterThanOrEqualTo(3);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static HttpResponse<String> get(String path, String token) throws Exception {
    var request = HttpRequest.newBuilder(desk.siteAddress().resolve(path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> uploadGrant(String name, long size, String type) throws Exception {
    return uploadGrant(name, size, type, clerkToken);
  }

  private static HttpResponse<String> uploadGrant(String name, long size, String type, String token) throws Exception {
    var body = JSON.createObjectNode().put("fileName", name).put("size", size).put("contentType", type);
    return HTTP.send(HttpRequest.newBuilder(desk.siteAddress().resolve("api/desk/uploads"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> put(JsonNode upload, byte[] body) throws Exception {
    var headers = new HashMap<String, String>();
    upload.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
    return put(upload, body, headers);
  }

  private static HttpResponse<String> put(JsonNode upload, byte[] body, Map<String, String> headers) throws Exception {
    var url = URI.create(upload.path("url").asText());
    PresignedRequests.sending("PUT", url); // for IamPolicyIT: S3 authorises it as ClerkDeskFunction's role
    var request = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JWTClaimsSet claimsOf(String token) throws Exception {
    return SignedJWT.parse(token).getJWTClaimsSet();
  }

  /** The emulator's own signing key, shipped in the cognito-local package. */
  private static RSAKey emulatorKey() throws Exception {
    var file = SampleWorkflow.ROOT.resolve("local/emulators/node_modules/cognito-local/lib/keys/cognitoLocal.private.json");
    return RSAKey.parse(JSON.readTree(file.toFile()).path("jwk").toString());
  }

  private static String sign(JWTClaimsSet claims, RSAKey key) throws Exception {
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
