package se.anslag.storage;

import java.time.Instant;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import se.anslag.ports.UploadSlots;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** A clerk's upload slots of an hour: {@code UPLOADS#{clerk}}/{@code {hour}}, one conditional ADD each. */
@Singleton
public final class DynamoUploadSlots implements UploadSlots {
  private final Table table;

  @Inject
  public DynamoUploadSlots(DynamoDbClient dynamoDb, AnslagConfig config) {
    this.table = new Table(dynamoDb, config);
  }

  @Override
  public boolean take(String clerkSubject, String hour, int limit, Instant expiresAt) {
    try {
      table.dynamoDb.updateItem(b -> b.tableName(table.name)
          .key(TableKeys.key(TableKeys.UPLOADS_PREFIX + clerkSubject, hour))
          .updateExpression("ADD taken :one SET expiresAt = :expires")
          .conditionExpression("attribute_not_exists(taken) OR taken < :limit")
          .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
              ":limit", AttributeValue.fromN(Integer.toString(limit)),
              ":expires", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())))));
      return true;
    } catch (ConditionalCheckFailedException allTaken) {
      return false;
    }
  }
}
