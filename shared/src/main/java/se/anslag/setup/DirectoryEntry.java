package se.anslag.setup;

import java.util.List;

/**
 * One recipient in the directory.
 *
 * @param addresses the e-mail addresses it reaches; several for a group such as "Samverkande kommuner"
 * @param caseFile true for "Akten" and its synonyms: the extract is filed in the case record, not mailed
 */
public record DirectoryEntry(String name, List<String> aliases, List<String> addresses, boolean caseFile) {

  public DirectoryEntry {
    aliases = List.copyOf(aliases);
    addresses = List.copyOf(addresses);
    if (!caseFile && addresses.isEmpty()) {
      throw new IllegalArgumentException("Recipient '" + name + "' has neither an address nor case filing");
    }
  }

  boolean answersTo(String normalizedName) {
    return Names.normalize(name).equals(normalizedName)
        || aliases.stream().map(Names::normalize).anyMatch(normalizedName::equals);
  }
}
