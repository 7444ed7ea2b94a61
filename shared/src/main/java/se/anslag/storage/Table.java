package se.anslag.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.anslag.config.AnslagConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The table the stores share: its client and name, and the reads they all make. */
final class Table {
  final DynamoDbClient dynamoDb;
  final String name;

  Table(DynamoDbClient dynamoDb, AnslagConfig config) {
    this.dynamoDb = dynamoDb;
    this.name = config.tableName();
  }

  /** One item by its key, read consistently when asked. */
  Optional<Item> get(String pk, String sk, boolean consistent) {
    var response = dynamoDb.getItem(b -> b.tableName(name).key(TableKeys.key(pk, sk)).consistentRead(consistent));
    return response.hasItem() && !response.item().isEmpty() ? Optional.of(Item.of(response.item())) : Optional.empty();
  }

  void put(Item item) {
    dynamoDb.putItem(b -> b.tableName(name).item(item.values()));
  }

  /**
   * Takes one of {@code limit} slots of a counter item (its {@code taken}, with {@code expiresAt} for TTL)
   * by one conditional ADD; false when all are taken.
   */
  boolean takeSlot(String pk, String sk, int limit, java.time.Instant expiresAt) {
    try {
      dynamoDb.updateItem(b -> b.tableName(name).key(TableKeys.key(pk, sk))
          .updateExpression("ADD taken :one SET expiresAt = :expires")
          .conditionExpression("attribute_not_exists(taken) OR taken < :limit")
          .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
              ":limit", AttributeValue.fromN(Integer.toString(limit)),
              ":expires", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())))));
      return true;
    } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException allTaken) {
      return false;
    }
  }

  List<Item> queryPartition(String pk) {
    return query(QueryRequest.builder().tableName(name).consistentRead(true)
        .keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).build());
  }

  List<Item> queryPrefix(String pk, String skPrefix) {
    return query(QueryRequest.builder().tableName(name).consistentRead(true)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(skPrefix)))
        .build());
  }

  List<Item> queryIndex(String indexPk, boolean ascending) {
    return query(QueryRequest.builder().tableName(name).indexName(TableKeys.INDEX).scanIndexForward(ascending)
        .keyConditionExpression("gsi1pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(indexPk))).build());
  }

  private List<Item> query(QueryRequest request) {
    var items = new ArrayList<Item>();
    for (var page : dynamoDb.queryPaginator(request)) {
      page.items().forEach(item -> items.add(Item.of(item)));
    }
    return items;
  }
}
