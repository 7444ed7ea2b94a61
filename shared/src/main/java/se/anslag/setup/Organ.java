package se.anslag.setup;

import java.util.List;
import se.anslag.domain.TakedownPolicy;

/**
 * A municipal organ (nämnd, styrelse, fullmäktige) as the municipality has set it up.
 *
 * @param boardIds the notice boards its notices go on: several for a joint committee
 * @param clerkAddress the organ's clerk, who gets receipts and replies to decision mail
 * @param publishMinutesDocument whether the board may link to the minutes document itself
 */
public record Organ(
    String slug,
    String name,
    List<String> aliases,
    List<String> boardIds,
    String clerkAddress,
    TakedownPolicy takedownPolicy,
    boolean publishMinutesDocument) {

  public Organ {
    aliases = List.copyOf(aliases);
    boardIds = List.copyOf(boardIds);
  }

  public boolean isJointCommittee() {
    return boardIds.size() > 1;
  }

  boolean answersTo(String normalizedName) {
    return Names.normalize(name).equals(normalizedName)
        || aliases.stream().map(Names::normalize).anyMatch(normalizedName::equals);
  }
}
