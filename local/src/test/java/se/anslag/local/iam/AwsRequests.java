package se.anslag.local.iam;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.anslag.local.cloud.Intrinsics;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * What IAM authorises for an AWS request a function sends: the action, the resources and the
 * condition keys. The readings of AWS's documentation this relies on:
 *
 * <ul>
 *   <li>DynamoDB (Developer Guide, "Using IAM policy conditions for fine-grained access
 *       control"): the action is the operation's name and the resource the table, or the index a
 *       Query or Scan names. {@code dynamodb:Attributes} "represents a list of the attribute names
 *       in a request": the names of the Key (or of the Item of a PutItem), and the top-level names
 *       that the update, condition, key condition, filter and projection expressions refer to (the
 *       guide's example allows attributes that "can be read, written, or evaluated in a
 *       conditional write or scan filter", and warns that the key attributes must be listed, since
 *       the request names them), with the legacy AttributesToGet, AttributeUpdates, Expected,
 *       KeyConditions, QueryFilter and ScanFilter. {@code dynamodb:LeadingKeys} is the partition
 *       key value of the item(s) a request names. {@code dynamodb:Select} is the Select of a Query
 *       or Scan (SPECIFIC_ATTRIBUTES with a projection, else ALL_ATTRIBUTES on a table and
 *       ALL_PROJECTED_ATTRIBUTES on an index), {@code dynamodb:ReturnValues} the ReturnValues of a
 *       write (NONE unless given). A batch is authorised once per table it names, as BatchGetItem
 *       or BatchWriteItem.
 *   <li>SQS (Developer Guide, "Amazon SQS API permissions"): the action is the operation's name,
 *       and a batch operation is authorised as its single form (SendMessageBatch as SendMessage);
 *       the resource is the queue the QueueUrl names.
 *   <li>SES API v2: SendEmail with Content.Raw is authorised as {@code ses:SendRawEmail} (AWS's
 *       own refusals of it name that action; django-anymail's documentation of SES v2
 *       records the same), with Simple or Template content as {@code ses:SendEmail}; both on the
 *       sender's identity (FromEmailAddressIdentityArn, else the domain identity of the From
 *       address: the template grants a domain, SenderIdentity) and on the configuration set the
 *       request names.
 *   <li>S3 (User Guide, "Required permissions for Amazon S3 API operations"): GET and HEAD of an
 *       object are {@code s3:GetObject} ({@code s3:GetObjectVersion} with a versionId), PUT is
 *       {@code s3:PutObject} (a copy also reads its source), DELETE is {@code s3:DeleteObject}
 *       ({@code s3:DeleteObjectVersion} with a versionId), on the object's ARN; listing is
 *       {@code s3:ListBucket} on the bucket's ARN, with {@code s3:prefix} when the list has one.
 * </ul>
 *
 * A request of another kind, or with a part these readings do not cover, throws: it is reported,
 * never guessed.
 */
final class AwsRequests {

  /** The key attributes of a table or of one of its indexes. */
  interface KeySchemas {
    /** The partition key's name of the table (index empty) or of the index. */
    Optional<String> partitionKey(String tableName, Optional<String> indexName);
  }

  private static final String REGION = Intrinsics.REGION;
  private static final String ACCOUNT = Intrinsics.ACCOUNT_ID;

  /** The condition keys of each service that these requests carry; others of the service are unmodelled. */
  static Set<String> modelledKeys(String service) {
    return switch (service) {
      case "dynamodb" -> Set.of("dynamodb:Attributes", "dynamodb:LeadingKeys", "dynamodb:Select",
          "dynamodb:ReturnValues");
      case "ses" -> Set.of("ses:FromAddress", "ses:ApiVersion");
      case "s3" -> Set.of("s3:prefix");
      default -> Set.of();
    };
  }

  private AwsRequests() {}

  /** The authorisations of an SDK request; {@code service} and {@code operation} as the SDK names them. */
  static List<IamRequest> ofSdk(String service, String operation, SdkRequest request, KeySchemas keys) {
    return switch (service.toLowerCase(Locale.ROOT)) {
      case "dynamodb" -> dynamoDb(operation, request, keys);
      case "sqs" -> List.of(sqs(operation, request));
      case "sesv2" -> List.of(sesV2(operation, request));
      default -> throw new IllegalArgumentException("no IAM reading of " + service + " requests (" + operation
          + "): add one to AwsRequests");
    };
  }

  // ---------------------------------------------------------------- DynamoDB

  private static List<IamRequest> dynamoDb(String operation, SdkRequest request, KeySchemas keys) {
    return switch (request) {
      case GetItemRequest get -> List.of(item(operation, get.tableName(), get.key(), keys, attributes(
          get.key().keySet(), names(get.projectionExpression(), get.expressionAttributeNames()),
          get.attributesToGet()), Map.of()));
      case PutItemRequest put -> List.of(item(operation, put.tableName(), put.item(), keys, attributes(
          put.item().keySet(), names(put.conditionExpression(), put.expressionAttributeNames()),
          put.expected().keySet()), Map.of("dynamodb:ReturnValues", returnValues(put.returnValuesAsString()))));
      case UpdateItemRequest update -> List.of(item(operation, update.tableName(), update.key(), keys, attributes(
          update.key().keySet(), names(update.updateExpression(), update.expressionAttributeNames()),
          names(update.conditionExpression(), update.expressionAttributeNames()),
          update.attributeUpdates().keySet(), update.expected().keySet()),
          Map.of("dynamodb:ReturnValues", returnValues(update.returnValuesAsString()))));
      case DeleteItemRequest delete -> List.of(item(operation, delete.tableName(), delete.key(), keys, attributes(
          delete.key().keySet(), names(delete.conditionExpression(), delete.expressionAttributeNames()),
          delete.expected().keySet()), Map.of("dynamodb:ReturnValues", returnValues(delete.returnValuesAsString()))));
      case QueryRequest query -> List.of(query(operation, query, keys));
      case ScanRequest scan -> List.of(new IamRequest(operation, "dynamodb:Scan",
          List.of(tableArn(scan.tableName(), Optional.ofNullable(scan.indexName()))), conditionKeys(
              "dynamodb:Attributes", attributes(names(scan.filterExpression(), scan.expressionAttributeNames()),
                  names(scan.projectionExpression(), scan.expressionAttributeNames()), scan.attributesToGet(),
                  scan.scanFilter().keySet()),
              "dynamodb:Select", List.of(select(scan.selectAsString(), scan.projectionExpression(),
                  scan.indexName())))));
      case BatchGetItemRequest batch -> {
        List<IamRequest> perTable = new ArrayList<>();
        batch.requestItems().forEach((table, keysAndAttributes) -> {
          Set<String> names = new LinkedHashSet<>(keysAndAttributes.attributesToGet());
          names.addAll(names(keysAndAttributes.projectionExpression(), keysAndAttributes.expressionAttributeNames()));
          List<String> leading = new ArrayList<>();
          keysAndAttributes.keys().forEach(key -> {
            names.addAll(key.keySet());
            partitionValue(table, key, keys).ifPresent(leading::add);
          });
          perTable.add(new IamRequest(operation, "dynamodb:BatchGetItem", List.of(tableArn(table, Optional.empty())),
              conditionKeys("dynamodb:Attributes", List.copyOf(names), "dynamodb:LeadingKeys", leading)));
        });
        yield perTable;
      }
      case BatchWriteItemRequest batch -> {
        List<IamRequest> perTable = new ArrayList<>();
        batch.requestItems().forEach((table, writes) -> {
          Set<String> names = new LinkedHashSet<>();
          List<String> leading = new ArrayList<>();
          for (WriteRequest write : writes) {
            var item = write.putRequest() != null ? write.putRequest().item() : write.deleteRequest().key();
            names.addAll(item.keySet());
            partitionValue(table, item, keys).ifPresent(leading::add);
          }
          perTable.add(new IamRequest(operation, "dynamodb:BatchWriteItem", List.of(tableArn(table, Optional.empty())),
              conditionKeys("dynamodb:Attributes", List.copyOf(names), "dynamodb:LeadingKeys", leading)));
        });
        yield perTable;
      }
      default -> {
        if (operation.startsWith("Transact") || operation.equals("ExecuteStatement")
            || operation.equals("BatchExecuteStatement") || operation.equals("ExecuteTransaction")) {
          throw new IllegalArgumentException("no IAM reading of DynamoDB " + operation + ": add one to AwsRequests");
        }
        var table = request.getValueForField("TableName", String.class);
        yield List.of(new IamRequest(operation, "dynamodb:" + operation,
            List.of(table.map(t -> tableArn(t, Optional.empty())).orElse("*")), Map.of()));
      }
    };
  }

  private static IamRequest item(String operation, String table, Map<String, AttributeValue> key, KeySchemas keys,
      List<String> attributes, Map<String, String> more) {
    Map<String, List<String>> context = new LinkedHashMap<>();
    context.put("dynamodb:Attributes", attributes);
    partitionValue(table, key, keys).ifPresent(value -> context.put("dynamodb:LeadingKeys", List.of(value)));
    more.forEach((name, value) -> context.put(name, List.of(value)));
    return new IamRequest(operation, "dynamodb:" + operation, List.of(tableArn(table, Optional.empty())), context);
  }

  private static IamRequest query(String operation, QueryRequest query, KeySchemas keys) {
    var index = Optional.ofNullable(query.indexName());
    var names = query.expressionAttributeNames();
    Map<String, List<String>> context = new LinkedHashMap<>();
    context.put("dynamodb:Attributes", attributes(names(query.keyConditionExpression(), names),
        names(query.filterExpression(), names), names(query.projectionExpression(), names), query.attributesToGet(),
        query.keyConditions().keySet(), query.queryFilter().keySet()));
    var partitionKey = keys.partitionKey(query.tableName(), index).orElseThrow(() -> new IllegalArgumentException(
        "Query on " + query.tableName() + index.map(i -> " index " + i).orElse("") + ": no such table in the template"));
    leadingKeyOfQuery(query, partitionKey).ifPresent(value -> context.put("dynamodb:LeadingKeys", List.of(value)));
    context.put("dynamodb:Select", List.of(select(query.selectAsString(), query.projectionExpression(),
        query.indexName())));
    return new IamRequest(operation, "dynamodb:Query", List.of(tableArn(query.tableName(), index)), context);
  }

  private static Optional<String> leadingKeyOfQuery(QueryRequest query, String partitionKey) {
    if (query.keyConditions().containsKey(partitionKey)) {
      return query.keyConditions().get(partitionKey).attributeValueList().stream().findFirst()
          .map(AwsRequests::text);
    }
    String expression = query.keyConditionExpression();
    if (expression == null) {
      return Optional.empty();
    }
    for (var alias : query.expressionAttributeNames().entrySet()) {
      expression = expression.replace(alias.getKey(), alias.getValue());
    }
    String name = Pattern.quote(partitionKey);
    Matcher matcher = Pattern.compile("(?<![\\w.#])" + name + "\\s*=\\s*(:\\w+)|(:\\w+)\\s*=\\s*" + name + "(?![\\w.])")
        .matcher(expression);
    if (!matcher.find()) {
      return Optional.empty();
    }
    String placeholder = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    return Optional.ofNullable(query.expressionAttributeValues().get(placeholder)).map(AwsRequests::text);
  }

  private static Optional<String> partitionValue(String table, Map<String, AttributeValue> item, KeySchemas keys) {
    String partitionKey = keys.partitionKey(table, Optional.empty()).orElseThrow(() -> new IllegalArgumentException(
        "table " + table + " is not in the template"));
    return Optional.ofNullable(item.get(partitionKey)).map(AwsRequests::text);
  }

  private static String text(AttributeValue value) {
    if (value.s() != null) {
      return value.s();
    }
    if (value.n() != null) {
      return value.n();
    }
    if (value.b() != null) {
      return Base64.getEncoder().encodeToString(value.b().asByteArray());
    }
    throw new IllegalArgumentException("a key value that is not a string, number or binary: " + value);
  }

  private static Set<String> names(String expression, Map<String, String> aliases) {
    return DynamoDbExpressions.topLevelNames(expression, aliases);
  }

  @SafeVarargs
  private static List<String> attributes(Collection<String>... parts) {
    Set<String> all = new LinkedHashSet<>();
    for (Collection<String> part : parts) {
      all.addAll(part);
    }
    return List.copyOf(all);
  }

  private static String select(String given, String projection, String index) {
    if (given != null) {
      return given;
    }
    if (projection != null) {
      return "SPECIFIC_ATTRIBUTES";
    }
    return index == null ? "ALL_ATTRIBUTES" : "ALL_PROJECTED_ATTRIBUTES";
  }

  private static String returnValues(String given) {
    return given == null ? "NONE" : given;
  }

  static String tableArn(String table, Optional<String> index) {
    return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + table + index.map(i -> "/index/" + i).orElse("");
  }

  // ---------------------------------------------------------------- SQS

  private static IamRequest sqs(String operation, SdkRequest request) {
    String action = "sqs:" + switch (operation) {
      case "SendMessageBatch" -> "SendMessage";
      case "DeleteMessageBatch" -> "DeleteMessage";
      case "ChangeMessageVisibilityBatch" -> "ChangeMessageVisibility";
      default -> operation;
    };
    var queueUrl = request.getValueForField("QueueUrl", String.class);
    String resource;
    if (queueUrl.isPresent()) {
      String[] path = URI.create(queueUrl.get()).getPath().replaceFirst("^/", "").split("/");
      if (path.length != 2) {
        throw new IllegalArgumentException("a queue URL that is not .../<account>/<name>: " + queueUrl.get());
      }
      resource = "arn:aws:sqs:" + REGION + ":" + path[0] + ":" + path[1];
    } else if (operation.equals("GetQueueUrl")) {
      resource = "arn:aws:sqs:" + REGION + ":"
          + request.getValueForField("QueueOwnerAWSAccountId", String.class).orElse(ACCOUNT) + ":"
          + request.getValueForField("QueueName", String.class).orElseThrow();
    } else {
      resource = "*";
    }
    return new IamRequest(operation, action, List.of(resource), Map.of());
  }

  // ---------------------------------------------------------------- SES v2

  private static IamRequest sesV2(String operation, SdkRequest request) {
    if (!(request instanceof SendEmailRequest send)) {
      return new IamRequest(operation, "ses:" + operation, List.of("*"), Map.of("ses:ApiVersion", List.of("2")));
    }
    if (send.content() == null || send.content().raw() == null && send.content().simple() == null
        && send.content().template() == null) {
      throw new IllegalArgumentException("SendEmail without content");
    }
    String action = send.content().raw() != null ? "ses:SendRawEmail" : "ses:SendEmail";
    String from = send.fromEmailAddress();
    List<String> resources = new ArrayList<>();
    if (send.fromEmailAddressIdentityArn() != null) {
      resources.add(send.fromEmailAddressIdentityArn());
    } else if (from != null) {
      resources.add("arn:aws:ses:" + REGION + ":" + ACCOUNT + ":identity/" + domainOf(from));
    } else {
      throw new IllegalArgumentException("SendEmail without FromEmailAddress: the identity it is checked on is not"
          + " read from the raw mail here");
    }
    if (send.configurationSetName() != null) {
      resources.add("arn:aws:ses:" + REGION + ":" + ACCOUNT + ":configuration-set/" + send.configurationSetName());
    }
    Map<String, List<String>> context = new LinkedHashMap<>();
    context.put("ses:ApiVersion", List.of("2"));
    if (from != null) {
      context.put("ses:FromAddress", List.of(from));
    }
    return new IamRequest(operation, action, resources, context);
  }

  private static String domainOf(String address) {
    String bare = address.contains("<") ? address.substring(address.indexOf('<') + 1, address.indexOf('>')) : address;
    return bare.substring(bare.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  // ---------------------------------------------------------------- S3

  /**
   * The authorisations of an S3 request sent as plain signed HTTP (shared/.../storage/S3Objects):
   * path-style ({@code /bucket/key}, the local endpoint) or virtual-hosted ({@code bucket.s3.<region>...}).
   */
  static List<IamRequest> s3(String method, URI uri, Map<String, List<String>> headers) {
    String host = uri.getHost();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String bucket;
    String key;
    if (host != null && host.contains(".s3.")) {
      bucket = host.substring(0, host.indexOf(".s3."));
      key = path.replaceFirst("^/", "");
    } else {
      String rest = path.replaceFirst("^/", "");
      int slash = rest.indexOf('/');
      bucket = slash < 0 ? rest : rest.substring(0, slash);
      key = slash < 0 ? "" : rest.substring(slash + 1);
    }
    key = decodePath(key);
    Map<String, String> query = query(uri.getRawQuery());
    // A presigned request's signature is in its query string: authentication, not a subresource.
    query.keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).startsWith("x-amz-"));
    String operation = "S3 " + method + (query.isEmpty() ? "" : " ?" + String.join("&", query.keySet()));
    String bucketArn = "arn:aws:s3:::" + bucket;
    if (key.isEmpty()) {
      Set<String> listing = Set.of("list-type", "continuation-token", "prefix", "delimiter", "max-keys",
          "start-after", "encoding-type", "fetch-owner", "marker");
      if ((method.equals("GET") || method.equals("HEAD")) && listing.containsAll(query.keySet())) {
        return List.of(new IamRequest(operation, "s3:ListBucket", List.of(bucketArn),
            query.containsKey("prefix") ? Map.of("s3:prefix", List.of(query.get("prefix"))) : Map.of()));
      }
      throw new IllegalArgumentException("no IAM reading of the bucket request " + operation + ": add one to AwsRequests");
    }
    String objectArn = bucketArn + "/" + key;
    boolean versioned = query.containsKey("versionId");
    Set<String> allowedQuery = versioned ? Set.of("versionId") : Set.of();
    if (!allowedQuery.containsAll(query.keySet())) {
      throw new IllegalArgumentException("no IAM reading of the object request " + operation + ": add one to AwsRequests");
    }
    return switch (method) {
      case "GET", "HEAD" -> List.of(new IamRequest(operation, versioned ? "s3:GetObjectVersion" : "s3:GetObject",
          List.of(objectArn), Map.of()));
      case "PUT" -> {
        List<IamRequest> requests = new ArrayList<>();
        requests.add(new IamRequest(operation, "s3:PutObject", List.of(objectArn), Map.of()));
        header(headers, "x-amz-copy-source").ifPresent(source -> {
          String decoded = decodePath(source.replaceFirst("^/", ""));
          boolean sourceVersion = decoded.contains("?versionId=");
          requests.add(new IamRequest(operation + " (copy source)",
              sourceVersion ? "s3:GetObjectVersion" : "s3:GetObject",
              List.of("arn:aws:s3:::" + decoded.replaceFirst("\\?versionId=.*$", "")), Map.of()));
        });
        yield requests;
      }
      case "DELETE" -> List.of(new IamRequest(operation, versioned ? "s3:DeleteObjectVersion" : "s3:DeleteObject",
          List.of(objectArn), Map.of()));
      default -> throw new IllegalArgumentException("no IAM reading of the object request " + operation
          + ": add one to AwsRequests");
    };
  }

  static Optional<String> header(Map<String, List<String>> headers, String name) {
    for (var entry : headers.entrySet()) {
      if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
        return Optional.of(entry.getValue().getFirst());
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.put(name, value);
    }
    return parameters;
  }

  /** Percent-decoding of a path, where '+' is a plus sign (unlike a query or a form). */
  private static String decodePath(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The keys every request of a function carries on AWS: it reaches AWS over TLS, in its region and account. */
  static Map<String, List<String>> withGlobalKeys(Map<String, List<String>> context) {
    Map<String, List<String>> all = new LinkedHashMap<>(context);
    all.put("aws:SecureTransport", List.of("true"));
    all.put("aws:RequestedRegion", List.of(REGION));
    all.put("aws:PrincipalAccount", List.of(ACCOUNT));
    return all;
  }

  /** Condition keys and their values, leaving out a key without values (as a request without it). */
  private static Map<String, List<String>> conditionKeys(String key, List<String> values, String otherKey,
      List<String> otherValues) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    keys.put(key, values);
    if (!otherValues.isEmpty()) {
      keys.put(otherKey, otherValues);
    }
    return keys;
  }
}
