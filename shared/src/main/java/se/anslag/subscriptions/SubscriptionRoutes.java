package se.anslag.subscriptions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The public routes of the board's subscriptions behind AnslagApi, without sign-in, in API Gateway's
 * payload format 2.0: POST /api/subscriptions (an HTML form), GET /api/subscriptions/confirm, and GET and
 * POST /api/subscriptions/unsubscribe (RFC 8058 one-click). Every answer is an HTML page.
 */
@Singleton
public final class SubscriptionRoutes {
  /** A form is three short fields; anything longer is not one of ours. */
  private static final int MAX_BODY = 4096;

  private final Subscriptions subscriptions;
  private final Clock clock;

  @Inject
  public SubscriptionRoutes(Subscriptions subscriptions, Clock clock) {
    this.subscriptions = subscriptions;
    this.clock = clock;
  }

  public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
    var route = request.getRouteKey() == null ? "" : request.getRouteKey();
    return switch (route) {
      case "POST /api/subscriptions" -> subscribe(request);
      case "GET /api/subscriptions/confirm" -> confirm(query(request, "token"));
      case "GET /api/subscriptions/unsubscribe" -> unsubscribeForm(query(request, "token"));
      case "POST /api/subscriptions/unsubscribe" -> unsubscribe(request);
      default -> html(404, SubscriptionPages.notFound());
    };
  }

  private APIGatewayV2HTTPResponse subscribe(APIGatewayV2HTTPEvent request) {
    var form = form(request);
    if (form == null) {
      return html(400, SubscriptionPages.invalidAddress());
    }
    var board = form.get("board");
    var organ = blankToNull(form.get("organ"));
    var context = request.getRequestContext();
    var sourceIp = context == null || context.getHttp() == null ? null : context.getHttp().getSourceIp();
    return switch (subscriptions.subscribe(form.get("email"), board, organ, sourceIp, clock.instant())) {
      case ACCEPTED -> html(200, SubscriptionPages.requested(subscriptions.followed(board, organ).orElseThrow()));
      case INVALID_ADDRESS -> html(400, SubscriptionPages.invalidAddress());
      case UNKNOWN_BOARD -> html(404, SubscriptionPages.unknownBoard());
      case LIMITED -> html(429, SubscriptionPages.limited());
    };
  }

  private APIGatewayV2HTTPResponse confirm(String token) {
    return switch (subscriptions.confirm(token, clock.instant())) {
      case Subscriptions.Confirmation.Confirmed confirmed -> html(200, SubscriptionPages.confirmed(
          followedOf(confirmed.subscription().boardId(), confirmed.subscription().organSlug())));
      case Subscriptions.Confirmation.Expired expired -> html(410, SubscriptionPages.expired());
      case Subscriptions.Confirmation.Unknown unknown -> html(404, SubscriptionPages.unknownConfirmation());
    };
  }

  private APIGatewayV2HTTPResponse unsubscribeForm(String token) {
    return subscriptions.ofUnsubscribeToken(token)
        .map(s -> html(200, SubscriptionPages.unsubscribeForm(token, followedOf(s.boardId(), s.organSlug()))))
        .orElseGet(() -> html(404, SubscriptionPages.unknownUnsubscribe()));
  }

  /**
   * RFC 8058: a POST whose body is {@code List-Unsubscribe=One-Click} unsubscribes at once, as the form
   * of the GET page does. Answered 200 also when the subscription is gone already: the result the
   * sender asked for holds.
   */
  private APIGatewayV2HTTPResponse unsubscribe(APIGatewayV2HTTPEvent request) {
    var form = form(request);
    if (form == null || !"One-Click".equals(form.get("List-Unsubscribe"))) {
      return html(400, SubscriptionPages.page("Avsluta prenumerationen",
          SubscriptionPages.paragraph("Använd knappen på sidan som länken i e-brevet leder till.")));
    }
    subscriptions.unsubscribe(query(request, "token"));
    return html(200, SubscriptionPages.unsubscribed());
  }

  /** Someone else's board or organ may be gone from the setup since; the page then names the ids. */
  private Subscriptions.Followed followedOf(String boardId, String organSlug) {
    return subscriptions.followed(boardId, organSlug)
        .orElse(new Subscriptions.Followed(boardId, boardId, organSlug, organSlug));
  }

  private static String query(APIGatewayV2HTTPEvent request, String name) {
    var parameters = request.getQueryStringParameters();
    return parameters == null ? null : parameters.get(name);
  }

  /** The form fields of a urlencoded body, or null when the body is not one. */
  private static Map<String, String> form(APIGatewayV2HTTPEvent request) {
    var body = request.getBody() == null ? "" : request.getBody();
    if (request.getIsBase64Encoded()) {
      try {
        body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
    }
    if (body.length() > MAX_BODY) {
      return null;
    }
    var fields = new LinkedHashMap<String, String>();
    for (var pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      try {
        var name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        var value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        fields.putIfAbsent(name, value);
      } catch (IllegalArgumentException badEscape) {
        return null;
      }
    }
    return fields;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static APIGatewayV2HTTPResponse html(int status, String page) {
    var headers = new LinkedHashMap<String, String>();
    headers.put("Content-Type", "text/html; charset=utf-8");
    headers.put("Cache-Control", "no-store");
    headers.put("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(page).build();
  }
}
