package se.anslag.cli;

import java.util.Locale;
import picocli.CommandLine.Parameters;
import se.anslag.domain.MinutesRecord;
import se.anslag.ports.MinutesStore;

/** The set of minutes a command is about: by a prefix of its id, or the latest upload. */
final class MinutesChoice {
  @Parameters(index = "0", arity = "0..1", paramLabel = "MINUTES", description = "A prefix of the minutes' id.")
  String idPrefix;

  MinutesRecord pick(MinutesStore minutesStore) {
    var all = minutesStore.listMinutes(); // newest first
    if (all.isEmpty()) {
      throw new AnslagCli.CommandFailure(2, "no minutes have been uploaded yet");
    }
    if (idPrefix == null || idPrefix.isBlank()) {
      return all.getFirst();
    }
    var prefix = idPrefix.strip().toLowerCase(Locale.ROOT);
    var matching = all.stream().filter(m -> m.id().startsWith(prefix)).toList();
    if (matching.isEmpty()) {
      throw new AnslagCli.CommandFailure(2, "no minutes with an id starting with '" + idPrefix + "'");
    }
    if (matching.size() > 1) {
      throw new AnslagCli.CommandFailure(2, "'" + idPrefix + "' starts " + matching.size()
          + " minutes' ids; give more of the id");
    }
    return matching.getFirst();
  }
}
