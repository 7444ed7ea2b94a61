package se.anslag.setup;

import java.util.List;
import java.util.Objects;
import se.anslag.domain.ReviewPolicy;
import se.anslag.domain.TakedownPolicy;
import se.anslag.format.Slugs;

/**
 * A municipal organ (nämnd, styrelse, fullmäktige) as the municipality has set it up.
 *
 * @param slug the organ's address segment ("gemensamma-servicenamnden"): lowercase letters, digits and
 *     hyphens only, since it goes into object keys and links as a board id does
 * @param boardIds the notice boards its notices go on: several for a joint committee
 * @param clerkAddress the organ's clerk, who gets receipts and replies to decision mail
 * @param publishMinutesDocument whether the board may link to the minutes document itself
 * @param reviewPolicy whether the clerk reviews the minutes before anything is posted or sent
 */
public record Organ(
    String slug,
    String name,
    List<String> aliases,
    List<String> boardIds,
    String clerkAddress,
    TakedownPolicy takedownPolicy,
    boolean publishMinutesDocument,
    ReviewPolicy reviewPolicy) {

  public Organ {
    Objects.requireNonNull(slug, "slug");
    if (!Slugs.isSlug(slug)) {
      throw new IllegalArgumentException("Organ slug must be a slug (a-z, 0-9, hyphens): " + slug);
    }
    Objects.requireNonNull(reviewPolicy, "reviewPolicy");
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
