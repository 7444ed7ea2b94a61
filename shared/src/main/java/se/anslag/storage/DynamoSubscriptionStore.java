package se.anslag.storage;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.SendOut;
import se.anslag.domain.Subscription;
import se.anslag.domain.SubscriptionTokens;
import se.anslag.ports.SubscriptionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * One item per subscription, {@code SUBSCRIPTION#{id}}/{@code META}, found by its tokens and its board
 * through the two indexes: pending, {@code gsi1pk} {@code SUBCONFIRM#{hash of the confirmation token}};
 * confirmed, {@code gsi1pk} {@code FOLLOWERS#{board}} (the fan-out) and {@code gsi2pk}
 * {@code SUBUNSUB#{hash of the unsubscribe token}}. A pending item carries {@code expiresAt} (TTL) and a
 * confirmed one none. Request counters: {@code SUBLIMIT#{key}}/{@code {window}} with {@code expiresAt}.
 * A notice's mailing: {@code MINUTES#notices-{minutesId}}/{@code MAILING#{board}}, beside its send-outs.
 */
@Singleton
public final class DynamoSubscriptionStore implements SubscriptionStore {
  private static final String META = TableKeys.META;

  private final Table table;

  @Inject
  public DynamoSubscriptionStore(DynamoDbClient dynamoDb, AnslagConfig config) {
    this.table = new Table(dynamoDb, config);
  }

  @Override
  public Optional<Subscription> find(String subscriptionId, Instant now) {
    return table.get(TableKeys.subscriptionPk(subscriptionId), META, true).map(DynamoSubscriptionStore::toSubscription)
        .filter(s -> !s.isExpired(now));
  }

  @Override
  public boolean putPending(Subscription pending, String confirmTokenHash) {
    var item = toItem(pending)
        .put(TableKeys.INDEX_PK, TableKeys.subscriptionConfirmIndexPk(confirmTokenHash))
        .put(TableKeys.INDEX_SK, pending.id());
    try {
      table.dynamoDb.putItem(b -> b.tableName(table.name).item(item.values())
          .conditionExpression("attribute_not_exists(pk) OR #state = :pending")
          .expressionAttributeNames(Map.of("#state", "state"))
          .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS(Subscription.State.PENDING.name()))));
      return true;
    } catch (ConditionalCheckFailedException confirmed) {
      return false;
    }
  }

  @Override
  public Optional<Subscription> findByConfirmToken(String tokenHash) {
    return table.queryIndex(TableKeys.subscriptionConfirmIndexPk(tokenHash), true).stream()
        .map(DynamoSubscriptionStore::toSubscription).findFirst();
  }

  @Override
  public Optional<Subscription> confirm(Subscription pending, String confirmTokenHash, String unsubscribeToken,
      Instant now) {
    var values = new HashMap<String, AttributeValue>();
    values.put(":pending", AttributeValue.fromS(Subscription.State.PENDING.name()));
    values.put(":confirmed", AttributeValue.fromS(Subscription.State.CONFIRMED.name()));
    values.put(":token", AttributeValue.fromS(TableKeys.subscriptionConfirmIndexPk(confirmTokenHash)));
    values.put(":nowEpoch", AttributeValue.fromN(Long.toString(now.getEpochSecond())));
    values.put(":now", AttributeValue.fromS(now.toString()));
    values.put(":unsubscribe", AttributeValue.fromS(unsubscribeToken));
    values.put(":unsubscribeKey", AttributeValue.fromS(TableKeys.subscriptionUnsubscribeIndexPk(
        SubscriptionTokens.hash(unsubscribeToken))));
    values.put(":id", AttributeValue.fromS(pending.id()));
    values.put(":followers", AttributeValue.fromS(TableKeys.followersIndexPk(pending.boardId())));
    values.put(":followerSk", AttributeValue.fromS(TableKeys.followersIndexSk(pending.organSlug(), pending.id())));
    try {
      var response = table.dynamoDb.updateItem(b -> b.tableName(table.name)
          .key(TableKeys.key(TableKeys.subscriptionPk(pending.id()), META))
          // One write: from the confirmation index to the board's followers, TTL off.
          .updateExpression("SET #state = :confirmed, confirmedAt = :now, unsubscribeToken = :unsubscribe,"
              + " gsi1pk = :followers, gsi1sk = :followerSk, gsi2pk = :unsubscribeKey, gsi2sk = :id REMOVE expiresAt")
          .conditionExpression("#state = :pending AND gsi1pk = :token AND expiresAt > :nowEpoch")
          .expressionAttributeNames(Map.of("#state", "state"))
          .expressionAttributeValues(values)
          .returnValues(ReturnValue.ALL_NEW));
      return Optional.of(toSubscription(Item.of(response.attributes())));
    } catch (ConditionalCheckFailedException notThisRequest) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<Subscription> findByUnsubscribeToken(String tokenHash) {
    var response = table.dynamoDb.query(QueryRequest.builder().tableName(table.name).indexName(TableKeys.ORGAN_INDEX)
        .keyConditionExpression("gsi2pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.subscriptionUnsubscribeIndexPk(tokenHash))))
        .build());
    return response.items().stream().map(item -> toSubscription(Item.of(item))).findFirst();
  }

  @Override
  public void delete(String subscriptionId) {
    table.dynamoDb.deleteItem(b -> b.tableName(table.name)
        .key(TableKeys.key(TableKeys.subscriptionPk(subscriptionId), META)));
  }

  @Override
  public List<Subscription> confirmedOn(String boardId) {
    return table.queryIndex(TableKeys.followersIndexPk(boardId), true).stream()
        .map(DynamoSubscriptionStore::toSubscription).filter(Subscription::isConfirmed).toList();
  }

  @Override
  public boolean takeRequest(String key, String window, int limit, Instant expiresAt) {
    return table.takeSlot(TableKeys.SUBSCRIPTION_LIMIT_PREFIX + key, window, limit, expiresAt);
  }

  @Override
  public Optional<NoticeMailing> mailing(String minutesId, String boardId) {
    return table.get(TableKeys.minutesPk(SendOut.noticeMailsOf(minutesId)), TableKeys.mailingSk(boardId), true)
        .map(item -> new NoticeMailing(minutesId, boardId, item.string("pageKey"), item.bool("queued"),
            item.number("subscribers")));
  }

  @Override
  public void beginMailing(NoticeMailing mailing) {
    var item = Item.create()
        .put(TableKeys.PK, TableKeys.minutesPk(SendOut.noticeMailsOf(mailing.minutesId())))
        .put(TableKeys.SK, TableKeys.mailingSk(mailing.boardId()))
        .put("minutesId", mailing.minutesId())
        .put("board", mailing.boardId())
        .put("pageKey", mailing.pageKey())
        .put("queued", false);
    try {
      table.dynamoDb.putItem(b -> b.tableName(table.name).item(item.values())
          .conditionExpression("attribute_not_exists(pk)"));
    } catch (ConditionalCheckFailedException begunBefore) {
      // A second board run: the first one's record stands.
    }
  }

  @Override
  public void markMailingQueued(String minutesId, String boardId, int subscribers) {
    table.dynamoDb.updateItem(b -> b.tableName(table.name)
        .key(TableKeys.key(TableKeys.minutesPk(SendOut.noticeMailsOf(minutesId)), TableKeys.mailingSk(boardId)))
        .updateExpression("SET queued = :true, subscribers = :count")
        .conditionExpression("attribute_exists(pk)")
        .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true),
            ":count", AttributeValue.fromN(Integer.toString(subscribers)))));
  }

  private static Item toItem(Subscription s) {
    var item = Item.create()
        .put(TableKeys.PK, TableKeys.subscriptionPk(s.id()))
        .put(TableKeys.SK, META)
        .put("subscriptionId", s.id())
        .put("address", s.address())
        .put("board", s.boardId())
        .put("organ", s.organSlug())
        .put("state", s.state().name())
        .put("createdAt", s.createdAt())
        .put("confirmedAt", s.confirmedAt())
        .put("unsubscribeToken", s.unsubscribeToken());
    if (s.expiresAt() != null) {
      // TTL reads epoch seconds.
      item.values().put("expiresAt", AttributeValue.fromN(Long.toString(s.expiresAt().getEpochSecond())));
    }
    return item;
  }

  private static Subscription toSubscription(Item item) {
    var expires = item.values().get("expiresAt");
    return new Subscription(item.string("subscriptionId"), item.string("address"), item.string("board"),
        item.string("organ"), Subscription.State.valueOf(item.string("state")), item.instant("createdAt"),
        item.instant("confirmedAt"), expires == null ? null : Instant.ofEpochSecond(Long.parseLong(expires.n())),
        item.string("unsubscribeToken"));
  }
}
