package se.anslag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.Utf8Entry;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.anslag.domain.Minutes;

/**
 * The layering of the shared module that shared/README.md states, checked over the compiled classes:
 * a package may use the packages of the layers below its own, never one above it or a neighbour in its
 * own layer. Reads every name a class file holds (its constant pool: referenced classes, field and
 * method descriptors, generic signatures), so a type used only in a signature counts too.
 */
class LayeringTest {
  /** Lowest first; the same list as the table in shared/README.md. */
  static final List<Set<String>> LAYERS = List.of(
      Set.of("format", "config"),
      Set.of("domain"),
      Set.of("calendar", "setup", "reader"),
      Set.of("compose", "board"),
      Set.of("ports"),
      Set.of("intake", "sending", "publish", "deliveryevents", "desk", "subscriptions"),
      Set.of("aws"),
      Set.of("storage"),
      Set.of("priming"));

  private static final Pattern PROJECT_PACKAGE = Pattern.compile("se/anslag/([a-z0-9]+)/");

  private static Map<String, Set<String>> usesByClass;

  @BeforeAll
  static void readTheClasses() throws IOException, URISyntaxException {
    var classes = Path.of(Minutes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    usesByClass = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.walk(classes)) {
      files.filter(file -> file.toString().endsWith(".class")).forEach(file -> {
        var name = classes.relativize(file).toString().replace('\\', '/');
        usesByClass.put(name.substring(0, name.length() - ".class".length()), packagesUsedBy(file));
      });
    }
  }

  @Test
  void everyPackageOfTheSharedModuleHasItsLayer() {
    var unplaced = new TreeSet<String>();
    usesByClass.keySet().forEach(name -> {
      var packageName = packageOf(name);
      if (packageName != null && layerOf(packageName) < 0) {
        unplaced.add(packageName);
      }
    });
    assertThat(usesByClass).as("classes read").hasSizeGreaterThan(100);
    assertThat(unplaced).as("packages missing from LAYERS and shared/README.md").isEmpty();
  }

  @Test
  void noPackageUsesOneAboveItOrBesideIt() {
    var violations = new ArrayList<String>();
    usesByClass.forEach((name, uses) -> {
      var own = packageOf(name);
      for (var used : uses) {
        if (!used.equals(own) && layerOf(used) >= layerOf(own)) {
          violations.add(name.replace('/', '.') + " uses " + used
              + (layerOf(used) == layerOf(own) ? " (same layer)" : " (a layer above)"));
        }
      }
    });
    assertThat(violations).isEmpty();
  }

  @Test
  void theCheckSeesAViolation() {
    // The check itself must be able to fail: the adapters sit above the services, which know only ports.
    assertThat(layerOf("storage")).isGreaterThan(layerOf("intake"));
    assertThat(layerOf("board")).isEqualTo(layerOf("compose"));
    assertThat(usesByClass.get("se/anslag/intake/ProtocolIntake")).contains("ports", "domain").doesNotContain("storage");
    assertThat(usesByClass.get("se/anslag/storage/DynamoSendOutStore")).contains("ports");
  }

  private static Set<String> packagesUsedBy(Path classFile) {
    try {
      var model = ClassFile.of().parse(Files.readAllBytes(classFile));
      var packages = new TreeSet<String>();
      for (var entry : model.constantPool()) {
        if (entry instanceof Utf8Entry text) {
          var matcher = PROJECT_PACKAGE.matcher(text.stringValue());
          while (matcher.find()) {
            packages.add(matcher.group(1));
          }
        }
      }
      return packages;
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  /** The package directly under se/anslag, or null for a class in se.anslag itself. */
  private static String packageOf(String className) {
    var matcher = PROJECT_PACKAGE.matcher(className);
    return matcher.lookingAt() ? matcher.group(1) : null;
  }

  private static int layerOf(String packageName) {
    for (int i = 0; i < LAYERS.size(); i++) {
      if (LAYERS.get(i).contains(packageName)) {
        return i;
      }
    }
    return -1;
  }
}
