package se.anslag.storage;

import dagger.Binds;
import dagger.Module;
import se.anslag.aws.DynamoDbModule;
import se.anslag.ports.DeliveryEventStore;
import se.anslag.ports.MinutesStore;
import se.anslag.ports.NoticeStore;
import se.anslag.ports.ObjectStore;
import se.anslag.ports.SendOutStore;
import se.anslag.ports.SetupStore;
import se.anslag.ports.SubscriptionStore;
import se.anslag.ports.UploadSlots;
import se.anslag.ports.UploadUrls;

/** The DynamoDB stores behind the store ports and S3 behind the object store, for every function's component. */
@Module(includes = DynamoDbModule.class)
public interface StorageModule {
  @Binds
  MinutesStore minutes(DynamoMinutesStore store);

  @Binds
  NoticeStore notices(DynamoNoticeStore store);

  @Binds
  SendOutStore sendOuts(DynamoSendOutStore store);

  @Binds
  DeliveryEventStore deliveryEvents(DynamoDeliveryEventStore store);

  @Binds
  SetupStore setup(DynamoSetupStore store);

  @Binds
  ObjectStore objects(S3Objects store);

  @Binds
  SubscriptionStore subscriptions(DynamoSubscriptionStore store);

  @Binds
  UploadSlots uploadSlots(DynamoUploadSlots store);

  @Binds
  UploadUrls uploadUrls(S3Objects store);
}
