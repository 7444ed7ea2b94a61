package se.anslag.storage;

import static se.anslag.storage.TableKeys.CURRENT;
import static se.anslag.storage.TableKeys.HISTORY_PREFIX;
import static se.anslag.storage.TableKeys.META;
import static se.anslag.storage.TableKeys.MINUTES_INDEX_PK;
import static se.anslag.storage.TableKeys.PARAGRAPH_PREFIX;
import static se.anslag.storage.TableKeys.meetingPk;
import static se.anslag.storage.TableKeys.minutesPk;
import static se.anslag.storage.TableKeys.paragraphSk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.HistoryEntry;
import se.anslag.domain.MeetingVersion;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Paragraph;
import se.anslag.domain.ParagraphRange;
import se.anslag.domain.RecipientLine;
import se.anslag.domain.Warning;
import se.anslag.ports.MinutesStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Minutes records ({@code MINUTES#{id}}/{@code META}, listed newest first on {@code gsi1}), their
 * paragraphs ({@code PARAGRAPH#{nnn}}) and each meeting's current version ({@code MEETING#…}/{@code CURRENT}).
 */
@Singleton
public final class DynamoMinutesStore implements MinutesStore {
  /** Minutes attributes that a write removes when the new record has no value for them. */
  private static final List<String> OPTIONAL_MINUTES_ATTRIBUTES = List.of("organ", "organSlug", "meetingDate",
      "storagePlace", "adjustedOn", "statusDetail", "paragraphFrom", "paragraphTo", "supersedes",
      TableKeys.ORGAN_INDEX_PK, TableKeys.ORGAN_INDEX_SK);

  private final Table table;

  @Inject
  public DynamoMinutesStore(DynamoDbClient dynamoDb, AnslagConfig config) {
    this.table = new Table(dynamoDb, config);
  }

  @Override
  public Optional<MinutesRecord> findMinutes(String minutesId) {
    return table.get(minutesPk(minutesId), META, true).map(DynamoMinutesStore::toMinutes);
  }

  /**
   * An update rather than a put, so that the settle count the send-out store keeps on the same
   * item ({@link DynamoSendOutStore#recordSettled}) survives intake writing the record again.
   */
  @Override
  public void putMinutes(MinutesRecord minutes) {
    var item = Item.create()
        .put("type", "minutes")
        .put(TableKeys.INDEX_PK, MINUTES_INDEX_PK)
        .put(TableKeys.INDEX_SK, TableKeys.minutesIndexSk(minutes.receivedAt(), minutes.id()))
        .put("id", minutes.id()).put("sourceBucket", minutes.sourceBucket()).put("sourceKey", minutes.sourceKey())
        .put("receivedAt", minutes.receivedAt()).put("organ", minutes.organ()).put("organSlug", minutes.organSlug())
        .put("meetingDate", minutes.meetingDate()).put("storagePlace", minutes.storagePlace())
        .put("adjustedOn", minutes.adjustedOn()).put("status", minutes.status().name())
        .put("statusDetail", minutes.statusDetail())
        .put("version", minutes.version()).put("supersedes", minutes.supersedes())
        .put("sourceVersionId", minutes.sourceVersionId())
        .putMaps("warnings", minutes.warnings().stream()
            .map(w -> Item.create().put("code", w.code()).put("message", w.message()).values()).toList());
    if (minutes.organSlug() != null) {
      // The organ index: the clerk desk lists an organ's minutes newest first.
      item.put(TableKeys.ORGAN_INDEX_PK, TableKeys.organIndexPk(minutes.organSlug()))
          .put(TableKeys.ORGAN_INDEX_SK, TableKeys.minutesIndexSk(minutes.receivedAt(), minutes.id()));
    }
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
    for (var optional : OPTIONAL_MINUTES_ATTRIBUTES) {
      if (!item.values().containsKey(optional)) {
        var name = "#a" + names.size();
        names.put(name, optional);
        remove.add(name);
      }
    }
    var expression = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
    table.dynamoDb.updateItem(b -> b.tableName(table.name).key(TableKeys.key(minutesPk(minutes.id()), META))
        .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values));
  }

  @Override
  public List<MinutesRecord> listMinutes() {
    return table.queryIndex(MINUTES_INDEX_PK, false).stream().map(DynamoMinutesStore::toMinutes).toList();
  }
  /**
   * One Query per organ on the organ index, of at most {@code limit} items each, merged. The cursor
   * is the index sort key of the last one listed, which orders all organs alike, so one value
   * continues every organ's partition.
   */
  @Override
  public MinutesPage minutesOfOrgans(Collection<String> organSlugs, String before, int limit) {
    var found = new ArrayList<Item>();
    for (var organ : organSlugs) {
      var values = new HashMap<String, AttributeValue>();
      values.put(":organ", AttributeValue.fromS(TableKeys.organIndexPk(organ)));
      var condition = TableKeys.ORGAN_INDEX_PK + " = :organ";
      if (before != null) {
        values.put(":before", AttributeValue.fromS(before));
        condition += " AND " + TableKeys.ORGAN_INDEX_SK + " < :before";
      }
      var keyCondition = condition;
      table.dynamoDb.query(b -> b.tableName(table.name).indexName(TableKeys.ORGAN_INDEX).scanIndexForward(false)
          .limit(limit).keyConditionExpression(keyCondition).expressionAttributeValues(values))
          .items().forEach(item -> found.add(Item.of(item)));
    }
    found.sort(Comparator.comparing((Item item) -> item.string(TableKeys.ORGAN_INDEX_SK)).reversed());
    var page = found.subList(0, Math.min(limit, found.size()));
    // More may follow when a full page was listed; an empty last page is the cost of not counting.
    var next = page.size() == limit ? page.getLast().string(TableKeys.ORGAN_INDEX_SK) : null;
    return new MinutesPage(page.stream().map(item -> new ListedMinutes(toMinutes(item),
        item.values().containsKey("settledKeys") ? item.values().get("settledKeys").ss().size() : 0,
        item.number("sendOutCount"))).toList(), next);
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
        item.values().containsKey("version") ? item.number("version") : 1, item.string("supersedes"),
        item.string("sourceVersionId"));
  }

  // ---- paragraphs --------------------------------------------------------------------------

  @Override
  public void putParagraph(String minutesId, Paragraph paragraph) {
    table.put(Item.create()
        .put("pk", minutesPk(minutesId)).put("sk", paragraphSk(paragraph.number())).put("type", "paragraph")
        .put("number", paragraph.number()).put("caseNumber", paragraph.caseNumber())
        .put("title", paragraph.title()).put("decision", paragraph.decision()).put("text", paragraph.text())
        .putMaps("recipients", paragraph.recipients().stream()
            .map(r -> Item.create().put("name", r.name()).put("qualifier", r.qualifier()).put("raw", r.raw()).values())
            .toList()));
  }

  @Override
  public List<Paragraph> paragraphs(String minutesId) {
    return table.queryPrefix(minutesPk(minutesId), PARAGRAPH_PREFIX).stream().map(DynamoMinutesStore::toParagraph)
        .toList();
  }

  @Override
  public Optional<Paragraph> paragraph(String minutesId, int number) {
    return table.get(minutesPk(minutesId), paragraphSk(number), false).map(DynamoMinutesStore::toParagraph);
  }

  private static Paragraph toParagraph(Item item) {
    return new Paragraph(item.number("number"), item.string("caseNumber"), item.string("title"),
        item.string("decision"), item.string("text"),
        item.maps("recipients").stream()
            .map(r -> new RecipientLine(r.string("name"), r.string("qualifier"), r.string("raw"))).toList());
  }

  // ---- meeting versions --------------------------------------------------------------------

  @Override
  public Optional<MeetingVersion> currentVersion(String organSlug, LocalDate meetingDate) {
    return table.get(meetingPk(organSlug, meetingDate), CURRENT, true).map(item -> new MeetingVersion(organSlug,
        meetingDate, item.string("currentMinutesId"), item.number("version"), item.string("supersedes")));
  }

  @Override
  public boolean switchCurrentVersion(MeetingVersion next, String expectedCurrentId) {
    var values = new HashMap<String, AttributeValue>();
    values.put(":next", AttributeValue.fromS(next.currentMinutesId()));
    var condition = "attribute_not_exists(pk) OR currentMinutesId = :next";
    if (expectedCurrentId != null) {
      values.put(":expected", AttributeValue.fromS(expectedCurrentId));
      condition = "currentMinutesId = :expected OR currentMinutesId = :next";
    }
    var item = Item.create().put("pk", meetingPk(next.organSlug(), next.meetingDate())).put("sk", CURRENT)
        .put("type", "meeting").put("organSlug", next.organSlug()).put("meetingDate", next.meetingDate())
        .put("currentMinutesId", next.currentMinutesId()).put("version", next.version())
        .put("supersedes", next.supersedes());
    var finalCondition = condition;
    try {
      table.dynamoDb.putItem(b -> b.tableName(table.name).item(item.values()).conditionExpression(finalCondition)
          .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException movedByAnother) {
      return false;
    }
  }

  // ---- history -----------------------------------------------------------------------------

  @Override
  public void addHistory(String minutesId, HistoryEntry entry) {
    // Keyed by the entry's key alone, so a repeat is one entry even when it carries another time (intake
    // stamps an upload's entry when it reads it); the history is put in order of time when it is read.
    var item = Item.create().put("pk", minutesPk(minutesId)).put("sk", HISTORY_PREFIX + entry.key())
        .put("type", "history").put("at", entry.at()).put("action", entry.action()).put("clerk", entry.clerk())
        .put("detail", entry.detail());
    try {
      table.dynamoDb.putItem(b -> b.tableName(table.name).item(item.values())
          .conditionExpression("attribute_not_exists(pk)"));
    } catch (ConditionalCheckFailedException alreadyThere) {
      // a redelivered request: its entry was written the first time
    }
  }

  @Override
  public List<HistoryEntry> history(String minutesId) {
    return table.queryPrefix(minutesPk(minutesId), HISTORY_PREFIX).stream()
        .map(item -> new HistoryEntry(item.string("sk").substring(HISTORY_PREFIX.length()),
            item.instant("at"), item.string("action"), item.string("clerk"), item.string("detail")))
        .sorted(java.util.Comparator.comparing(HistoryEntry::at).thenComparing(HistoryEntry::key))
        .toList();
  }
}
