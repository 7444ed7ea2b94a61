package se.anslag.function.subscriptions;

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
import se.anslag.domain.SendOutMessage;
import se.anslag.priming.Priming;
import se.anslag.subscriptions.SubscriptionRoutes;

/**
 * Entry point of BoardSubscriptionsFunction: the public subscription routes of AnslagApi (no sign-in),
 * in API Gateway's payload format 2.0; {@link SubscriptionRoutes} answers each with a page.
 */
public final class BoardSubscriptionsHandler implements RequestStreamHandler {
  private final SubscriptionRoutes routes;
  private final LambdaEvents events;
  private final Priming priming;

  public BoardSubscriptionsHandler() {
    this(DaggerBoardSubscriptionsComponent.builder().environment(System.getenv()).clock(Clock.systemUTC()).build());
  }

  BoardSubscriptionsHandler(BoardSubscriptionsComponent component) {
    this.routes = component.routes();
    var json = component.json();
    this.events = new LambdaEvents(json);
    // A page answered without AWS (the routes' own 404 page) and the message that queues a confirmation.
    this.priming = Priming.of("BoardSubscriptionsFunction")
        .httpEvent(json, events, "GET", "GET /api/subscriptions/priming", "/api/subscriptions/priming", routes::handle)
        .records(json, new SendOutMessage("subscription-priming", 0, Priming.RECIPIENT))
        .register();
  }

  /** What this function primes before a SnapStart snapshot (the test that shows it calls no AWS runs it). */
  public Priming priming() {
    return priming;
  }

  public static BoardSubscriptionsHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new BoardSubscriptionsHandler(
        DaggerBoardSubscriptionsComponent.builder().environment(environment).clock(clock).build());
  }

  /** The request read with the mapper init built, not by the runtime's serializers (see LambdaEvents). */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    events.write(handle(events.httpEvent(input)), output);
  }

  APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
    return routes.handle(request);
  }
}
