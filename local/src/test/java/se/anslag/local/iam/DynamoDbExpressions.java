package se.anslag.local.iam;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The top-level attribute names a DynamoDB expression (update, condition, key condition, filter or
 * projection) refers to, with {@code #placeholders} replaced from ExpressionAttributeNames: what
 * IAM's {@code dynamodb:Attributes} condition key holds for the expression.
 *
 * <p>A path {@code a.b[2].c} names the top-level attribute {@code a}. Words are attribute names
 * unless they are the expression grammar's keywords or a function name (a word before "("): a
 * bare attribute name can never be a reserved word, DynamoDB refuses those unless aliased.
 */
final class DynamoDbExpressions {

  private static final Set<String> KEYWORDS = Set.of("SET", "REMOVE", "ADD", "DELETE", "AND", "OR", "NOT",
      "BETWEEN", "IN");

  private DynamoDbExpressions() {}

  static Set<String> topLevelNames(String expression, Map<String, String> names) {
    var found = new LinkedHashSet<String>();
    if (expression == null || expression.isBlank()) {
      return found;
    }
    int i = 0;
    boolean afterDot = false;
    while (i < expression.length()) {
      char c = expression.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '#' || c == ':' || isWordStart(c)) {
        int end = i + 1;
        while (end < expression.length() && isWordPart(expression.charAt(end))) {
          end++;
        }
        String token = expression.substring(i, end);
        boolean function = nextSignificant(expression, end) == '(';
        if (c == '#') {
          String name = names == null ? null : names.get(token);
          if (name == null) {
            throw new IllegalArgumentException("expression '" + expression + "' uses " + token
                + ", which ExpressionAttributeNames does not define");
          }
          if (!afterDot) {
            found.add(name);
          }
        } else if (c != ':' && !afterDot && !function && !KEYWORDS.contains(token.toUpperCase(Locale.ROOT))) {
          found.add(token);
        }
        afterDot = false;
        i = end;
        continue;
      }
      if (c == '[') {
        int close = expression.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("expression '" + expression + "' has an unclosed '['");
        }
        i = close + 1;
        afterDot = false;
        continue;
      }
      afterDot = c == '.';
      i++;
    }
    return found;
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static char nextSignificant(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return text.charAt(i);
      }
    }
    return 0;
  }
}
