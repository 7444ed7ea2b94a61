package se.anslag.domain;

import java.util.Objects;
import se.anslag.format.Slugs;

/**
 * One municipality's official notice board.
 *
 * @param id the board's address segment ("ludvika"): lowercase letters, digits and hyphens only
 * @param name the municipality as shown ("Ludvika kommun")
 */
public record Board(String id, String name) {

  public Board {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    // The id becomes part of every object key and link, so it must already be a slug we could make.
    if (!Slugs.isSlug(id)) {
      throw new IllegalArgumentException("Board id must be a slug (a-z, 0-9, hyphens): " + id);
    }
  }
}
