package se.anslag.domain;

import java.time.Instant;

/**
 * One action a clerk took on a set of minutes, for the minutes' history on the desk.
 *
 * @param key what makes the entry one: a redelivered request finds it written and adds nothing
 * @param at when the clerk acted (the desk handed the request on), not when intake got to it
 * @param action what the clerk did, in Swedish as the desk shows it ("Publicerade", "Avvisade", ...)
 * @param clerk the clerk's e-mail address from the verified token
 * @param detail what came of it, or null
 */
public record HistoryEntry(String key, Instant at, String action, String clerk, String detail) {
  /** The action of an upload's entry, which intake writes for every version it reads. */
  public static final String UPLOADED = "Laddade upp";

  public boolean isUploadBy(String email) {
    return action.equals(UPLOADED) && clerk != null && clerk.equalsIgnoreCase(email);
  }
}
