package se.anslag.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * One address following one board, or one organ's notices on it, by e-mail (double opt-in).
 *
 * @param id {@link #idOf}: the same address, board and organ always give the same id, so a second
 *     request finds the first; it is what logs and send-outs name instead of the address
 * @param organSlug the organ followed, or null for every notice on the board
 * @param expiresAt while PENDING: when the confirmation link stops working and DynamoDB's TTL may remove
 *     the item; null once CONFIRMED
 * @param unsubscribeToken once CONFIRMED: the token of the unsubscribe link every mail carries; null before
 */
public record Subscription(
    String id,
    String address,
    String boardId,
    String organSlug,
    State state,
    Instant createdAt,
    Instant confirmedAt,
    Instant expiresAt,
    String unsubscribeToken) {

  public enum State { PENDING, CONFIRMED }

  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(boardId, "boardId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A new request: PENDING until the link in the confirmation mail is followed. */
  public static Subscription pending(String address, String boardId, String organSlug, Instant now, Instant expiresAt) {
    var normalized = normalize(address);
    return new Subscription(idOf(normalized, boardId, organSlug), normalized, boardId, organSlug, State.PENDING, now,
        null, expiresAt, null);
  }

  /**
   * Lower case, no surrounding space: one subscription per mailbox whatever the case it was typed in
   * (the local part is case-insensitive at every provider that matters here).
   */
  public static String normalize(String address) {
    return address.strip().toLowerCase(Locale.ROOT);
  }

  /** SHA-256 of the normalized address, the board and the organ: hex, 64 characters. */
  public static String idOf(String address, String boardId, String organSlug) {
    return sha256(normalize(address) + "\n" + boardId + "\n" + (organSlug == null ? "" : organSlug));
  }

  /** A pending request past its expiry is treated as absent, whether or not TTL has removed it yet. */
  public boolean isExpired(Instant now) {
    return state == State.PENDING && (expiresAt == null || !now.isBefore(expiresAt));
  }

  public boolean isConfirmed() {
    return state == State.CONFIRMED;
  }

  /** Whether a notice of this organ on this board is one this subscription follows. */
  public boolean follows(String noticeBoardId, String noticeOrganSlug) {
    return boardId.equals(noticeBoardId) && (organSlug == null || organSlug.equals(noticeOrganSlug));
  }

  public Subscription confirmed(Instant at, String newUnsubscribeToken) {
    return new Subscription(id, address, boardId, organSlug, State.CONFIRMED, createdAt, at, null, newUnsubscribeToken);
  }

  @Override
  public String toString() {
    // Never the address: a record printed in a log line must not carry it.
    return "Subscription[" + id.substring(0, 12) + " " + boardId + (organSlug == null ? "" : "/" + organSlug) + " "
        + state + "]";
  }

  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
