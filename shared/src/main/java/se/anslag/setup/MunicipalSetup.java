package se.anslag.setup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import se.anslag.domain.Board;
import se.anslag.domain.RecipientFix;
import se.anslag.domain.RecipientLine;
import se.anslag.format.EditDistance;

/** The municipality's boards, organs and recipient directory, as loaded from the setup file. */
public record MunicipalSetup(List<Board> boards, List<Organ> organs, List<DirectoryEntry> directory) {

  public MunicipalSetup {
    boards = List.copyOf(boards);
    organs = List.copyOf(organs);
    directory = List.copyOf(directory);
  }

  public Optional<Organ> organNamed(String printedName) {
    var wanted = Names.normalize(printedName);
    return organs.stream().filter(organ -> organ.answersTo(wanted)).findFirst();
  }

  /** The known organ whose name is closest to a printed one: for the message when none matches. */
  public Optional<String> closestOrganName(String printedName) {
    var wanted = Names.normalize(printedName);
    return organs.stream()
        .map(Organ::name)
        .min(Comparator.comparingInt(name -> EditDistance.between(Names.normalize(name), wanted)));
  }

  public Optional<Organ> organ(String slug) {
    return organs.stream().filter(organ -> organ.slug().equals(slug)).findFirst();
  }

  public Optional<Board> board(String id) {
    return boards.stream().filter(board -> board.id().equals(id)).findFirst();
  }

  public Resolution resolve(RecipientLine line) {
    return resolveName(line.name());
  }

  /** How a recipient printed under this name is reached. */
  public Resolution resolveName(String printedName) {
    var wanted = Names.normalize(printedName);
    return directory.stream()
        .filter(entry -> entry.answersTo(wanted))
        .findFirst()
        .<Resolution>map(
            entry ->
                entry.caseFile()
                    ? new Resolution.CaseFile(entry.name())
                    : new Resolution.MailTo(entry.name(), entry.addresses()))
        .orElseGet(Resolution.Unknown::new);
  }

  /**
   * The directory entry that makes {@code fix.name()} known: an entry of its own with the address,
   * or the known entry {@code fix.aliasOf()} names with the name added to its aliases.
   *
   * @throws IllegalArgumentException when {@code aliasOf} names no entry
   */
  public DirectoryEntry entryFixing(RecipientFix fix) {
    if (fix.address() != null) {
      return new DirectoryEntry(fix.name().strip(), List.of(), List.of(fix.address()), false);
    }
    var known = directoryEntry(fix.aliasOf())
        .orElseThrow(() -> new IllegalArgumentException("No recipient '" + fix.aliasOf() + "' in the directory"));
    var aliases = new ArrayList<>(known.aliases());
    aliases.add(fix.name().strip());
    return new DirectoryEntry(known.name(), aliases, known.addresses(), known.caseFile());
  }

  /** The entry whose own name (not an alias) is this name, compared as printed names are. */
  public Optional<DirectoryEntry> directoryEntry(String name) {
    var wanted = Names.normalize(name);
    return directory.stream().filter(entry -> Names.normalize(entry.name()).equals(wanted)).findFirst();
  }
}
