package se.anslag.function.desk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.Map;
import se.anslag.desk.ClerkDesk;

/**
 * Entry point of ClerkDeskFunction: every route of AnslagApi that the template gives it, in API
 * Gateway's payload format 2.0. The JWT authorizer has checked the token before a clerk's route
 * reaches this; {@link ClerkDesk} decides what the clerk may see and do.
 */
public final class ClerkDeskHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final ClerkDesk desk;

  public ClerkDeskHandler() {
    this(DaggerClerkDeskComponent.builder().environment(System.getenv()).clock(Clock.systemUTC()).build());
  }

  ClerkDeskHandler(ClerkDeskComponent component) {
    this.desk = component.desk();
  }

  public static ClerkDeskHandler forEnvironment(Map<String, String> environment, Clock clock) {
    return new ClerkDeskHandler(DaggerClerkDeskComponent.builder().environment(environment).clock(clock).build());
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
    return desk.handle(request);
  }
}
