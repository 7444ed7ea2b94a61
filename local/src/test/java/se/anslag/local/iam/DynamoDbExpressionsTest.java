package se.anslag.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attribute names IAM's dynamodb:Attributes sees in an expression, worked out by hand. */
class DynamoDbExpressionsTest {

  @Test
  void anUpdateNamesEveryAttributeItSetsAddsOrReads() {
    assertThat(DynamoDbExpressions.topLevelNames(
        "SET #status = :sending, updatedAt = :now, claimedAt = :now,"
            + " #history = list_append(if_not_exists(#history, :noHistory), :entry) ADD attempts :one",
        Map.of("#status", "status", "#history", "history")))
        .containsExactly("status", "updatedAt", "claimedAt", "history", "attempts");
  }

  @Test
  void aConditionNamesWhatItCompares() {
    assertThat(DynamoDbExpressions.topLevelNames("#status = :pending OR (#status = :sending AND claimedAt < :stale)",
        Map.of("#status", "status"))).containsExactly("status", "claimedAt");
    assertThat(DynamoDbExpressions.topLevelNames("attribute_exists(pk) AND NOT contains(#events, :eventKey)",
        Map.of("#events", "deliveryEvents"))).containsExactly("pk", "deliveryEvents");
    assertThat(DynamoDbExpressions.topLevelNames("sk BETWEEN :a AND :b OR #s IN (:x, :y)", Map.of("#s", "status")))
        .containsExactly("sk", "status");
  }

  @Test
  void aDocumentPathNamesItsTopLevelAttributeOnly() {
    assertThat(DynamoDbExpressions.topLevelNames("SET a.b[2].c = :v REMOVE #m.#n, list[0]",
        Map.of("#m", "map", "#n", "inner"))).containsExactly("a", "map", "list");
  }

  @Test
  void aFunctionNameIsNoAttributeButAnAttributeCalledSizeIs() {
    assertThat(DynamoDbExpressions.topLevelNames("size(#l) > :n AND size = :s", Map.of("#l", "lines")))
        .containsExactly("lines", "size");
  }

  @Test
  void keywordsAreCaseInsensitiveAndProjectionsAreLists() {
    assertThat(DynamoDbExpressions.topLevelNames("set x = :v remove y", Map.of())).containsExactly("x", "y");
    assertThat(DynamoDbExpressions.topLevelNames("acceptedMessageId, acceptedAttempt", null))
        .containsExactly("acceptedMessageId", "acceptedAttempt");
    assertThat(DynamoDbExpressions.topLevelNames(null, Map.of())).isEmpty();
  }

  @Test
  void anUndefinedPlaceholderIsRefusedByName() {
    assertThatThrownBy(() -> DynamoDbExpressions.topLevelNames("SET #a = :v", Map.of()))
        .hasMessage("expression 'SET #a = :v' uses #a, which ExpressionAttributeNames does not define");
  }
}
