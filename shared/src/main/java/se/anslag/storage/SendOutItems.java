package se.anslag.storage;

import static se.anslag.storage.TableKeys.minutesPk;
import static se.anslag.storage.TableKeys.sendOutSk;

import java.util.List;
import java.util.Map;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutEvent;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A send-out as an item, and its history entries: shared by the send-out and delivery-event stores. */
final class SendOutItems {
  /** The table's TTL attribute (template.yaml, {@code TimeToLiveSpecification}). */
  static final String EXPIRES_AT = "expiresAt";

  private SendOutItems() {}

  static Map<String, AttributeValue> key(SendOut sendOut) {
    return key(sendOut.minutesId(), sendOut.paragraph(), sendOut.target());
  }

  static Map<String, AttributeValue> key(String minutesId, int paragraph, String target) {
    return TableKeys.key(minutesPk(minutesId), sendOutSk(paragraph, target));
  }

  static Item toItem(SendOut sendOut) {
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
      item.put(TableKeys.INDEX_PK, TableKeys.sesMessageIndexPk(sendOut.sesMessageId()))
          .put(TableKeys.INDEX_SK, TableKeys.SES_MESSAGE_INDEX_SK);
    }
    // Only subscriber mails expire; TTL reads epoch seconds. An update writes the same value again.
    sendOut.expiresAt().ifPresent(at ->
        item.values().put(EXPIRES_AT, AttributeValue.fromN(Long.toString(at.getEpochSecond()))));
    return item;
  }

  static SendOut toSendOut(Item item) {
    return new SendOut(item.string("minutesId"), item.number("paragraph"), item.string("target"),
        SendOutKind.valueOf(item.string("kind")), item.strings("recipientNames"), item.string("qualifier"),
        SendOutStatus.valueOf(item.string("status")), item.number("attempts"), item.string("sesMessageId"),
        item.instant("createdAt"), item.instant("updatedAt"), item.string("detail"));
  }

  static Map<String, AttributeValue> historyEntry(SendOutEvent event) {
    return Item.create().put("at", event.at()).put("status", event.status().name())
        .put("detail", event.detail()).values();
  }

  /** A one-entry list to append to {@code history}. */
  static AttributeValue historyAppend(SendOutEvent event) {
    return AttributeValue.fromL(List.of(AttributeValue.fromM(historyEntry(event))));
  }
}
