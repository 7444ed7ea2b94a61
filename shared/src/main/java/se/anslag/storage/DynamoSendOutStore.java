package se.anslag.storage;

import static se.anslag.storage.TableKeys.META;
import static se.anslag.storage.TableKeys.SENDOUT_PREFIX;
import static se.anslag.storage.TableKeys.minutesPk;
import static se.anslag.storage.TableKeys.sendOutSk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutEvent;
import se.anslag.domain.SendOutStatus;
import se.anslag.ports.SendOutStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The send-outs ({@code MINUTES#{id}}/{@code SENDOUT#{nnn}#{target}}) with their claims, and the
 * count of the settled ones, kept on the minutes record ({@code META}: {@code sendOutCount} and the
 * string set {@code settledKeys}).
 */
@Singleton
public final class DynamoSendOutStore implements SendOutStore {
  /** Send-out attributes that an update removes when the new record has no value for them. */
  private static final List<String> OPTIONAL_SENDOUT_ATTRIBUTES =
      List.of("qualifier", "sesMessageId", "detail", TableKeys.INDEX_PK, TableKeys.INDEX_SK);

  private final Table table;

  @Inject
  public DynamoSendOutStore(DynamoDbClient dynamoDb, AnslagConfig config) {
    this.table = new Table(dynamoDb, config);
  }

  @Override
  public boolean createSendOut(SendOut sendOut) {
    var item = SendOutItems.toItem(sendOut).putMaps("history",
        List.of(SendOutItems.historyEntry(new SendOutEvent(sendOut.createdAt(), sendOut.status(), sendOut.detail()))));
    try {
      table.dynamoDb.putItem(b -> b.tableName(table.name).item(item.values())
          .conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException alreadyThere) {
      return false;
    }
  }

  @Override
  public Optional<SendOut> findSendOut(String minutesId, int paragraph, String target) {
    return table.get(minutesPk(minutesId), sendOutSk(paragraph, target), true).map(SendOutItems::toSendOut);
  }

  @Override
  public List<SendOut> sendOuts(String minutesId) {
    return table.queryPrefix(minutesPk(minutesId), SENDOUT_PREFIX).stream().map(SendOutItems::toSendOut).toList();
  }

  /** No read comes first: the condition decides, and only a refused claim needs a read to learn why. */
  @Override
  public Optional<SendOut> claimSendOut(String minutesId, SendOutKey sendOut, Instant now, Duration staleAfter) {
    var values = new HashMap<String, AttributeValue>();
    values.put(":pending", AttributeValue.fromS(SendOutStatus.PENDING.name()));
    values.put(":sending", AttributeValue.fromS(SendOutStatus.SENDING.name()));
    values.put(":staleBefore", AttributeValue.fromS(now.minus(staleAfter).toString()));
    values.put(":now", AttributeValue.fromS(now.toString()));
    values.put(":one", AttributeValue.fromN("1"));
    values.put(":noHistory", AttributeValue.fromL(List.of()));
    values.put(":entry", SendOutItems.historyAppend(new SendOutEvent(now, SendOutStatus.SENDING, null)));
    try {
      var response = table.dynamoDb.updateItem(b -> b.tableName(table.name)
          .key(SendOutItems.key(minutesId, sendOut.paragraph(), sendOut.target()))
          .updateExpression("SET #status = :sending, updatedAt = :now, claimedAt = :now,"
              + " #history = list_append(if_not_exists(#history, :noHistory), :entry) ADD attempts :one")
          // A missing item has no status, so the condition also keeps the update from creating one.
          .conditionExpression("#status = :pending OR (#status = :sending AND claimedAt < :staleBefore)")
          .expressionAttributeNames(Map.of("#status", "status", "#history", "history"))
          .expressionAttributeValues(values)
          .returnValues(ReturnValue.ALL_NEW));
      return Optional.of(SendOutItems.toSendOut(Item.of(response.attributes())));
    } catch (ConditionalCheckFailedException notClaimable) {
      return Optional.empty();
    }
  }

  @Override
  public boolean cancelPending(String minutesId, SendOutKey sendOut, Instant now, String detail) {
    var values = new HashMap<String, AttributeValue>();
    values.put(":pending", AttributeValue.fromS(SendOutStatus.PENDING.name()));
    values.put(":cancelled", AttributeValue.fromS(SendOutStatus.CANCELLED.name()));
    values.put(":now", AttributeValue.fromS(now.toString()));
    values.put(":detail", AttributeValue.fromS(detail));
    values.put(":noHistory", AttributeValue.fromL(List.of()));
    values.put(":entry", SendOutItems.historyAppend(new SendOutEvent(now, SendOutStatus.CANCELLED, detail)));
    try {
      table.dynamoDb.updateItem(b -> b.tableName(table.name)
          .key(SendOutItems.key(minutesId, sendOut.paragraph(), sendOut.target()))
          .updateExpression("SET #status = :cancelled, updatedAt = :now, detail = :detail,"
              + " #history = list_append(if_not_exists(#history, :noHistory), :entry)")
          // The claim's condition turned round: whichever write comes first wins, never both.
          .conditionExpression("#status = :pending")
          .expressionAttributeNames(Map.of("#status", "status", "#history", "history"))
          .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException notPending) {
      return false;
    }
  }

  /** An update rather than a put, so that the history stays. */
  @Override
  public void updateSendOut(SendOut sendOut) {
    var item = SendOutItems.toItem(sendOut).values();
    var names = new HashMap<String, String>();
    var values = new HashMap<String, AttributeValue>();
    var sets = new ArrayList<String>();
    var removes = new ArrayList<String>();
    for (var attribute : item.entrySet()) {
      if (!attribute.getKey().equals(TableKeys.PK) && !attribute.getKey().equals(TableKeys.SK)) {
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
    values.put(":entry", SendOutItems.historyAppend(
        new SendOutEvent(sendOut.updatedAt(), sendOut.status(), sendOut.detail())));
    sets.add("#history = list_append(if_not_exists(#history, :noHistory), :entry)");
    var expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
    table.dynamoDb.updateItem(b -> b.tableName(table.name).key(SendOutItems.key(sendOut))
        .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values));
  }

  @Override
  public void expectSettlements(String minutesId, int count) {
    table.dynamoDb.updateItem(b -> b.tableName(table.name).key(TableKeys.key(minutesPk(minutesId), META))
        .updateExpression("SET sendOutCount = :count")
        .expressionAttributeValues(Map.of(":count", AttributeValue.fromN(Integer.toString(count)))));
  }

  /**
   * The keys join a string set on the minutes record (adding a member twice changes nothing), and
   * the set's size is the count. One write for a whole batch; it tells the mailer that the last
   * send-out is done without reading all of them.
   */
  @Override
  public SettleProgress recordSettled(String minutesId, Collection<SendOutKey> settled) {
    if (settled.isEmpty()) {
      throw new IllegalArgumentException("No send-outs to count as settled for minutes " + minutesId);
    }
    var keys = settled.stream().map(k -> sendOutSk(k.paragraph(), k.target())).distinct().toList();
    Map<String, AttributeValue> item;
    try {
      item = table.dynamoDb.updateItem(b -> b.tableName(table.name).key(TableKeys.key(minutesPk(minutesId), META))
          .updateExpression("ADD settledKeys :keys")
          // Without the minutes record the ADD would create a stray item.
          .conditionExpression("attribute_exists(pk)")
          .expressionAttributeValues(Map.of(":keys", AttributeValue.fromSs(keys)))
          .returnValues(ReturnValue.ALL_NEW)).attributes();
    } catch (ConditionalCheckFailedException minutesGone) {
      return new SettleProgress(0, 0);
    }
    return new SettleProgress(item.get("settledKeys").ss().size(), Item.of(item).number("sendOutCount"));
  }

  @Override
  public Optional<Acceptance> acceptance(SendOut sendOut) {
    var response = table.dynamoDb.getItem(b -> b.tableName(table.name).key(SendOutItems.key(sendOut))
        .projectionExpression("acceptedMessageId, acceptedAttempt").consistentRead(true));
    if (!response.hasItem() || !response.item().containsKey("acceptedMessageId")) {
      return Optional.empty();
    }
    var item = Item.of(response.item());
    return Optional.of(new Acceptance(item.string("acceptedMessageId"), item.number("acceptedAttempt")));
  }
}
