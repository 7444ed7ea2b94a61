package se.anslag.domain;

/** One queue message: send this paragraph of these minutes to this target. */
public record SendOutMessage(String minutesId, int paragraph, String target) {}
