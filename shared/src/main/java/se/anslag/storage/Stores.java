package se.anslag.storage;

import se.anslag.config.AnslagConfig;
import se.anslag.ports.DeliveryEventStore;
import se.anslag.ports.MinutesStore;
import se.anslag.ports.NoticeStore;
import se.anslag.ports.SendOutStore;
import se.anslag.ports.SetupStore;
import se.anslag.ports.SubscriptionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every store over one table, for the code that builds them by hand: the command line and the local
 * mode. The functions get the same stores from their Dagger component ({@link StorageModule}).
 */
public record Stores(MinutesStore minutes, NoticeStore notices, SendOutStore sendOuts,
    DeliveryEventStore deliveryEvents, SetupStore setup, SubscriptionStore subscriptions) {

  /** The stores of the table the configuration names (TABLE_NAME). */
  public static Stores on(DynamoDbClient dynamoDb, AnslagConfig config) {
    return new Stores(new DynamoMinutesStore(dynamoDb, config), new DynamoNoticeStore(dynamoDb, config),
        new DynamoSendOutStore(dynamoDb, config), new DynamoDeliveryEventStore(dynamoDb, config),
        new DynamoSetupStore(dynamoDb, config), new DynamoSubscriptionStore(dynamoDb, config));
  }
}
