package se.anslag.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutEvent;
import se.anslag.domain.SendOutStatus;
import se.anslag.ports.DeliveryEventStore;
import se.anslag.ports.SendOutStore.Acceptance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The history and delivery events of the send-outs: entries appended to a send-out's
 * {@code history}, each event's key added to its string set {@code deliveryEvents} in the same
 * conditional UpdateItem, so a redelivered event is recorded once; send-outs found by SES message
 * id on {@code gsi1} ({@code SESMSG#{id}}/{@code SENDOUT}).
 */
@Singleton
public final class DynamoDeliveryEventStore implements DeliveryEventStore {
  /** Appends an event's history entry, at most once per event key: shared by every event write. */
  private static final String EVENT_APPEND =
      "updatedAt = :now, #history = list_append(if_not_exists(#history, :noHistory), :entry)";
  private static final String EVENT_ONCE = "attribute_exists(pk) AND NOT contains(#events, :eventKey)";

  private final Table table;

  @Inject
  public DynamoDeliveryEventStore(DynamoDbClient dynamoDb, AnslagConfig config) {
    this.table = new Table(dynamoDb, config);
  }

  /** One Query on the index. */
  @Override
  public Optional<SendOut> findSendOutBySesMessageId(String sesMessageId) {
    var response = table.dynamoDb.query(b -> b.tableName(table.name).indexName(TableKeys.INDEX)
        .keyConditionExpression("gsi1pk = :pk AND gsi1sk = :sk")
        .expressionAttributeValues(Map.of(
            ":pk", AttributeValue.fromS(TableKeys.sesMessageIndexPk(sesMessageId)),
            ":sk", AttributeValue.fromS(TableKeys.SES_MESSAGE_INDEX_SK))));
    return response.items().stream().findFirst().map(item -> SendOutItems.toSendOut(Item.of(item)));
  }

  @Override
  public List<SendOutEvent> sendOutHistory(SendOut sendOut) {
    var response = table.dynamoDb.getItem(b -> b.tableName(table.name).key(SendOutItems.key(sendOut))
        .consistentRead(true));
    if (!response.hasItem() || response.item().isEmpty()) {
      return List.of();
    }
    return Item.of(response.item()).maps("history").stream()
        .map(entry -> new SendOutEvent(entry.instant("at"), SendOutStatus.valueOf(entry.string("status")),
            entry.string("detail")))
        .toList();
  }

  /** The key, names and values of an UpdateItem that records one event on a send-out. */
  private record EventWrite(Map<String, AttributeValue> key, Map<String, String> names,
      Map<String, AttributeValue> values) {}

  private static EventWrite eventWrite(SendOut sendOut, String eventKey, SendOutEvent entry, Instant now) {
    var values = new HashMap<String, AttributeValue>();
    values.put(":noHistory", AttributeValue.fromL(List.of()));
    values.put(":entry", SendOutItems.historyAppend(entry));
    values.put(":eventKey", AttributeValue.fromS(eventKey));
    values.put(":eventKeys", AttributeValue.fromSs(List.of(eventKey)));
    values.put(":now", AttributeValue.fromS(now.toString()));
    return new EventWrite(SendOutItems.key(sendOut), Map.of("#history", "history", "#events", "deliveryEvents"),
        values);
  }

  /** One UpdateItem: the status, detail and history together, or (status not replaceable) the history alone. */
  @Override
  public Recording recordDeliveryEvent(SendOut sendOut, String eventKey, SendOutEvent entry,
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
        table.dynamoDb.updateItem(b -> b.tableName(table.name).key(write.key())
            .updateExpression("SET #status = :newStatus, " + (entry.detail() == null ? "" : "detail = :detail, ")
                + EVENT_APPEND + " ADD #events :eventKeys" + detail)
            .conditionExpression(EVENT_ONCE + " AND #status IN (" + String.join(", ", from) + ")")
            .expressionAttributeNames(statusNames).expressionAttributeValues(statusValues));
        return Recording.STATUS_CHANGED;
      } catch (ConditionalCheckFailedException notReplaceable) {
        // A later status stands (a complaint after this delivery) or the event is a repeat: below.
      }
    }
    return noteOnce(write);
  }

  /** Appends an event's history entry and key to a send-out, once per event; its status stays. */
  private Recording noteOnce(EventWrite write) {
    try {
      table.dynamoDb.updateItem(b -> b.tableName(table.name).key(write.key())
          .updateExpression("SET " + EVENT_APPEND + " ADD #events :eventKeys")
          .conditionExpression(EVENT_ONCE)
          .expressionAttributeNames(write.names()).expressionAttributeValues(write.values()));
      return Recording.NOTED;
    } catch (ConditionalCheckFailedException repeated) {
      return Recording.ALREADY_RECORDED;
    }
  }

  /**
   * Nothing settled moves backwards: the mailer settles a claim it took over with this id. Of two
   * accepted attempts (the duplicate this narrows but cannot always prevent) the later one is kept.
   */
  @Override
  public Recording recordAcceptance(SendOut sendOut, String eventKey, Acceptance acceptance, SendOutEvent entry,
      Instant now) {
    var write = eventWrite(sendOut, eventKey, entry, now);
    var acceptedValues = new HashMap<>(write.values());
    acceptedValues.put(":messageId", AttributeValue.fromS(acceptance.messageId()));
    acceptedValues.put(":attempt", AttributeValue.fromN(Integer.toString(acceptance.attempt())));
    try {
      table.dynamoDb.updateItem(b -> b.tableName(table.name).key(write.key())
          .updateExpression("SET acceptedMessageId = :messageId, acceptedAttempt = :attempt, " + EVENT_APPEND
              + " ADD #events :eventKeys")
          .conditionExpression(EVENT_ONCE + " AND (attribute_not_exists(acceptedAttempt) OR acceptedAttempt < :attempt)")
          .expressionAttributeNames(write.names()).expressionAttributeValues(acceptedValues));
      return Recording.NOTED;
    } catch (ConditionalCheckFailedException laterAttemptKnown) {
      // A later attempt's acceptance stands, or the event is a repeat: below.
    }
    return noteOnce(write);
  }
}
