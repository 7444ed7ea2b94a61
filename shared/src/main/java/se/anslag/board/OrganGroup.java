package se.anslag.board;

/**
 * An organ as the board's filter shows it.
 *
 * @param slug the organ's address segment
 * @param name the name shown (from the newest posted notice, when spellings differ)
 * @param currentCount how many of its notices are on the board today
 */
public record OrganGroup(String slug, String name, int currentCount) {}
