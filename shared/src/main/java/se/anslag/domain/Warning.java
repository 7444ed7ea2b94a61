package se.anslag.domain;

/** Something the clerk should know about the minutes; it never stops the workflow. */
public record Warning(String code, String message) {}
