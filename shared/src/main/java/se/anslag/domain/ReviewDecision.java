package se.anslag.domain;

import java.time.LocalDate;

/**
 * The clerk's decision on minutes awaiting review, carried from the desk to intake on the intake
 * queue: intake then publishes them exactly as an upload without review, or records the rejection.
 *
 * @param postedOn the posting date the clerk picked (today or later), or null for the upload's or today
 * @param reason why the clerk rejected them; null for a publication
 * @param clerk the clerk's e-mail address from the verified token, for the log and the record
 */
public record ReviewDecision(String minutesId, Action action, LocalDate postedOn, String reason, String clerk)
    implements DeskRequest {

  public enum Action { PUBLISH, REJECT }
}
