package se.anslag.domain;

/**
 * Which uploaded minutes are the current version of one organ's meeting: the pointer that a
 * corrected upload moves with a conditional write.
 *
 * @param supersedes the id of the version the current one replaced, or null for version 1
 */
public record MeetingVersion(String organSlug, java.time.LocalDate meetingDate, String currentMinutesId, int version,
    String supersedes) {}
