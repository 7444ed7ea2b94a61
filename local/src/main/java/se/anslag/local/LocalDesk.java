package se.anslag.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import se.anslag.local.cloud.LocalHttpApi;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * The clerk desk of a running local workflow: the template's HTTP API behind the local CloudFront
 * ({@link SiteServer}) on 127.0.0.1, clerks in the Cognito emulator, and the functions run as
 * uploads arrive (a background loop delivers the queues, as Lambda's event source mappings would).
 */
final class LocalDesk implements AutoCloseable {
  static final String API = "AnslagApi";
  static final String USER_POOL = "ClerkUserPool";
  static final String USER_POOL_CLIENT = "ClerkUserPoolClient";
  private static final String PAGE = "desk/index.html";
  private static final Duration IDLE = Duration.ofMillis(500);

  /** A clerk account in the emulator: what the clerk signs in with. */
  record ClerkAccount(String email, String password) {}

  private final LocalWorkflow workflow;
  private final SiteServer server;
  private final Thread delivery;
  private volatile boolean stopping;

  private LocalDesk(LocalWorkflow workflow, SiteServer server, PrintStream progress) {
    this.workflow = workflow;
    this.server = server;
    this.delivery = Thread.ofPlatform().daemon().name("local-desk-delivery").start(() -> deliver(progress));
  }

  /**
   * The template parameters the desk needs locally: the protocols bucket's CORS rule must admit the
   * page's origin, which is this server's.
   */
  static Map<String, String> parameters(int port) {
    return Map.of("DeskOrigin", "http://127.0.0.1:" + port);
  }

  /** Serves the site and the desk on the port (give the workflow {@link #parameters} of it). */
  static LocalDesk start(LocalWorkflow workflow, int port, PrintStream progress) throws IOException {
    // Tokens are checked against the real time, which Cognito issues them by, not the demo's clock.
    var api = new LocalHttpApi(workflow.cloud(), workflow.lambda(), API, Clock.systemUTC(), progress);
    return new LocalDesk(workflow, SiteServer.start(workflow.cloud(), api, port), progress);
  }

  URI siteAddress() {
    return server.address();
  }

  URI deskAddress() {
    return server.address().resolve(PAGE);
  }

  /** A clerk who may act for the organs (groups of their slugs, created when missing), password set. */
  ClerkAccount createClerk(String email, Collection<String> organSlugs) {
    return createClerk(workflow, email, organSlugs);
  }

  /**
   * As {@link #createClerk(String, Collection)}, before any desk is served: the demo's review signs in
   * first. An account that exists already gets a new password (the demo prints the one that works).
   */
  static ClerkAccount createClerk(LocalWorkflow workflow, String email, Collection<String> organSlugs) {
    var cognito = workflow.cloud().cognito();
    var pool = workflow.cloud().physicalId(USER_POOL);
    var password = newPassword();
    try {
      cognito.adminCreateUser(b -> b.userPoolId(pool).username(email).messageAction(MessageActionType.SUPPRESS)
          .userAttributes(AttributeType.builder().name("email").value(email).build(),
              AttributeType.builder().name("email_verified").value("true").build()));
    } catch (software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException exists) {
      // created by the demo's review; the password below replaces the one it had
    }
    cognito.adminSetUserPassword(b -> b.userPoolId(pool).username(email).password(password).permanent(true));
    for (var organ : organSlugs) {
      try {
        cognito.createGroup(b -> b.userPoolId(pool).groupName(organ)
            .description("Clerks who may act for " + organ));
      } catch (GroupExistsException exists) {
        // another clerk of the same organ made it
      }
      cognito.adminAddUserToGroup(b -> b.userPoolId(pool).username(email).groupName(organ));
    }
    return new ClerkAccount(email, password);
  }

  /** Signs a clerk in as the desk's page does (USER_PASSWORD_AUTH); returns the ID token. */
  String signIn(ClerkAccount clerk) {
    return signIn(workflow, clerk);
  }

  /** A request to the template's HTTP API as the desk's page sends it: the clerk's ID token and a JSON body (or none). */
  static se.anslag.local.cloud.LocalHttpApi.Request apiRequest(String method, String path, String query, String idToken,
      String jsonBody) {
    return new se.anslag.local.cloud.LocalHttpApi.Request(method, path, query,
        Map.of("authorization", java.util.List.of("Bearer " + idToken), "content-type", java.util.List.of("application/json")),
        jsonBody == null ? new byte[0] : jsonBody.getBytes(java.nio.charset.StandardCharsets.UTF_8), "127.0.0.1");
  }

  static String signIn(LocalWorkflow workflow, ClerkAccount clerk) {
    var client = workflow.cloud().physicalId(USER_POOL_CLIENT);
    return workflow.cloud().cognito().initiateAuth(b -> b.clientId(client).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
        .authParameters(Map.of("USERNAME", clerk.email(), "PASSWORD", clerk.password())))
        .authenticationResult().idToken();
  }

  /** Meets the pool's password policy: at least 12 characters, upper and lower case letters and digits. */
  private static String newPassword() {
    var random = new SecureRandom();
    var alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    var password = new StringBuilder("Anslag-");
    for (int i = 0; i < 8; i++) {
      password.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return password.append("7k").toString();
  }

  private void deliver(PrintStream progress) {
    while (!stopping) {
      try {
        workflow.process(Duration.ofMinutes(1));
        Thread.sleep(IDLE);
      } catch (InterruptedException interrupted) {
        return;
      } catch (RuntimeException failure) {
        if (!stopping) {
          progress.println("local desk: delivering the queues failed: " + failure);
        }
      }
    }
  }

  @Override
  public void close() {
    stopping = true;
    delivery.interrupt();
    try {
      delivery.join(Duration.ofSeconds(10));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    server.close();
  }
}
