package se.anslag.domain;

/**
 * One line under "Beslut skickas till", split into the recipient's name and its qualifier.
 *
 * @param name the recipient as printed, without the qualifier ("Kommunstyrelsen")
 * @param qualifier "för kännedom", "för åtgärd", "fvb till X", or null when the line has none
 * @param raw the line exactly as the minutes print it
 */
public record RecipientLine(String name, String qualifier, String raw) {

  private static final String FORWARD_PREFIX = "fvb till ";

  /** The body this recipient is to forward the decision to ("fvb till X"), or null. */
  public String forwardTo() {
    return qualifier != null && qualifier.startsWith(FORWARD_PREFIX)
        ? qualifier.substring(FORWARD_PREFIX.length())
        : null;
  }
}
