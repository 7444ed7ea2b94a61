package se.anslag.storage;

import static se.anslag.storage.TableKeys.NOTICE_PREFIX;
import static se.anslag.storage.TableKeys.boardIndexPk;
import static se.anslag.storage.TableKeys.minutesPk;
import static se.anslag.storage.TableKeys.noticeSk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.Notice;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.TakedownPolicy;
import se.anslag.ports.NoticeStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** The notices: {@code MINUTES#{id}}/{@code NOTICE#{board}}, each board's listed on {@code gsi1} newest first. */
@Singleton
public final class DynamoNoticeStore implements NoticeStore {
  private final Table table;

  @Inject
  public DynamoNoticeStore(DynamoDbClient dynamoDb, AnslagConfig config) {
    this.table = new Table(dynamoDb, config);
  }

  @Override
  public void putNotice(Notice notice) {
    table.put(Item.create()
        .put("pk", minutesPk(notice.minutesId())).put("sk", noticeSk(notice.boardId())).put("type", "notice")
        .put(TableKeys.INDEX_PK, boardIndexPk(notice.boardId()))
        .put(TableKeys.INDEX_SK, TableKeys.boardIndexSk(notice.postedOnThisBoard(), notice.minutesId()))
        .put("minutesId", notice.minutesId()).put("board", notice.boardId())
        .put("postedOnThisBoard", notice.postedOnThisBoard())
        .put("appealRunsFrom", notice.dates().postedOn()).put("lastAppealDay", notice.dates().lastAppealDay())
        .put("takedownOn", notice.dates().takedownOn()).put("takedownPolicy", notice.policy().name())
        .put("takenDown", notice.takenDown()));
  }

  /** An update of that one attribute, so that the board function needs no wider write permission. */
  @Override
  public void markTakenDown(Notice notice) {
    table.dynamoDb.updateItem(b -> b.tableName(table.name)
        .key(TableKeys.key(minutesPk(notice.minutesId()), noticeSk(notice.boardId())))
        .updateExpression("SET takenDown = :true")
        .conditionExpression("attribute_exists(pk)")
        .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
  }

  @Override
  public List<Notice> noticesOnBoard(String boardId) {
    return table.queryIndex(boardIndexPk(boardId), false).stream().map(DynamoNoticeStore::toNotice).toList();
  }

  @Override
  public List<Notice> notices(String minutesId) {
    return table.queryPrefix(minutesPk(minutesId), NOTICE_PREFIX).stream().map(DynamoNoticeStore::toNotice).toList();
  }

  /** One BatchGetItem per 100 keys, with the unprocessed keys asked again. */
  @Override
  public List<Notice> noticesOn(Map<String, List<String>> boardsByMinutesId) {
    var keys = new ArrayList<Map<String, AttributeValue>>();
    boardsByMinutesId.forEach((minutesId, boards) ->
        boards.forEach(board -> keys.add(TableKeys.key(minutesPk(minutesId), TableKeys.noticeSk(board)))));
    var notices = new ArrayList<Notice>();
    for (int start = 0; start < keys.size(); start += 100) {
      Map<String, KeysAndAttributes> request = Map.of(table.name,
          KeysAndAttributes.builder().keys(keys.subList(start, Math.min(keys.size(), start + 100))).build());
      while (!request.isEmpty()) {
        var current = request;
        var response = table.dynamoDb.batchGetItem(b -> b.requestItems(current));
        response.responses().getOrDefault(table.name, List.of())
            .forEach(item -> notices.add(toNotice(Item.of(item))));
        request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
    }
    return notices;
  }

  private static Notice toNotice(Item item) {
    return new Notice(item.string("minutesId"), item.string("board"), item.date("postedOnThisBoard"),
        new NoticeDates(item.date("appealRunsFrom"), item.date("lastAppealDay"), item.date("takedownOn")),
        TakedownPolicy.valueOf(item.string("takedownPolicy")), item.bool("takenDown"));
  }
}
