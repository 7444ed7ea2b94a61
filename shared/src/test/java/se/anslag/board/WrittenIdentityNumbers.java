package se.anslag.board;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hand-written list of personal identity numbers as Swedish documents write them, and of figures that
 * must stay ({@code identity-numbers/written-forms.txt}): the expectations of every redaction test, kept
 * apart from the redactor so that a test never checks the pattern against itself.
 */
public final class WrittenIdentityNumbers {
  public static final String RESOURCE = "/identity-numbers/written-forms.txt";
  private static final Pattern ESCAPE = Pattern.compile("\\\\(n|r|u([0-9A-Fa-f]{4}))");

  /** One case of the list: its line, the text, and the text as it must read after redaction. */
  public record WrittenForm(int line, String text, String redacted) {
    public boolean mustBeRedacted() {
      return !text.equals(redacted);
    }

    /** The numbers as the text writes them: what stands where the redacted text has the replacement. */
    public List<String> numbersAsWritten() {
      var parts = redacted.split(Pattern.quote(PersonalIdentityNumbers.REPLACEMENT), -1);
      var numbers = new ArrayList<String>();
      int at = parts[0].length();
      for (int i = 1; i < parts.length; i++) {
        int next = i == parts.length - 1 ? text.length() - parts[i].length() : text.indexOf(parts[i], at);
        numbers.add(text.substring(at, next));
        at = next + parts[i].length();
      }
      return numbers;
    }

    /** The text as a page prints it: runs of whitespace one space, no space at either end. */
    public String printed() {
      return collapse(redacted);
    }

    @Override
    public String toString() {
      return "line " + line + ": " + text.replace("\n", "\\n");
    }
  }

  private WrittenIdentityNumbers() {}

  public static String collapse(String text) {
    return text.replaceAll("[ \\t\\n\\x0B\\f\\r]+", " ").strip();
  }

  public static List<WrittenForm> all() {
    try (InputStream in = WrittenIdentityNumbers.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the test class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<WrittenForm> mustBeRedacted() {
    return all().stream().filter(WrittenForm::mustBeRedacted).toList();
  }

  public static List<WrittenForm> mustBeKept() {
    return all().stream().filter(form -> !form.mustBeRedacted()).toList();
  }

  static List<WrittenForm> parse(String file) {
    var forms = new ArrayList<WrittenForm>();
    var lines = file.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      var line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      var columns = line.split(" \\| ", -1);
      var verdict = columns[0].strip();
      int number = i + 1;
      switch (verdict) {
        case "redact" -> {
          require(columns.length == 3, number, "redact | text | redacted text");
          var redacted = unescape(columns[2].strip());
          require(!redacted.equals(unescape(columns[1].strip())), number, "a redacted text that differs");
          forms.add(new WrittenForm(number, unescape(columns[1].strip()), redacted));
        }
        case "keep" -> {
          require(columns.length == 2, number, "keep | text");
          var text = unescape(columns[1].strip());
          forms.add(new WrittenForm(number, text, text));
        }
        default -> throw new IllegalStateException(RESOURCE + " line " + number + ": unknown verdict '" + verdict + "'");
      }
    }
    return List.copyOf(forms);
  }

  private static void require(boolean holds, int line, String expected) {
    if (!holds) {
      throw new IllegalStateException(RESOURCE + " line " + line + ": expected " + expected);
    }
  }

  private static String unescape(String text) {
    Matcher escape = ESCAPE.matcher(text);
    var out = new StringBuilder();
    while (escape.find()) {
      var replacement = switch (escape.group(1)) {
        case "n" -> "\n";
        case "r" -> "\r";
        default -> String.valueOf((char) Integer.parseInt(escape.group(2), 16));
      };
      escape.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return escape.appendTail(out).toString();
  }
}
