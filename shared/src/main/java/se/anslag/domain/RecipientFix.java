package se.anslag.domain;

/**
 * The clerk's fix of a recipient line the directory did not know, carried from the desk to intake
 * on the intake queue: the line's name gets a directory entry of its own ({@code address}) or
 * becomes an alias of a known entry ({@code aliasOf}); exactly one of the two is set.
 *
 * @param name the recipient's name as the minutes print it
 */
public record RecipientFix(String minutesId, String name, String address, String aliasOf, String clerk)
    implements DeskRequest {

  public RecipientFix {
    if ((address == null) == (aliasOf == null)) {
      throw new IllegalArgumentException("A recipient fix gives either an address or a known recipient, not "
          + (address == null ? "neither" : "both"));
    }
  }
}
