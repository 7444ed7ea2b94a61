package se.anslag.desk;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.inject.Inject;
import se.anslag.board.BoardSite;
import se.anslag.compose.MailHeaders;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.RecipientFix;
import se.anslag.domain.RetryRequest;
import se.anslag.domain.ReviewDecision;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.WithdrawalRequest;
import se.anslag.domain.Notice;
import se.anslag.setup.DirectoryEntry;
import se.anslag.setup.MunicipalSetup;
import se.anslag.setup.Organ;
import se.anslag.setup.Resolution;
import se.anslag.ports.MinutesStore;
import se.anslag.ports.NoticeStore;
import se.anslag.ports.SendOutStore;
import se.anslag.ports.SetupStore;
import se.anslag.ports.UploadSlots;
import se.anslag.ports.UploadUrls;
import se.anslag.ports.WorkQueue;

/**
 * The clerk desk behind AnslagApi: one request of API Gateway's payload format 2.0 in, one
 * response out, routed by the route key the template declares. Authentication is API Gateway's
 * (the JWT authorizer); what a clerk may see and do is decided here, from the verified claims: a
 * route that needs a clerk answers 401 without an ID token's claims and 403 for minutes of an
 * organ outside the clerk's groups.
 */
public final class ClerkDesk {
  private static final Logger LOG = Logger.getLogger(ClerkDesk.class.getName());
  private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
  private static final Duration UPLOAD_URL_VALIDITY = Duration.ofMinutes(15);
  private static final Duration ORIGINAL_URL_VALIDITY = Duration.ofMinutes(15);
  private static final int PAGE_SIZE = 25;
  private static final int MAX_PAGE_SIZE = 100;
  private static final int MAX_REASON_LENGTH = 500;
  private static final Pattern MINUTES_ID = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern PAGE_CURSOR = Pattern.compile("[0-9A-Za-z:.\\-]{1,40}#[0-9a-f]{64}");

  private final MinutesStore minutes;
  private final NoticeStore notices;
  private final SendOutStore sendOuts;
  private final SetupStore setup;
  private final UploadSlots uploadSlots;
  private final UploadUrls uploadUrls;
  private final WorkQueue queues;
  private final ObjectMapper json;
  private final Clock clock;
  private final AnslagConfig config;
  private final DeskConfig desk;
  private final DeskPages pages;
  private final String contentSecurityPolicy;

  @Inject
  public ClerkDesk(MinutesStore minutes, NoticeStore notices, SendOutStore sendOuts, SetupStore setup,
      UploadSlots uploadSlots,
      UploadUrls uploadUrls, WorkQueue queues, ObjectMapper json, Clock clock, AnslagConfig config, DeskConfig desk,
      DeskPages pages) {
    this.minutes = minutes;
    this.notices = notices;
    this.sendOuts = sendOuts;
    this.setup = setup;
    this.uploadSlots = uploadSlots;
    this.uploadUrls = uploadUrls;
    this.queues = queues;
    this.json = json;
    this.clock = clock;
    this.config = config;
    this.desk = desk;
    this.pages = pages;
    // The script talks to this origin (the API), to Cognito (sign-in) and to the bucket (uploads).
    this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
        + " connect-src 'self' " + origin(desk.signInEndpoint()) + " " + desk.uploadOrigin() + ";"
        + " form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
  }

  private static String origin(java.net.URI uri) {
    return uri.getScheme() + "://" + uri.getAuthority();
  }

  /** A refusal with its HTTP status and the clerk's message (Swedish). */
  private static final class Refusal extends RuntimeException {
    final int status;

    Refusal(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
    var route = request.getRouteKey() == null ? "" : request.getRouteKey();
    try {
      return switch (route) {
        case "GET /desk/{page}" -> page(request);
        case "GET /api/desk/configuration" -> configuration();
        case "GET /api/desk/clerk" -> clerkInfo(clerk(request));
        case "GET /api/desk/minutes" -> listMinutes(clerk(request), request);
        case "GET /api/desk/minutes/{minutesId}" -> oneMinutes(clerk(request), request);
        case "POST /api/desk/uploads" -> createUpload(clerk(request), request);
        case "POST /api/desk/minutes/{minutesId}/publish" -> decide(clerk(request), request, ReviewDecision.Action.PUBLISH);
        case "POST /api/desk/minutes/{minutesId}/reject" -> decide(clerk(request), request, ReviewDecision.Action.REJECT);
        case "POST /api/desk/minutes/{minutesId}/recipients" -> fixRecipient(clerk(request), request);
        case "POST /api/desk/minutes/{minutesId}/retry" -> retryFailed(clerk(request), request);
        case "POST /api/desk/minutes/{minutesId}/withdraw" -> withdraw(clerk(request), request);
        case "GET /api/desk/minutes/{minutesId}/proof" -> proof(clerk(request), request);
        default -> throw new Refusal(404, "Det finns ingen sådan sida.");
      };
    } catch (Refusal refusal) {
      return message(refusal.status, refusal.getMessage());
    } catch (Clerk.NotAClerkToken notAClerk) {
      LOG.warning(() -> "Refused a token on " + route + ": " + notAClerk.getMessage());
      return message(401, "Logga in igen.");
    }
  }

  private Clerk clerk(APIGatewayV2HTTPEvent request) {
    var context = request.getRequestContext();
    var authorizer = context == null ? null : context.getAuthorizer();
    var jwt = authorizer == null ? null : authorizer.getJwt();
    return Clerk.fromClaims(jwt == null ? null : jwt.getClaims());
  }

  // ---- pages ------------------------------------------------------------------------------

  private APIGatewayV2HTTPResponse page(APIGatewayV2HTTPEvent request) {
    var name = request.getPathParameters() == null ? null : request.getPathParameters().get("page");
    var page = pages.page(name == null ? "" : name).orElseThrow(() -> new Refusal(404, "Det finns ingen sådan sida."));
    var headers = securityHeaders();
    headers.put("Content-Type", page.contentType());
    headers.put("Cache-Control", page.cacheControl());
    return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers)
        .withBody(Base64.getEncoder().encodeToString(page.content())).withIsBase64Encoded(true).build();
  }

  private Map<String, String> securityHeaders() {
    var headers = new LinkedHashMap<String, String>();
    headers.put("Content-Security-Policy", contentSecurityPolicy);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    return headers;
  }

  // ---- API --------------------------------------------------------------------------------

  private APIGatewayV2HTTPResponse configuration() {
    var body = json.createObjectNode();
    body.put("userPoolClientId", desk.userPoolClientId());
    body.put("signInEndpoint", desk.signInEndpoint().toString());
    body.put("maxUploadBytes", UploadRules.MAX_BYTES);
    return ok(body);
  }

  private APIGatewayV2HTTPResponse clerkInfo(Clerk clerk) {
    var municipality = setup.loadSetup();
    var body = json.createObjectNode();
    body.put("email", clerk.email());
    var organs = body.putArray("organs");
    for (var slug : clerk.sortedOrgans()) {
      organs.addObject().put("slug", slug).put("name", municipality.organ(slug).map(Organ::name).orElse(slug));
    }
    return ok(body);
  }

  private APIGatewayV2HTTPResponse listMinutes(Clerk clerk, APIGatewayV2HTTPEvent request) {
    var query = request.getQueryStringParameters() == null ? Map.<String, String>of() : request.getQueryStringParameters();
    var before = query.get("before");
    if (before != null && !PAGE_CURSOR.matcher(before).matches()) {
      throw new Refusal(400, "Sidan i listan finns inte; börja om från första sidan.");
    }
    var limit = PAGE_SIZE;
    if (query.containsKey("limit")) {
      try {
        limit = Math.clamp(Integer.parseInt(query.get("limit")), 1, MAX_PAGE_SIZE);
      } catch (NumberFormatException notANumber) {
        throw new Refusal(400, "Antalet per sida måste vara ett heltal.");
      }
    }
    var page = minutes.minutesOfOrgans(clerk.organs(), before, limit);
    var municipality = setup.loadSetup();
    var boards = new HashMap<String, List<String>>();
    page.minutes().forEach(listed -> boards.put(listed.minutes().id(),
        municipality.organ(listed.minutes().organSlug()).map(Organ::boardIds).orElse(List.of())));
    var noticesById = new HashMap<String, List<Notice>>();
    notices.noticesOn(boards).forEach(notice ->
        noticesById.computeIfAbsent(notice.minutesId(), id -> new java.util.ArrayList<>()).add(notice));
    var body = json.createObjectNode();
    var rows = body.putArray("minutes");
    for (var listed : page.minutes()) {
      var row = summary(listed.minutes(), noticesById.getOrDefault(listed.minutes().id(), List.of()), municipality);
      row.putObject("sendOuts").put("settled", listed.settledSendOuts()).put("planned", listed.plannedSendOuts());
      rows.add(row);
    }
    if (page.next() == null) {
      body.putNull("next");
    } else {
      body.put("next", page.next());
    }
    return ok(body);
  }

  private APIGatewayV2HTTPResponse oneMinutes(Clerk clerk, APIGatewayV2HTTPEvent request) {
    var found = minutesOf(clerk, request);
    var municipality = setup.loadSetup();
    // Read once: the summary, the dates and the hidden numbers all come from these.
    var posted = notices.notices(found.id());
    var read = minutes.paragraphs(found.id());
    var body = summary(found, posted, municipality);
    // What was read, for the review: each paragraph and how the directory resolves each recipient line
    var warnings = body.putArray("warningList");
    found.warnings().forEach(warning -> warnings.addObject().put("code", warning.code()).put("message", warning.message()));
    var paragraphs = body.putArray("paragraphs");
    for (var paragraph : read) {
      var row = paragraphs.addObject().put("number", paragraph.number()).put("caseNumber", paragraph.caseNumber())
          .put("title", paragraph.title()).put("decision", paragraph.decision());
      var recipients = row.putArray("recipients");
      for (var line : paragraph.recipients()) {
        var recipient = recipients.addObject().put("line", line.raw()).put("name", line.name())
            .put("qualifier", line.qualifier());
        switch (municipality.resolve(line)) {
          case Resolution.MailTo mail -> recipient.put("resolution", "mail")
              .put("to", String.join(", ", mail.addresses()));
          case Resolution.CaseFile caseFile -> recipient.put("resolution", "case-file");
          case Resolution.Unknown unknown -> recipient.put("resolution", "unknown");
        }
      }
    }
    scheduleOf(found, posted, request, municipality, body);
    hiddenIdentityNumbersOf(found, read, body);
    if (found.sourceKey() != null) {
      // The exact version that was read, beside what was read from it.
      body.putObject("original").put("url", uploadUrls.presignGet(found.sourceBucket(), found.sourceKey(),
          found.sourceVersionId(), ORIGINAL_URL_VALIDITY).toString());
    }
    sendOutsOf(found.id(), body);
    var history = body.putArray("history");
    for (var entry : minutes.history(found.id())) {
      history.addObject()
          .put("at", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(entry.at().atZone(SWEDEN)))
          .put("action", entry.action()).put("clerk", entry.clerk()).put("detail", entry.detail());
    }
    // What an unknown line can be made an alias of.
    var known = body.putArray("knownRecipients");
    municipality.directory().stream().map(DirectoryEntry::name).sorted().forEach(known::add);
    return ok(body);
  }

  /**
   * The notice dates with the rule that gave each: for minutes awaiting review those a publication on
   * the day in {@code ?postedOn=} (today when absent) would give, else those of the notices as posted.
   */
  private void scheduleOf(MinutesRecord found, List<Notice> posted, APIGatewayV2HTTPEvent request,
      MunicipalSetup municipality, ObjectNode body) {
    var organ = found.organSlug() == null ? java.util.Optional.<Organ>empty() : municipality.organ(found.organSlug());
    if (organ.isEmpty()) {
      return;
    }
    var today = LocalDate.now(clock.withZone(SWEDEN));
    LocalDate postedOn;
    if (found.status() == MinutesStatus.AWAITING_REVIEW) {
      var asked = request.getQueryStringParameters() == null ? null : request.getQueryStringParameters().get("postedOn");
      postedOn = asked == null || asked.isBlank() ? today : postingDay(asked);
    } else {
      postedOn = posted.stream().map(Notice::postedOnThisBoard).max(LocalDate::compareTo)
          .orElse(null);
      if (postedOn == null) {
        return;
      }
    }
    var lines = body.putArray("schedule");
    for (var line : ScheduleExplained.of(found.adjustedOn(), postedOn, organ.get().takedownPolicy())) {
      lines.addObject().put("what", line.what()).put("date", line.date().toString()).put("rule", line.rule());
    }
  }

  /** Every string the public board will print as "[personnummer borttaget]", and where it stands. */
  private void hiddenIdentityNumbersOf(MinutesRecord found, List<se.anslag.domain.Paragraph> read, ObjectNode body) {
    var hidden = body.putArray("hiddenIdentityNumbers");
    java.util.function.BiConsumer<String, String> add = (where, text) -> BoardSite.hiddenIdentityNumbers(text)
        .forEach(number -> hidden.addObject().put("where", where).put("text", number));
    add.accept("Organ", found.organ());
    add.accept("Förvaringsplats", found.storagePlace());
    for (var paragraph : read) {
      add.accept("§ " + paragraph.number() + ", diarienummer", paragraph.caseNumber());
      add.accept("§ " + paragraph.number() + ", rubrik", paragraph.title());
    }
  }

  /**
   * Every send-out of the minutes as the clerk follows them (§, recipient, qualifier, address or case
   * file, status, time, detail) with the count per status; the page polls this while any is unsettled.
   */
  private void sendOutsOf(String minutesId, ObjectNode body) {
    var rows = body.putArray("sendOuts");
    var totals = new java.util.TreeMap<String, Integer>();
    for (var sendOut : sendOuts.sendOuts(minutesId)) {
      totals.merge(sendOut.status().name(), 1, Integer::sum);
      rows.addObject().put("paragraph", sendOut.paragraph()).put("kind", sendOut.kind().name())
          .put("recipient", String.join(", ", sendOut.recipientNames())).put("qualifier", sendOut.qualifier())
          .put("to", switch (sendOut.kind()) {
            case CASE_FILE -> "akten";
            case UNRESOLVED -> null;
            default -> sendOut.address();
          })
          .put("status", sendOut.status().name()).put("statusText", SendOutState.swedish(sendOut.status()))
          .put("updatedAt", sendOut.updatedAt() == null ? null
              : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(sendOut.updatedAt().atZone(SWEDEN)))
          .put("detail", sendOut.detail());
    }
    var counts = body.putObject("sendOutTotals");
    totals.forEach(counts::put);
    body.put("sendOutsSettled", rows.valueStream().allMatch(row -> SendOutStatus.valueOf(row.path("status").asText())
        .isTerminal()));
  }

  /** Sends the FAILED send-outs of published minutes again (202): intake resends them as `anslag resend --failed` does. */
  private APIGatewayV2HTTPResponse retryFailed(Clerk clerk, APIGatewayV2HTTPEvent request) {
    var found = minutesOf(clerk, request);
    if (found.status() != MinutesStatus.DISPATCHED) {
      throw new Refusal(409, "Bara publicerade protokoll har utskick att skicka om.");
    }
    if (sendOuts.sendOuts(found.id()).stream().noneMatch(sendOut -> sendOut.status() == SendOutStatus.FAILED)) {
      throw new Refusal(409, "Inget utskick har misslyckats.");
    }
    queues.handToIntake(new RetryRequest(found.id(), clerk.email()));
    LOG.info(() -> "Clerk " + clerk.subject() + " asked to retry the failed send-outs of minutes " + found.id());
    return respond(202, json.createObjectNode().put("id", found.id()));
  }

  /**
   * Withdraws published minutes whose notice was posted in error (202): intake records them WITHDRAWN
   * with the reason, cancels the send-outs not yet sent and has the boards show a withdrawn record.
   */
  private APIGatewayV2HTTPResponse withdraw(Clerk clerk, APIGatewayV2HTTPEvent request) {
    var found = minutesOf(clerk, request);
    if (found.status() != MinutesStatus.DISPATCHED) {
      throw new Refusal(409, "Bara publicerade protokoll kan återkallas (status: " + stateText(found) + ").");
    }
    // A notice that stood its whole appeal time was not posted in error: its record and proof stay.
    var today = LocalDate.now(clock.withZone(SWEDEN));
    var served = notices.notices(found.id()).stream().map(notice -> notice.dates().lastAppealDay())
        .filter(today::isAfter).findFirst();
    if (served.isPresent()) {
      throw new Refusal(409, "Anslaget har suttit uppe hela tiden för överklagande (till " + served.get()
          + ") och kan inte återkallas; anslagsbeviset finns kvar.");
    }
    var reason = jsonBody(request).path("reason").asText("").strip();
    if (reason.isEmpty() || reason.length() > MAX_REASON_LENGTH) {
      throw new Refusal(400, "Skriv varför anslaget återkallas (högst " + MAX_REASON_LENGTH + " tecken).");
    }
    queues.handToIntake(new WithdrawalRequest(found.id(), reason, clerk.email()));
    LOG.info(() -> "Clerk " + clerk.subject() + " asked to withdraw minutes " + found.id());
    return respond(202, json.createObjectNode().put("id", found.id()).put("action", "WITHDRAW"));
  }

  /**
   * The proof of posting (anslagsbevis) as a PDF, once the notice is down on every board: before that
   * there is nothing to prove yet (409). Read only: the desk writes no record for it.
   */
  private APIGatewayV2HTTPResponse proof(Clerk clerk, APIGatewayV2HTTPEvent request) {
    var found = minutesOf(clerk, request);
    if (found.status() != MinutesStatus.DISPATCHED) {
      throw new Refusal(409, "Anslagsbevis finns bara för publicerade protokoll (status: " + stateText(found) + ").");
    }
    var posted = notices.notices(found.id());
    var today = LocalDate.now(clock.withZone(SWEDEN));
    if (!ProofOfPosting.takenDown(posted, today)) {
      var takedown = posted.stream().map(n -> n.dates().takedownOn()).max(LocalDate::compareTo);
      throw new Refusal(409, "Anslaget är inte nedtaget än" + takedown.map(day -> " (det tas ned " + day + ")")
          .orElse("") + "; anslagsbeviset finns när det är nedtaget.");
    }
    var pdf = ProofOfPosting.render(found, posted, minutes.history(found.id()), setup.loadSetup());
    var headers = securityHeaders();
    headers.put("Content-Type", "application/pdf");
    headers.put("Content-Disposition", "attachment; filename=\"" + ProofOfPosting.fileName(found) + "\"");
    headers.put("Cache-Control", "no-store");
    LOG.info(() -> "Clerk " + clerk.subject() + " fetched the proof of posting of minutes " + found.id());
    return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers)
        .withBody(Base64.getEncoder().encodeToString(pdf)).withIsBase64Encoded(true).build();
  }

  /** Where the minutes stand, as the clerk's list says it ("Väntar på granskning", "Återkallat", ...). */
  private String stateText(MinutesRecord found) {
    return MinutesState.of(found.status(), notices.notices(found.id()), LocalDate.now(clock.withZone(SWEDEN))).swedish();
  }

  /**
   * Gives an unknown recipient line of these minutes an address, or makes it an alias of a known
   * recipient (202). Intake stores it in the directory and, for minutes already published, plans
   * and sends exactly as {@code anslag resend} does; before publishing, the publication plans with it.
   */
  private APIGatewayV2HTTPResponse fixRecipient(Clerk clerk, APIGatewayV2HTTPEvent request) {
    var found = minutesOf(clerk, request);
    if (found.status() != MinutesStatus.AWAITING_REVIEW && found.status() != MinutesStatus.DISPATCHED) {
      throw new Refusal(409, "Mottagare kan bara rättas i protokoll som väntar på granskning eller är publicerade.");
    }
    var body = jsonBody(request);
    var name = body.path("name").asText("").strip();
    var address = body.path("address").asText("").strip();
    var aliasOf = body.path("aliasOf").asText("").strip();
    var municipality = setup.loadSetup();
    var unknownNames = minutes.paragraphs(found.id()).stream().flatMap(paragraph -> paragraph.recipients().stream())
        .map(line -> line.name())
        .filter(printed -> municipality.resolveName(printed) instanceof Resolution.Unknown).toList();
    if (unknownNames.stream().noneMatch(printed -> printed.strip().equals(name))) {
      throw new Refusal(400, "”" + name + "” är ingen okänd mottagare i protokollet.");
    }
    if (address.isEmpty() == aliasOf.isEmpty()) {
      throw new Refusal(400, "Ange antingen en e-postadress eller en känd mottagare, inte båda.");
    }
    if (!address.isEmpty() && !MailHeaders.isValidAddress(address)) {
      throw new Refusal(400, "”" + address + "” är ingen e-postadress.");
    }
    if (!aliasOf.isEmpty() && municipality.directoryEntry(aliasOf).isEmpty()) {
      throw new Refusal(400, "”" + aliasOf + "” finns inte i mottagarregistret.");
    }
    queues.handToIntake(new RecipientFix(found.id(), name, address.isEmpty() ? null : address,
        aliasOf.isEmpty() ? null : aliasOf, clerk.email()));
    LOG.info(() -> "Clerk " + clerk.subject() + " fixed the recipient '" + name + "' of minutes " + found.id());
    return respond(202, json.createObjectNode().put("id", found.id()).put("name", name));
  }

  /** The minutes the path names, if the clerk may act for their organ: 404 or 403 otherwise. */
  private MinutesRecord minutesOf(Clerk clerk, APIGatewayV2HTTPEvent request) {
    var id = request.getPathParameters() == null ? null : request.getPathParameters().get("minutesId");
    if (id == null || !MINUTES_ID.matcher(id).matches()) {
      throw new Refusal(404, "Det finns inget sådant protokoll.");
    }
    var found = minutes.findMinutes(id).orElseThrow(() -> new Refusal(404, "Det finns inget sådant protokoll."));
    // Minutes whose organ could not be read belong to no group: the clerk who uploaded them still sees why.
    boolean uploadedWithoutOrgan = found.organSlug() == null
        && minutes.history(found.id()).stream().anyMatch(entry -> entry.isUploadBy(clerk.email()));
    if (!clerk.mayActFor(found.organSlug()) && !uploadedWithoutOrgan) {
      LOG.warning(() -> "Clerk " + clerk.subject() + " asked for minutes " + id + " of organ "
          + found.organSlug() + ", outside the clerk's groups");
      throw new Refusal(403, "Protokollet gäller ett organ som du inte arbetar för.");
    }
    return found;
  }

  /**
   * Publishes or rejects minutes awaiting review: the decision goes to intake on its queue (202),
   * which publishes exactly as an upload without review and absorbs a second decision. The token
   * travels in the Authorization header, never a cookie, so another site cannot make the browser
   * send one.
   */
  private APIGatewayV2HTTPResponse decide(Clerk clerk, APIGatewayV2HTTPEvent request, ReviewDecision.Action action) {
    var found = minutesOf(clerk, request);
    if (found.status() != MinutesStatus.AWAITING_REVIEW) {
      throw new Refusal(409, "Protokollet väntar inte på granskning: det är " + MinutesState.of(found.status(),
          notices.notices(found.id()), LocalDate.now(clock.withZone(SWEDEN))).swedish().toLowerCase(java.util.Locale.ROOT) + ".");
    }
    var body = jsonBody(request);
    LocalDate postedOn = null;
    String reason = null;
    if (action == ReviewDecision.Action.PUBLISH) {
      var written = body.path("postedOn").asText("");
      if (!written.isBlank()) {
        postedOn = postingDay(written);
      }
    } else {
      reason = body.path("reason").asText("").strip();
      if (reason.isEmpty() || reason.length() > MAX_REASON_LENGTH) {
        throw new Refusal(400, "Skriv varför protokollet avvisas (högst " + MAX_REASON_LENGTH + " tecken).");
      }
    }
    queues.handToIntake(new ReviewDecision(found.id(), action, postedOn, reason, clerk.email()));
    LOG.info(() -> "Clerk " + clerk.subject() + " asked to " + action + " minutes " + found.id());
    var answer = json.createObjectNode().put("id", found.id()).put("action", action.name());
    return respond(202, answer);
  }

  private ObjectNode summary(MinutesRecord minutes, List<Notice> notices, MunicipalSetup municipality) {
    var row = json.createObjectNode();
    row.put("id", minutes.id());
    row.put("organ", minutes.organ());
    row.put("organSlug", minutes.organSlug());
    row.put("meetingDate", text(minutes.meetingDate()));
    row.put("receivedAt", minutes.receivedAt() == null ? null
        : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(minutes.receivedAt().atZone(SWEDEN)));
    row.put("version", minutes.version());
    var today = LocalDate.now(clock.withZone(SWEDEN));
    var state = MinutesState.of(minutes.status(), notices, today);
    row.put("status", state.name());
    row.put("statusText", state.swedish());
    row.put("statusDetail", minutes.statusDetail());
    var postings = row.putArray("notices");
    for (var notice : notices) {
      postings.addObject()
          .put("board", municipality.board(notice.boardId()).map(b -> b.name()).orElse(notice.boardId()))
          .put("boardId", notice.boardId())
          .put("url", BoardSite.organPagePath(notice.boardId(), minutes.organSlug()))
          .put("postedOn", text(notice.postedOnThisBoard()))
          .put("lastAppealDay", text(notice.dates().lastAppealDay()))
          .put("takedownOn", text(notice.dates().takedownOn()));
    }
    row.put("warnings", minutes.warnings().size());
    row.put("proofAvailable", minutes.status() == MinutesStatus.DISPATCHED && ProofOfPosting.takenDown(notices, today));
    return row;
  }

  /** The request's JSON body; an empty body reads as an empty object, anything else unreadable is a 400. */
  private JsonNode jsonBody(APIGatewayV2HTTPEvent request) {
    try {
      var text = request.getBody() == null ? "" : request.getBody();
      var body = json.readTree(request.getIsBase64Encoded()
          ? new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8) : text);
      return body == null || body.isMissingNode() ? json.createObjectNode() : body;
    } catch (JsonProcessingException | IllegalArgumentException malformed) {
      throw new Refusal(400, "Begäran gick inte att läsa.");
    }
  }

  /** The posting day a clerk asked for: a date, and never before today (a notice cannot be posted back in time). */
  private LocalDate postingDay(String written) {
    LocalDate day;
    try {
      day = LocalDate.parse(written);
    } catch (java.time.format.DateTimeParseException notADate) {
      throw new Refusal(400, "Anslagsdagen ska skrivas ÅÅÅÅ-MM-DD.");
    }
    if (day.isBefore(LocalDate.now(clock.withZone(SWEDEN)))) {
      throw new Refusal(400, "Anslaget kan inte sättas upp före i dag.");
    }
    return day;
  }

  private static String text(LocalDate date) {
    return date == null ? null : date.toString();
  }

  private APIGatewayV2HTTPResponse createUpload(Clerk clerk, APIGatewayV2HTTPEvent request) {
    if (clerk.organs().isEmpty()) {
      throw new Refusal(403, "Ditt konto hör inte till något organ; be den som administrerar Anslag att lägga till dig.");
    }
    var body = jsonBody(request);
    if (!body.path("size").canConvertToLong()) {
      throw new Refusal(400, "Begäran saknar filens namn eller storlek.");
    }
    UploadRules.Accepted accepted;
    try {
      accepted = UploadRules.check(body.path("fileName").asText(""), body.path("size").asLong(),
          body.path("contentType").asText(""));
    } catch (UploadRules.Refused refused) {
      throw new Refusal(400, refused.getMessage());
    }
    var now = clock.instant();
    var hour = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").format(now.atZone(SWEDEN));
    if (!uploadSlots.take(clerk.subject(), hour, desk.uploadsPerClerkPerHour(), now.plus(Duration.ofHours(2)))) {
      LOG.warning(() -> "Clerk " + clerk.subject() + " reached the limit of " + desk.uploadsPerClerkPerHour()
          + " uploads in the hour " + hour);
      throw new Refusal(429, "Du har laddat upp " + desk.uploadsPerClerkPerHour()
          + " filer den senaste timmen, vilket är gränsen. Försök igen om en stund.");
    }
    var day = DateTimeFormatter.ISO_LOCAL_DATE.format(now.atZone(SWEDEN));
    var key = "desk/" + day + "/" + UUID.randomUUID() + "." + accepted.extension();
    // The clerk is recorded on the object itself: who uploaded it stays with the file.
    var metadata = new LinkedHashMap<String, String>();
    metadata.put("uploaded-by", clerk.email());
    metadata.put("uploaded-by-sub", clerk.subject());
    var presigned = uploadUrls.presignPut(config.protocolsBucket(), key, accepted.contentType(), body.path("size").asLong(),
        metadata, UPLOAD_URL_VALIDITY);
    LOG.info(() -> "Clerk " + clerk.subject() + " may upload " + key + " (" + body.path("size").asLong() + " bytes)");
    var answer = json.createObjectNode();
    answer.put("method", "PUT");
    answer.put("url", presigned.url().toString());
    var headers = answer.putObject("headers");
    presigned.headers().forEach(headers::put);
    answer.put("key", key);
    answer.put("expiresAt", presigned.expiresAt().toString());
    return respond(201, answer);
  }

  // ---- responses ----------------------------------------------------------------------------

  private APIGatewayV2HTTPResponse ok(JsonNode body) {
    return respond(200, body);
  }

  private APIGatewayV2HTTPResponse message(int status, String message) {
    return respond(status, json.createObjectNode().put("message", message));
  }

  private APIGatewayV2HTTPResponse respond(int status, JsonNode body) {
    var headers = securityHeaders();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("Cache-Control", "no-store");
    try {
      return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
          .withBody(json.writeValueAsString(body)).build();
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
