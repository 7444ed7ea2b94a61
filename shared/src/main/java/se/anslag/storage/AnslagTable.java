package se.anslag.storage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.domain.Board;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.TakedownPolicy;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.MeetingVersion;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.Paragraph;
import se.anslag.domain.ParagraphRange;
import se.anslag.domain.RecipientLine;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutEvent;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.Warning;
import se.anslag.setup.DirectoryEntry;
import se.anslag.setup.MunicipalSetup;
import se.anslag.setup.Names;
import se.anslag.setup.Organ;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Every record of Anslag in one DynamoDB table. Keys (see the README for the access patterns):
 *
 * <pre>
 * pk                 sk                         gsi1pk          gsi1sk
 * MINUTES#{id}       META                       MINUTES         {receivedAt}#{id}
 * MINUTES#{id}       PARAGRAPH#{nnn}
 * MINUTES#{id}       NOTICE#{board}             BOARD#{board}   {postedOn}#{id}
 * MINUTES#{id}       SENDOUT#{nnn}#{target}     SESMSG#{sesId}  SENDOUT     (once SES accepted the mail)
 * MEETING#{organ}#{meetingDate}  CURRENT       (the current version of an organ's meeting)
 * SETUP              BOARD#{id} | ORGAN#{slug} | RECIPIENT#{normalized name}
 * </pre>
 *
 * Idempotency rests on conditional writes, not transactions: the local DynamoDB emulator has
 * none, and each write here stands on its own.
 */
@Singleton
public final class AnslagTable {
  private static final String SETUP_PK = "SETUP";
  private static final String MINUTES_INDEX_PK = "MINUTES";
  private static final String GSI = "gsi1";
  private static final String SES_MESSAGE_INDEX_PREFIX = "SESMSG#";
  private static final String SES_MESSAGE_INDEX_SK = "SENDOUT";
  /** Send-out attributes that an update removes when the new record has no value for them. */
  private static final List<String> OPTIONAL_SENDOUT_ATTRIBUTES =
      List.of("qualifier", "sesMessageId", "detail", "gsi1pk", "gsi1sk");

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  @Inject
  public AnslagTable(DynamoDbClient dynamoDb, AnslagConfig config) {
    this.dynamoDb = dynamoDb;
    this.tableName = config.tableName();
  }

  // ---- setup -------------------------------------------------------------------------------

  /** Replaces the setup: boards, organs and directory entries not in the new one are removed. */
  public void replaceSetup(MunicipalSetup setup) {
    var keep = new ArrayList<Map<String, AttributeValue>>();
    for (var board : setup.boards()) {
      keep.add(Item.create().put("pk", SETUP_PK).put("sk", "BOARD#" + board.id())
          .put("id", board.id()).put("name", board.name()).values());
    }
    for (var organ : setup.organs()) {
      keep.add(Item.create().put("pk", SETUP_PK).put("sk", "ORGAN#" + organ.slug())
          .put("slug", organ.slug()).put("name", organ.name())
          .putStrings("aliases", organ.aliases()).putStrings("boards", organ.boardIds())
          .put("clerk", organ.clerkAddress()).put("takedownPolicy", organ.takedownPolicy().name())
          .put("publishMinutesDocument", organ.publishMinutesDocument()).values());
    }
    for (var entry : setup.directory()) {
      keep.add(Item.create().put("pk", SETUP_PK).put("sk", "RECIPIENT#" + Names.normalize(entry.name()))
          .put("name", entry.name()).putStrings("aliases", entry.aliases())
          .putStrings("addresses", entry.addresses()).put("caseFile", entry.caseFile()).values());
    }
    var keepKeys = keep.stream().map(item -> item.get("sk").s()).collect(java.util.stream.Collectors.toSet());
    for (var old : queryPartition(SETUP_PK)) {
      if (!keepKeys.contains(old.string("sk"))) {
        dynamoDb.deleteItem(b -> b.tableName(tableName).key(key(SETUP_PK, old.string("sk"))));
      }
    }
    for (var item : keep) {
      dynamoDb.putItem(b -> b.tableName(tableName).item(item));
    }
  }

  public MunicipalSetup loadSetup() {
    var boards = new ArrayList<Board>();
    var organs = new ArrayList<Organ>();
    var directory = new ArrayList<DirectoryEntry>();
    for (var item : queryPartition(SETUP_PK)) {
      var sk = item.string("sk");
      if (sk.startsWith("BOARD#")) {
        boards.add(new Board(item.string("id"), item.string("name")));
      } else if (sk.startsWith("ORGAN#")) {
        organs.add(new Organ(item.string("slug"), item.string("name"), item.strings("aliases"),
            item.strings("boards"), item.string("clerk"),
            TakedownPolicy.valueOf(item.string("takedownPolicy")), item.bool("publishMinutesDocument")));
      } else if (sk.startsWith("RECIPIENT#")) {
        directory.add(new DirectoryEntry(item.string("name"), item.strings("aliases"),
            item.strings("addresses"), item.bool("caseFile")));
      }
    }
    return new MunicipalSetup(boards, organs, directory);
  }

  // ---- minutes -----------------------------------------------------------------------------

  public Optional<MinutesRecord> findMinutes(String minutesId) {
    var response = dynamoDb.getItem(b -> b.tableName(tableName).key(key(minutesPk(minutesId), "META")).consistentRead(true));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(toMinutes(Item.of(response.item())))
        : Optional.empty();
  }

  /**
   * Writes the minutes record. An update rather than a put, so that the settle count kept on the
   * same item ({@link #recordSettled}) survives intake writing the record again.
   */
  public void putMinutes(MinutesRecord minutes) {
    var item = Item.create()
        .put("type", "minutes")
        .put("gsi1pk", MINUTES_INDEX_PK).put("gsi1sk", minutes.receivedAt() + "#" + minutes.id())
        .put("id", minutes.id()).put("sourceBucket", minutes.sourceBucket()).put("sourceKey", minutes.sourceKey())
        .put("receivedAt", minutes.receivedAt()).put("organ", minutes.organ()).put("organSlug", minutes.organSlug())
        .put("meetingDate", minutes.meetingDate()).put("storagePlace", minutes.storagePlace())
        .put("adjustedOn", minutes.adjustedOn()).put("status", minutes.status().name())
        .put("statusDetail", minutes.statusDetail())
        .put("version", minutes.version()).put("supersedes", minutes.supersedes())
        .putMaps("warnings", minutes.warnings().stream()
            .map(w -> Item.create().put("code", w.code()).put("message", w.message()).values()).toList());
    if (minutes.paragraphRange() != null) {
      item.put("paragraphFrom", minutes.paragraphRange().from()).put("paragraphTo", minutes.paragraphRange().to());
    }
    var names = new HashMap<String, String>();
    var values = new HashMap<String, AttributeValue>();
    var set = new ArrayList<String>();
    var remove = new ArrayList<String>();
    // Every attribute the record has is set; an optional one it no longer has is removed.
    for (var attribute : item.values().entrySet()) {
      var name = "#a" + names.size();
      names.put(name, attribute.getKey());
      values.put(":v" + values.size(), attribute.getValue());
      set.add(name + " = :v" + (values.size() - 1));
    }
    for (var optional : List.of("organ", "organSlug", "meetingDate", "storagePlace", "adjustedOn", "statusDetail",
        "paragraphFrom", "paragraphTo", "supersedes")) {
      if (!item.values().containsKey(optional)) {
        var name = "#a" + names.size();
        names.put(name, optional);
        remove.add(name);
      }
    }
    var expression = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
    dynamoDb.updateItem(b -> b.tableName(tableName).key(key(minutesPk(minutes.id()), "META"))
        .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values));
  }

  /** How far the send-outs of one set of minutes have come: settled of expected (receipt included). */
  public record SettleProgress(int settled, int expected) {
    public boolean complete() {
      return expected > 0 && settled >= expected;
    }
  }

  /** Records how many send-outs (all but the summary) the minutes have; intake sets it once planned. */
  public void expectSettlements(String minutesId, int count) {
    dynamoDb.updateItem(b -> b.tableName(tableName).key(key(minutesPk(minutesId), "META"))
        .updateExpression("SET sendOutCount = :count")
        .expressionAttributeValues(Map.of(":count", AttributeValue.fromN(Integer.toString(count)))));
  }

  /**
   * Counts send-outs of one set of minutes as settled, once however often each is counted: their
   * keys join a set on the minutes record (adding a member twice changes nothing), and the set's
   * size is the count. One write for a whole batch; it tells the mailer that the last send-out is
   * done without reading all of them.
   */
  public SettleProgress recordSettled(String minutesId, Collection<SendOutKey> settled) {
    if (settled.isEmpty()) {
      throw new IllegalArgumentException("No send-outs to count as settled for minutes " + minutesId);
    }
    var keys = settled.stream().map(k -> sendOutSk(k.paragraph(), k.target())).distinct().toList();
    Map<String, AttributeValue> item;
    try {
      item = dynamoDb.updateItem(b -> b.tableName(tableName).key(key(minutesPk(minutesId), "META"))
          .updateExpression("ADD settledKeys :keys")
          // Without the minutes record the ADD would create a stray item.
          .conditionExpression("attribute_exists(pk)")
          .expressionAttributeValues(Map.of(":keys", AttributeValue.fromSs(keys)))
          .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)).attributes();
    } catch (ConditionalCheckFailedException minutesGone) {
      return new SettleProgress(0, 0);
    }
    var counts = Item.of(item);
    return new SettleProgress(item.get("settledKeys").ss().size(), counts.number("sendOutCount"));
  }

  /** Which send-out of a set of minutes: its paragraph (0 for the clerk's mails) and target. */
  public record SendOutKey(int paragraph, String target) {
    public static SendOutKey of(SendOut sendOut) {
      return new SendOutKey(sendOut.paragraph(), sendOut.target());
    }
  }

  /** All minutes, newest first. */
  public List<MinutesRecord> listMinutes() {
    var result = new ArrayList<MinutesRecord>();
    for (var item : queryIndex(MINUTES_INDEX_PK, false)) {
      result.add(toMinutes(item));
    }
    return result;
  }

  private static MinutesRecord toMinutes(Item item) {
    ParagraphRange range = item.values().containsKey("paragraphFrom")
        ? new ParagraphRange(item.number("paragraphFrom"), item.number("paragraphTo"))
        : null;
    return new MinutesRecord(item.string("id"), item.string("sourceBucket"), item.string("sourceKey"),
        item.instant("receivedAt"), item.string("organ"), item.string("organSlug"), item.date("meetingDate"),
        range, item.string("storagePlace"), item.date("adjustedOn"), MinutesStatus.valueOf(item.string("status")),
        item.string("statusDetail"),
        item.maps("warnings").stream().map(w -> new Warning(w.string("code"), w.string("message"))).toList(),
        // Records written before corrections existed are first versions.
        item.values().containsKey("version") ? item.number("version") : 1, item.string("supersedes"));
  }

  // ---- meeting versions --------------------------------------------------------------------

  /** The current version of an organ's meeting, or empty when no minutes of it were dispatched. */
  public Optional<MeetingVersion> currentVersion(String organSlug, LocalDate meetingDate) {
    var response = dynamoDb.getItem(b -> b.tableName(tableName)
        .key(key(meetingPk(organSlug, meetingDate), "CURRENT")).consistentRead(true));
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    var item = Item.of(response.item());
    return Optional.of(new MeetingVersion(organSlug, meetingDate, item.string("currentMinutesId"),
        item.number("version"), item.string("supersedes")));
  }

  /**
   * Makes {@code next} the current version of its meeting, provided the current one is still
   * {@code expectedCurrentId} (null: no version yet) or already {@code next}. Returns false when
   * another upload moved the pointer first.
   */
  public boolean switchCurrentVersion(MeetingVersion next, String expectedCurrentId) {
    var values = new HashMap<String, AttributeValue>();
    values.put(":next", AttributeValue.fromS(next.currentMinutesId()));
    var condition = "attribute_not_exists(pk) OR currentMinutesId = :next";
    if (expectedCurrentId != null) {
      values.put(":expected", AttributeValue.fromS(expectedCurrentId));
      condition = "currentMinutesId = :expected OR currentMinutesId = :next";
    }
    var item = Item.create().put("pk", meetingPk(next.organSlug(), next.meetingDate())).put("sk", "CURRENT")
        .put("type", "meeting").put("organSlug", next.organSlug()).put("meetingDate", next.meetingDate())
        .put("currentMinutesId", next.currentMinutesId()).put("version", next.version())
        .put("supersedes", next.supersedes());
    var finalCondition = condition;
    try {
      dynamoDb.putItem(b -> b.tableName(tableName).item(item.values()).conditionExpression(finalCondition)
          .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException movedByAnother) {
      return false;
    }
  }

  private static String meetingPk(String organSlug, LocalDate meetingDate) {
    return "MEETING#" + organSlug + "#" + meetingDate;
  }

  // ---- paragraphs --------------------------------------------------------------------------

  public void putParagraph(String minutesId, Paragraph paragraph) {
    var item = Item.create()
        .put("pk", minutesPk(minutesId)).put("sk", paragraphSk(paragraph.number())).put("type", "paragraph")
        .put("number", paragraph.number()).put("caseNumber", paragraph.caseNumber())
        .put("title", paragraph.title()).put("decision", paragraph.decision()).put("text", paragraph.text())
        .putMaps("recipients", paragraph.recipients().stream()
            .map(r -> Item.create().put("name", r.name()).put("qualifier", r.qualifier()).put("raw", r.raw()).values())
            .toList());
    dynamoDb.putItem(b -> b.tableName(tableName).item(item.values()));
  }

  public List<Paragraph> paragraphs(String minutesId) {
    return queryPrefix(minutesPk(minutesId), "PARAGRAPH#").stream().map(AnslagTable::toParagraph).toList();
  }

  public Optional<Paragraph> paragraph(String minutesId, int number) {
    var response = dynamoDb.getItem(b -> b.tableName(tableName).key(key(minutesPk(minutesId), paragraphSk(number))));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(toParagraph(Item.of(response.item())))
        : Optional.empty();
  }

  private static Paragraph toParagraph(Item item) {
    return new Paragraph(item.number("number"), item.string("caseNumber"), item.string("title"),
        item.string("decision"), item.string("text"),
        item.maps("recipients").stream()
            .map(r -> new RecipientLine(r.string("name"), r.string("qualifier"), r.string("raw"))).toList());
  }

  // ---- notices -----------------------------------------------------------------------------

  public void putNotice(Notice notice) {
    var item = Item.create()
        .put("pk", minutesPk(notice.minutesId())).put("sk", "NOTICE#" + notice.boardId()).put("type", "notice")
        .put("gsi1pk", "BOARD#" + notice.boardId())
        .put("gsi1sk", notice.postedOnThisBoard() + "#" + notice.minutesId())
        .put("minutesId", notice.minutesId()).put("board", notice.boardId())
        .put("postedOnThisBoard", notice.postedOnThisBoard())
        .put("appealRunsFrom", notice.dates().postedOn()).put("lastAppealDay", notice.dates().lastAppealDay())
        .put("takedownOn", notice.dates().takedownOn()).put("takedownPolicy", notice.policy().name())
        .put("takenDown", notice.takenDown());
    dynamoDb.putItem(b -> b.tableName(tableName).item(item.values()));
  }

  /**
   * Marks a notice taken down (soft delete: the record stays). An update of that one attribute,
   * so that the board function needs no wider write permission.
   */
  public void markTakenDown(Notice notice) {
    dynamoDb.updateItem(b -> b.tableName(tableName)
        .key(key(minutesPk(notice.minutesId()), "NOTICE#" + notice.boardId()))
        .updateExpression("SET takenDown = :true")
        .conditionExpression("attribute_exists(pk)")
        .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
  }

  /** Every notice ever put on a board, taken down or not, newest posting first. */
  public List<Notice> noticesOnBoard(String boardId) {
    return queryIndex("BOARD#" + boardId, false).stream().map(AnslagTable::toNotice).toList();
  }

  public List<Notice> notices(String minutesId) {
    return queryPrefix(minutesPk(minutesId), "NOTICE#").stream().map(AnslagTable::toNotice).toList();
  }

  private static Notice toNotice(Item item) {
    return new Notice(item.string("minutesId"), item.string("board"), item.date("postedOnThisBoard"),
        new NoticeDates(item.date("appealRunsFrom"), item.date("lastAppealDay"), item.date("takedownOn")),
        TakedownPolicy.valueOf(item.string("takedownPolicy")), item.bool("takenDown"));
  }

  // ---- send-outs ---------------------------------------------------------------------------

  /** Creates the send-out unless it exists: a second intake of the same minutes changes nothing. */
  public boolean createSendOut(SendOut sendOut) {
    var item = toItem(sendOut).putMaps("history",
        List.of(historyEntry(new SendOutEvent(sendOut.createdAt(), sendOut.status(), sendOut.detail()))));
    try {
      dynamoDb.putItem(b -> b.tableName(tableName).item(item.values())
          .conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException alreadyThere) {
      return false;
    }
  }

  public Optional<SendOut> findSendOut(String minutesId, int paragraph, String target) {
    var response = dynamoDb.getItem(b -> b.tableName(tableName)
        .key(key(minutesPk(minutesId), sendOutSk(paragraph, target))).consistentRead(true));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(toSendOut(Item.of(response.item())))
        : Optional.empty();
  }

  public List<SendOut> sendOuts(String minutesId) {
    return queryPrefix(minutesPk(minutesId), "SENDOUT#").stream().map(AnslagTable::toSendOut).toList();
  }

  /**
   * Claims a send-out for sending: PENDING, or SENDING by a claim older than {@code staleAfter}
   * (its mailer died). Returns the claimed record, or empty when there is no such send-out,
   * another mailer has it, or it is done. No read comes first: the condition decides, and only a
   * refused claim needs a read to learn why.
   */
  public Optional<SendOut> claimSendOut(String minutesId, SendOutKey sendOut, Instant now, Duration staleAfter) {
    var values = new HashMap<String, AttributeValue>();
    values.put(":pending", AttributeValue.fromS(SendOutStatus.PENDING.name()));
    values.put(":sending", AttributeValue.fromS(SendOutStatus.SENDING.name()));
    values.put(":staleBefore", AttributeValue.fromS(now.minus(staleAfter).toString()));
    values.put(":now", AttributeValue.fromS(now.toString()));
    values.put(":one", AttributeValue.fromN("1"));
    values.put(":noHistory", AttributeValue.fromL(List.of()));
    values.put(":entry", AttributeValue.fromL(List.of(AttributeValue.fromM(
        historyEntry(new SendOutEvent(now, SendOutStatus.SENDING, null))))));
    try {
      var response = dynamoDb.updateItem(b -> b.tableName(tableName)
          .key(key(minutesPk(minutesId), sendOutSk(sendOut.paragraph(), sendOut.target())))
          .updateExpression("SET #status = :sending, updatedAt = :now, claimedAt = :now,"
              + " #history = list_append(if_not_exists(#history, :noHistory), :entry) ADD attempts :one")
          // A missing item has no status, so the condition also keeps the update from creating one.
          .conditionExpression("#status = :pending OR (#status = :sending AND claimedAt < :staleBefore)")
          .expressionAttributeNames(Map.of("#status", "status", "#history", "history"))
          .expressionAttributeValues(values)
          .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW));
      return Optional.of(toSendOut(Item.of(response.attributes())));
    } catch (ConditionalCheckFailedException notClaimable) {
      return Optional.empty();
    }
  }

  /**
   * Records the outcome of a send-out (or puts it back to PENDING for a retry) and appends it to
   * the send-out's history. An update rather than a put, so that the history stays.
   */
  public void updateSendOut(SendOut sendOut) {
    var item = toItem(sendOut).values();
    var names = new HashMap<String, String>();
    var values = new HashMap<String, AttributeValue>();
    var sets = new ArrayList<String>();
    var removes = new ArrayList<String>();
    for (var attribute : item.entrySet()) {
      if (!attribute.getKey().equals("pk") && !attribute.getKey().equals("sk")) {
        var placeholder = "a" + names.size();
        names.put("#" + placeholder, attribute.getKey());
        values.put(":" + placeholder, attribute.getValue());
        sets.add("#" + placeholder + " = :" + placeholder);
      }
    }
    for (var optional : OPTIONAL_SENDOUT_ATTRIBUTES) {
      if (!item.containsKey(optional)) {
        var placeholder = "#a" + names.size();
        names.put(placeholder, optional);
        removes.add(placeholder);
      }
    }
    names.put("#history", "history");
    values.put(":noHistory", AttributeValue.fromL(List.of()));
    values.put(":entry", AttributeValue.fromL(List.of(AttributeValue.fromM(
        historyEntry(new SendOutEvent(sendOut.updatedAt(), sendOut.status(), sendOut.detail()))))));
    sets.add("#history = list_append(if_not_exists(#history, :noHistory), :entry)");
    var expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
    dynamoDb.updateItem(b -> b.tableName(tableName).key(item.entrySet().stream()
            .filter(e -> e.getKey().equals("pk") || e.getKey().equals("sk"))
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
        .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values));
  }

  private static Item toItem(SendOut sendOut) {
    var item = Item.create()
        .put("pk", minutesPk(sendOut.minutesId())).put("sk", sendOutSk(sendOut.paragraph(), sendOut.target()))
        .put("type", "sendout").put("minutesId", sendOut.minutesId()).put("paragraph", sendOut.paragraph())
        .put("target", sendOut.target()).put("kind", sendOut.kind().name())
        .putStrings("recipientNames", sendOut.recipientNames()).put("qualifier", sendOut.qualifier())
        .put("status", sendOut.status().name()).put("attempts", sendOut.attempts())
        .put("sesMessageId", sendOut.sesMessageId()).put("createdAt", sendOut.createdAt())
        .put("updatedAt", sendOut.updatedAt()).put("detail", sendOut.detail());
    if (sendOut.sesMessageId() != null) {
      // Delivery events name only the SES message id: the index finds the send-out by it.
      item.put("gsi1pk", SES_MESSAGE_INDEX_PREFIX + sendOut.sesMessageId()).put("gsi1sk", SES_MESSAGE_INDEX_SK);
    }
    return item;
  }

  private static SendOut toSendOut(Item item) {
    return new SendOut(item.string("minutesId"), item.number("paragraph"), item.string("target"),
        SendOutKind.valueOf(item.string("kind")), item.strings("recipientNames"), item.string("qualifier"),
        SendOutStatus.valueOf(item.string("status")), item.number("attempts"), item.string("sesMessageId"),
        item.instant("createdAt"), item.instant("updatedAt"), item.string("detail"));
  }

  // ---- keys and queries --------------------------------------------------------------------

  static String minutesPk(String minutesId) {
    return "MINUTES#" + minutesId;
  }

  private static String paragraphSk(int number) {
    return "PARAGRAPH#%03d".formatted(number);
  }

  private static String sendOutSk(int paragraph, String target) {
    return "SENDOUT#%03d#%s".formatted(paragraph, target);
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
  }

  private List<Item> queryPartition(String pk) {
    return query(QueryRequest.builder().tableName(tableName).consistentRead(true)
        .keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).build());
  }

  private List<Item> queryPrefix(String pk, String skPrefix) {
    return query(QueryRequest.builder().tableName(tableName).consistentRead(true)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(skPrefix)))
        .build());
  }

  private List<Item> queryIndex(String gsiPk, boolean ascending) {
    return query(QueryRequest.builder().tableName(tableName).indexName(GSI).scanIndexForward(ascending)
        .keyConditionExpression("gsi1pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(gsiPk))).build());
  }

  private List<Item> query(QueryRequest request) {
    var items = new ArrayList<Item>();
    for (var page : dynamoDb.queryPaginator(request)) {
      page.items().forEach(item -> items.add(Item.of(item)));
    }
    return items;
  }

  // ---- delivery events ---------------------------------------------------------------------

  /** The send-out whose mail SES accepted under this message id (one Query on the index). */
  public Optional<SendOut> findSendOutBySesMessageId(String sesMessageId) {
    var response = dynamoDb.query(b -> b.tableName(tableName).indexName(GSI)
        .keyConditionExpression("gsi1pk = :pk AND gsi1sk = :sk")
        .expressionAttributeValues(Map.of(
            ":pk", AttributeValue.fromS(SES_MESSAGE_INDEX_PREFIX + sesMessageId),
            ":sk", AttributeValue.fromS(SES_MESSAGE_INDEX_SK))));
    return response.items().stream().findFirst().map(item -> toSendOut(Item.of(item)));
  }

  /** A send-out's history, oldest first. */
  public List<SendOutEvent> sendOutHistory(SendOut sendOut) {
    var response = dynamoDb.getItem(b -> b.tableName(tableName)
        .key(key(minutesPk(sendOut.minutesId()), sendOutSk(sendOut.paragraph(), sendOut.target())))
        .consistentRead(true));
    if (!response.hasItem() || response.item().isEmpty()) {
      return List.of();
    }
    return Item.of(response.item()).maps("history").stream()
        .map(entry -> new SendOutEvent(entry.instant("at"), SendOutStatus.valueOf(entry.string("status")),
            entry.string("detail")))
        .toList();
  }

  /** What {@link #recordDeliveryEvent} did. */
  public enum DeliveryEventRecording {
    /** The send-out took the event's status, and the event is in its history. */
    STATUS_CHANGED,
    /** The event is in the history; the status stays (it was not one the event may replace). */
    NOTED,
    /** The event was recorded before (SNS and SQS deliver at least once), or the send-out is gone. */
    ALREADY_RECORDED
  }

  /** Appends an event's history entry, at most once per event key: shared by every event write. */
  private static final String EVENT_APPEND =
      "updatedAt = :now, #history = list_append(if_not_exists(#history, :noHistory), :entry)";
  private static final String EVENT_ONCE = "attribute_exists(pk) AND NOT contains(#events, :eventKey)";

  /** The key, names and values of an UpdateItem that records one event on a send-out. */
  private record EventWrite(Map<String, AttributeValue> key, Map<String, String> names,
      Map<String, AttributeValue> values) {}

  private static EventWrite eventWrite(SendOut sendOut, String eventKey, SendOutEvent entry, Instant now) {
    var values = new HashMap<String, AttributeValue>();
    values.put(":noHistory", AttributeValue.fromL(List.of()));
    values.put(":entry", AttributeValue.fromL(List.of(AttributeValue.fromM(historyEntry(entry)))));
    values.put(":eventKey", AttributeValue.fromS(eventKey));
    values.put(":eventKeys", AttributeValue.fromSs(List.of(eventKey)));
    values.put(":now", AttributeValue.fromS(now.toString()));
    return new EventWrite(key(minutesPk(sendOut.minutesId()), sendOutSk(sendOut.paragraph(), sendOut.target())),
        Map.of("#history", "history", "#events", "deliveryEvents"), values);
  }

  /**
   * Records a delivery event on a send-out with one UpdateItem: appends {@code entry} to its
   * history and, when the current status is one of {@code replaces}, sets the entry's status and
   * detail. {@code eventKey} identifies the event so that a redelivered one is recorded once.
   */
  public DeliveryEventRecording recordDeliveryEvent(SendOut sendOut, String eventKey, SendOutEvent entry,
      Set<SendOutStatus> replaces, Instant now) {
    var write = eventWrite(sendOut, eventKey, entry, now);
    if (!replaces.isEmpty()) {
      var statusNames = new HashMap<>(write.names());
      statusNames.put("#status", "status");
      var statusValues = new HashMap<>(write.values());
      statusValues.put(":newStatus", AttributeValue.fromS(entry.status().name()));
      var from = new ArrayList<String>();
      for (var status : replaces) {
        statusValues.put(":from" + from.size(), AttributeValue.fromS(status.name()));
        from.add(":from" + from.size());
      }
      var detail = entry.detail() == null ? " REMOVE detail" : "";
      if (entry.detail() != null) {
        statusValues.put(":detail", AttributeValue.fromS(entry.detail()));
      }
      try {
        dynamoDb.updateItem(b -> b.tableName(tableName).key(write.key())
            .updateExpression("SET #status = :newStatus, " + (entry.detail() == null ? "" : "detail = :detail, ")
                + EVENT_APPEND + " ADD #events :eventKeys" + detail)
            .conditionExpression(EVENT_ONCE + " AND #status IN (" + String.join(", ", from) + ")")
            .expressionAttributeNames(statusNames).expressionAttributeValues(statusValues));
        return DeliveryEventRecording.STATUS_CHANGED;
      } catch (ConditionalCheckFailedException notReplaceable) {
        // A later status stands (a complaint after this delivery) or the event is a repeat: below.
      }
    }
    return noteOnce(write);
  }

  /** Appends an event's history entry and key to a send-out, once per event; its status stays. */
  private DeliveryEventRecording noteOnce(EventWrite write) {
    try {
      dynamoDb.updateItem(b -> b.tableName(tableName).key(write.key())
          .updateExpression("SET " + EVENT_APPEND + " ADD #events :eventKeys")
          .conditionExpression(EVENT_ONCE)
          .expressionAttributeNames(write.names()).expressionAttributeValues(write.values()));
      return DeliveryEventRecording.NOTED;
    } catch (ConditionalCheckFailedException repeated) {
      return DeliveryEventRecording.ALREADY_RECORDED;
    }
  }

  /** SES's record that it accepted a send-out's mail: the message id and the attempt that sent it. */
  public record Acceptance(String messageId, int attempt) {}

  /**
   * Records on a send-out that SES accepted the mail of {@code attempt} as {@code messageId} (from
   * a Send event), with its history entry, once per event. The status is not touched, so nothing
   * settled moves backwards: the mailer settles a claim it took over with this id. Of two accepted
   * attempts (the duplicate this narrows but cannot always prevent) the later one is kept.
   */
  public DeliveryEventRecording recordAcceptance(SendOut sendOut, String eventKey, Acceptance acceptance,
      SendOutEvent entry, Instant now) {
    var write = eventWrite(sendOut, eventKey, entry, now);
    var acceptedValues = new HashMap<>(write.values());
    acceptedValues.put(":messageId", AttributeValue.fromS(acceptance.messageId()));
    acceptedValues.put(":attempt", AttributeValue.fromN(Integer.toString(acceptance.attempt())));
    try {
      dynamoDb.updateItem(b -> b.tableName(tableName).key(write.key())
          .updateExpression("SET acceptedMessageId = :messageId, acceptedAttempt = :attempt, " + EVENT_APPEND
              + " ADD #events :eventKeys")
          .conditionExpression(EVENT_ONCE + " AND (attribute_not_exists(acceptedAttempt) OR acceptedAttempt < :attempt)")
          .expressionAttributeNames(write.names()).expressionAttributeValues(acceptedValues));
      return DeliveryEventRecording.NOTED;
    } catch (ConditionalCheckFailedException laterAttemptKnown) {
      // A later attempt's acceptance stands, or the event is a repeat: below.
    }
    return noteOnce(write);
  }

  /** What SES reported accepting for a send-out, read consistently; empty when no Send event came. */
  public Optional<Acceptance> acceptance(SendOut sendOut) {
    var response = dynamoDb.getItem(b -> b.tableName(tableName)
        .key(key(minutesPk(sendOut.minutesId()), sendOutSk(sendOut.paragraph(), sendOut.target())))
        .projectionExpression("acceptedMessageId, acceptedAttempt").consistentRead(true));
    if (!response.hasItem() || !response.item().containsKey("acceptedMessageId")) {
      return Optional.empty();
    }
    var item = Item.of(response.item());
    return Optional.of(new Acceptance(item.string("acceptedMessageId"), item.number("acceptedAttempt")));
  }

  private static Map<String, AttributeValue> historyEntry(SendOutEvent event) {
    return Item.create().put("at", event.at()).put("status", event.status().name())
        .put("detail", event.detail()).values();
  }
}
