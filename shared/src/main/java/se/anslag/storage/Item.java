package se.anslag.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Builds and reads DynamoDB items; absent values are left out rather than stored as nulls. */
final class Item {
  private final Map<String, AttributeValue> values;

  private Item(Map<String, AttributeValue> values) {
    this.values = values;
  }

  static Item create() {
    return new Item(new HashMap<>());
  }

  static Item of(Map<String, AttributeValue> values) {
    return new Item(values);
  }

  Map<String, AttributeValue> values() {
    return values;
  }

  Item put(String name, String value) {
    if (value != null) {
      values.put(name, AttributeValue.fromS(value));
    }
    return this;
  }

  Item put(String name, int value) {
    values.put(name, AttributeValue.fromN(Integer.toString(value)));
    return this;
  }

  Item put(String name, boolean value) {
    values.put(name, AttributeValue.fromBool(value));
    return this;
  }

  Item put(String name, LocalDate value) {
    return put(name, value == null ? null : value.toString());
  }

  Item put(String name, Instant value) {
    return put(name, value == null ? null : value.toString());
  }

  Item putStrings(String name, List<String> list) {
    values.put(name, AttributeValue.fromL(list.stream().map(AttributeValue::fromS).toList()));
    return this;
  }

  Item putMaps(String name, List<Map<String, AttributeValue>> list) {
    values.put(name, AttributeValue.fromL(list.stream().map(AttributeValue::fromM).toList()));
    return this;
  }

  String string(String name) {
    var value = values.get(name);
    return value == null ? null : value.s();
  }

  int number(String name) {
    var value = values.get(name);
    return value == null ? 0 : Integer.parseInt(value.n());
  }

  boolean bool(String name) {
    var value = values.get(name);
    return value != null && Boolean.TRUE.equals(value.bool());
  }

  LocalDate date(String name) {
    var value = string(name);
    return value == null ? null : LocalDate.parse(value);
  }

  Instant instant(String name) {
    var value = string(name);
    return value == null ? null : Instant.parse(value);
  }

  List<String> strings(String name) {
    var value = values.get(name);
    return value == null ? List.of() : value.l().stream().map(AttributeValue::s).toList();
  }

  List<Item> maps(String name) {
    var value = values.get(name);
    return value == null ? List.of() : value.l().stream().map(v -> Item.of(v.m())).toList();
  }
}
