package se.anslag.storage;

import static se.anslag.storage.TableKeys.SETUP_BOARD_PREFIX;
import static se.anslag.storage.TableKeys.SETUP_ORGAN_PREFIX;
import static se.anslag.storage.TableKeys.SETUP_PK;
import static se.anslag.storage.TableKeys.SETUP_RECIPIENT_PREFIX;

import java.util.ArrayList;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.Board;
import se.anslag.domain.ReviewPolicy;
import se.anslag.domain.TakedownPolicy;
import se.anslag.ports.SetupStore;
import se.anslag.setup.DirectoryEntry;
import se.anslag.setup.MunicipalSetup;
import se.anslag.setup.Names;
import se.anslag.setup.Organ;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The municipality setup in one small partition ({@code SETUP}): a board, organ or directory entry an item. */
@Singleton
public final class DynamoSetupStore implements SetupStore {
  private final Table table;

  @Inject
  public DynamoSetupStore(DynamoDbClient dynamoDb, AnslagConfig config) {
    this.table = new Table(dynamoDb, config);
  }

  @Override
  public void replaceSetup(MunicipalSetup setup) {
    var keep = new ArrayList<Map<String, AttributeValue>>();
    for (var board : setup.boards()) {
      keep.add(Item.create().put("pk", SETUP_PK).put("sk", SETUP_BOARD_PREFIX + board.id())
          .put("id", board.id()).put("name", board.name()).values());
    }
    for (var organ : setup.organs()) {
      keep.add(Item.create().put("pk", SETUP_PK).put("sk", SETUP_ORGAN_PREFIX + organ.slug())
          .put("slug", organ.slug()).put("name", organ.name())
          .putStrings("aliases", organ.aliases()).putStrings("boards", organ.boardIds())
          .put("clerk", organ.clerkAddress()).put("takedownPolicy", organ.takedownPolicy().name())
          .put("publishMinutesDocument", organ.publishMinutesDocument())
          .put("reviewPolicy", organ.reviewPolicy().name()).values());
    }
    for (var entry : setup.directory()) {
      keep.add(directoryItem(entry));
    }
    var keepKeys = keep.stream().map(item -> item.get("sk").s()).collect(Collectors.toSet());
    for (var old : table.queryPartition(SETUP_PK)) {
      if (!keepKeys.contains(old.string("sk"))) {
        table.dynamoDb.deleteItem(b -> b.tableName(table.name).key(TableKeys.key(SETUP_PK, old.string("sk"))));
      }
    }
    for (var item : keep) {
      table.dynamoDb.putItem(b -> b.tableName(table.name).item(item));
    }
  }

  @Override
  public void putDirectoryEntry(DirectoryEntry entry) {
    table.dynamoDb.putItem(b -> b.tableName(table.name).item(directoryItem(entry)));
  }

  private static Map<String, AttributeValue> directoryItem(DirectoryEntry entry) {
    return Item.create().put("pk", SETUP_PK).put("sk", SETUP_RECIPIENT_PREFIX + Names.normalize(entry.name()))
        .put("name", entry.name()).putStrings("aliases", entry.aliases())
        .putStrings("addresses", entry.addresses()).put("caseFile", entry.caseFile()).values();
  }

  @Override
  public MunicipalSetup loadSetup() {
    var boards = new ArrayList<Board>();
    var organs = new ArrayList<Organ>();
    var directory = new ArrayList<DirectoryEntry>();
    for (var item : table.queryPartition(SETUP_PK)) {
      var sk = item.string("sk");
      if (sk.startsWith(SETUP_BOARD_PREFIX)) {
        boards.add(new Board(item.string("id"), item.string("name")));
      } else if (sk.startsWith(SETUP_ORGAN_PREFIX)) {
        organs.add(new Organ(item.string("slug"), item.string("name"), item.strings("aliases"),
            item.strings("boards"), item.string("clerk"),
            TakedownPolicy.valueOf(item.string("takedownPolicy")), item.bool("publishMinutesDocument"),
            // A setup stored before the setting existed takes its default, as a setup file without it does.
            item.string("reviewPolicy") == null ? ReviewPolicy.REQUIRED : ReviewPolicy.valueOf(item.string("reviewPolicy"))));
      } else if (sk.startsWith(SETUP_RECIPIENT_PREFIX)) {
        directory.add(new DirectoryEntry(item.string("name"), item.strings("aliases"),
            item.strings("addresses"), item.bool("caseFile")));
      }
    }
    return new MunicipalSetup(boards, organs, directory);
  }
}
