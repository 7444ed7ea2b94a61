package se.anslag.domain;

/** The clerk's request to send the FAILED send-outs of published minutes again. */
public record RetryRequest(String minutesId, String clerk) implements DeskRequest {}
