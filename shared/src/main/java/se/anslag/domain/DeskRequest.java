package se.anslag.domain;

/**
 * What a clerk asks of intake from the desk, carried on the intake queue: the desk writes no
 * record, intake does the work and retries it like an upload.
 */
public sealed interface DeskRequest permits ReviewDecision, RecipientFix, RetryRequest, WithdrawalRequest {
  String minutesId();

  /** The clerk's e-mail address from the verified token, for the log and the record. */
  String clerk();
}
