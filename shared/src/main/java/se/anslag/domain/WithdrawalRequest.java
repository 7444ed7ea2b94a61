package se.anslag.domain;

/**
 * The clerk's request to withdraw published minutes whose notice was posted in error.
 *
 * @param reason why, in the clerk's words (at most 500 characters); the boards print it, redacted of
 *     personal identity numbers like every text they print
 */
public record WithdrawalRequest(String minutesId, String reason, String clerk) implements DeskRequest {}
