package se.anslag.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a corrected upload changes: a paragraph is unchanged when its number, case number, title,
 * decision and text are equal with whitespace normalised. The recipient lines are left out of the
 * text, so that a recipient added to a paragraph gets it without the others getting it again.
 */
public final class Corrections {
  private Corrections() {}

  public static boolean unchanged(Paragraph earlier, Paragraph corrected) {
    return earlier.number() == corrected.number()
        && Objects.equals(normalized(earlier.caseNumber()), normalized(corrected.caseNumber()))
        && Objects.equals(normalized(earlier.title()), normalized(corrected.title()))
        && Objects.equals(normalized(earlier.decision()), normalized(corrected.decision()))
        && Objects.equals(textWithoutRecipients(earlier), textWithoutRecipients(corrected));
  }

  /** True when the paragraph is new in the corrected version or differs from the earlier one. */
  public static boolean isCorrection(Optional<Paragraph> earlier, Paragraph corrected) {
    return earlier.map(e -> !unchanged(e, corrected)).orElse(true);
  }

  /**
   * The send-outs of a corrected version: those of an unchanged paragraph to a target that the
   * earlier version reached become UNCHANGED and are not queued; the rest stay as planned. One whose
   * earlier send-out is still PENDING or SENDING stays PENDING too: the mailer settles it by that
   * send-out's outcome ({@link #carryOver}), so it is neither sent twice nor lost if the earlier one fails.
   *
   * @param earlierSendOuts the send-outs of the version being superseded
   */
  public static List<SendOut> plan(List<SendOut> planned, int earlierVersion, List<Paragraph> earlierParagraphs,
      List<Paragraph> correctedParagraphs, List<SendOut> earlierSendOuts, Instant now) {
    Map<Integer, Paragraph> earlierByNumber = earlierParagraphs.stream()
        .collect(Collectors.toMap(Paragraph::number, Function.identity(), (a, b) -> a));
    var unchangedNumbers = new HashSet<Integer>();
    for (var paragraph : correctedParagraphs) {
      var earlier = earlierByNumber.get(paragraph.number());
      if (earlier != null && unchanged(earlier, paragraph)) {
        unchangedNumbers.add(paragraph.number());
      }
    }
    Map<String, SendOut> earlierByKey = earlierSendOuts.stream()
        .collect(Collectors.toMap(s -> s.paragraph() + " " + s.target(), Function.identity(), (a, b) -> a));
    var result = new ArrayList<SendOut>();
    for (var sendOut : planned) {
      var earlier = earlierByKey.get(sendOut.paragraph() + " " + sendOut.target());
      if (unchangedNumbers.contains(sendOut.paragraph()) && sendOut.kind() != SendOutKind.UNRESOLVED
          && earlier != null && carryOver(earlier.status()) == CarryOver.REACHED) {
        result.add(unchanged(sendOut, earlier, earlierVersion, now));
      } else {
        result.add(sendOut);
      }
    }
    return result;
  }

  /** What the earlier version's send-out to the same target means for an unchanged paragraph's. */
  public enum CarryOver {
    /** It reached its target (or will not be sent again there): the corrected one is UNCHANGED. */
    REACHED,
    /** It is still PENDING or SENDING: wait for its outcome. */
    UNSETTLED,
    /** It failed or never resolved: the corrected one is sent. */
    NOT_REACHED
  }

  public static CarryOver carryOver(SendOutStatus earlier) {
    return switch (earlier) {
      case PENDING, SENDING -> CarryOver.UNSETTLED;
      case SENT, FILED, DELIVERED, BOUNCED, COMPLAINED, UNCHANGED -> CarryOver.REACHED;
      case FAILED, UNRESOLVED, RESOLVED, CANCELLED -> CarryOver.NOT_REACHED; // CANCELLED: by a withdrawal, never sent
    };
  }

  /** The corrected version's send-out, settled UNCHANGED by the earlier one that reached the target. */
  public static SendOut unchanged(SendOut sendOut, SendOut earlier, int earlierVersion, Instant now) {
    return new SendOut(sendOut.minutesId(), sendOut.paragraph(), sendOut.target(), sendOut.kind(),
        sendOut.recipientNames(), sendOut.qualifier(), SendOutStatus.UNCHANGED, sendOut.attempts(), null,
        sendOut.createdAt(), now, unchangedDetail(earlier, earlierVersion));
  }

  private static String unchangedDetail(SendOut earlier, int earlierVersion) {
    return switch (earlier.status()) {
      // Already unchanged there: keep naming the version that really sent it.
      case UNCHANGED -> earlier.detail();
      case FILED -> "filed with version " + earlierVersion + " on " + earlier.updatedAt();
      default -> "sent with version " + earlierVersion + " on " + earlier.updatedAt();
    };
  }

  private static String textWithoutRecipients(Paragraph paragraph) {
    if (paragraph.text() == null) {
      return null;
    }
    var recipientLines = paragraph.recipients().stream().map(RecipientLine::raw).filter(Objects::nonNull)
        .map(Corrections::normalized).collect(Collectors.toSet());
    return paragraph.text().lines().map(Corrections::normalized)
        .filter(line -> !line.isEmpty() && !recipientLines.contains(line))
        .collect(Collectors.joining(" "));
  }

  private static String normalized(String text) {
    return text == null ? null : text.strip().replaceAll("\\s+", " ");
  }
}
