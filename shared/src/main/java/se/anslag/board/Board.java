package se.anslag.board;

/** One municipality's official notice board (anslagstavla). */
public record Board(String id, String name) {}
