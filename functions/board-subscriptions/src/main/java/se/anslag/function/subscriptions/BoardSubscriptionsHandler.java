package se.anslag.function.subscriptions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.Map;
import se.anslag.subscriptions.SubscriptionRoutes;

/**
 * Entry point of BoardSubscriptionsFunction: the public subscription routes of AnslagApi (no sign-in),
 * in API Gateway's payload format 2.0; {@link SubscriptionRoutes} answers each with a page.
 */
public final class BoardSubscriptionsHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final SubscriptionRoutes routes;

  public BoardSubscriptionsHandler() {
    this(DaggerBoardSubscriptionsComponent.builder().environment(System.getenv()).clock(Clock.systemUTC()).build());
  }

  BoardSubscriptionsHandler(BoardSubscriptionsComponent component) {
    this.routes = component.routes();
  }

  public static BoardSubscriptionsHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new BoardSubscriptionsHandler(
        DaggerBoardSubscriptionsComponent.builder().environment(environment).clock(clock).build());
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
    return routes.handle(request);
  }
}
