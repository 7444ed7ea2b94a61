package se.anslag.domain;

import java.time.Instant;

/**
 * One entry of a send-out's history: a status it took, or an event that left the status as it
 * was (a soft bounce SES retries), with the reason.
 *
 * @param status the status the entry stands for
 * @param detail the reason or diagnostic, or null
 */
public record SendOutEvent(Instant at, SendOutStatus status, String detail) {}
