package se.anslag.setup;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import se.anslag.domain.Board;
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
    var wanted = Names.normalize(line.name());
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
}
