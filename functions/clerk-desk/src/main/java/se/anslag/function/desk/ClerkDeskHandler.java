package se.anslag.function.desk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import se.anslag.aws.LambdaEvents;
import se.anslag.desk.ClerkDesk;
import se.anslag.domain.RecipientFix;
import se.anslag.domain.RetryRequest;
import se.anslag.domain.ReviewDecision;
import se.anslag.priming.Priming;

/**
 * Entry point of ClerkDeskFunction: every route of AnslagApi that the template gives it, in API
 * Gateway's payload format 2.0. The JWT authorizer has checked the token before a clerk's route
 * reaches this; {@link ClerkDesk} decides what the clerk may see and do.
 */
public final class ClerkDeskHandler implements RequestStreamHandler {
  private final ClerkDesk desk;
  private final LambdaEvents events;
  private final Priming priming;

  public ClerkDeskHandler() {
    this(DaggerClerkDeskComponent.builder().environment(System.getenv()).clock(Clock.systemUTC()).build());
  }

  ClerkDeskHandler(ClerkDeskComponent component) {
    this.desk = component.desk();
    var json = component.json();
    this.events = new LambdaEvents(json);
    var minutesId = "0".repeat(64);
    // The desk's page and configuration are answered without AWS; the requests it queues for intake.
    this.priming = Priming.of("ClerkDeskFunction")
        .httpEvent(json, events, "GET", "GET /desk/{page}", "/desk/index.html", desk::handle)
        .httpEvent(json, events, "GET", "GET /api/desk/configuration", "/api/desk/configuration", desk::handle)
        .records(json, new ReviewDecision(minutesId, ReviewDecision.Action.PUBLISH, Priming.POSTED, null, "priming"),
            new RecipientFix(minutesId, "Kommunstyrelsen", Priming.RECIPIENT, null, "priming"),
            new RetryRequest(minutesId, "priming"))
        .register();
  }

  /** What this function primes before a SnapStart snapshot (the test that shows it calls no AWS runs it). */
  public Priming priming() {
    return priming;
  }

  public static ClerkDeskHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new ClerkDeskHandler(DaggerClerkDeskComponent.builder().environment(environment).clock(clock).build());
  }

  /** The request read with the mapper init built, not by the runtime's serializers (see LambdaEvents). */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    events.write(handle(events.httpEvent(input)), output);
  }

  APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
    return desk.handle(request);
  }
}
