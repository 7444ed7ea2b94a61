package se.anslag.storage;

import java.time.Instant;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import se.anslag.ports.UploadSlots;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
    return table.takeSlot(TableKeys.UPLOADS_PREFIX + clerkSubject, hour, limit, expiresAt);
  }
}
