package se.anslag.domain;

import java.time.Instant;
import java.util.List;

/**
 * One decision (§) to one recipient address, or to the case file, or a recipient line that
 * could not be resolved. Keyed on (minutes, paragraph, target) so that each address gets each
 * decision once even when two printed lines reach it.
 *
 * @param target the e-mail address, {@code case-file}, or {@code unresolved:<printed name>}
 * @param recipientNames the printed names that lead to this target
 * @param qualifier "för kännedom", "för åtgärd", "fvb till X", or null
 */
public record SendOut(
    String minutesId,
    int paragraph,
    String target,
    SendOutKind kind,
    List<String> recipientNames,
    String qualifier,
    SendOutStatus status,
    int attempts,
    String sesMessageId,
    Instant createdAt,
    Instant updatedAt,
    String detail) {

  public static final String CASE_FILE_TARGET = "case-file";

  public SendOut {
    recipientNames = List.copyOf(recipientNames);
  }

  public SendOut withStatus(SendOutStatus newStatus, Instant at, String newDetail, String messageId) {
    return new SendOut(
        minutesId, paragraph, target, kind, recipientNames, qualifier, newStatus, attempts,
        messageId == null ? sesMessageId : messageId, createdAt, at, newDetail);
  }
}
