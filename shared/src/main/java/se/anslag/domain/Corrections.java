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
import se.anslag.domain.Paragraph;
import se.anslag.domain.RecipientLine;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;

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
   * earlier version already reached (or has queued) become UNCHANGED and are not queued; the rest stay as planned.
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
          && earlier != null && reached(earlier.status())) {
        result.add(new SendOut(sendOut.minutesId(), sendOut.paragraph(), sendOut.target(), sendOut.kind(),
            sendOut.recipientNames(), sendOut.qualifier(), SendOutStatus.UNCHANGED, 0, null, now, now,
            unchangedDetail(earlier, earlierVersion)));
      } else {
        result.add(sendOut);
      }
    }
    return result;
  }

  /** Whether the earlier send-out reached its target or will: a failed one is tried again. */
  private static boolean reached(SendOutStatus status) {
    return switch (status) {
      case PENDING, SENDING, SENT, FILED, DELIVERED, BOUNCED, COMPLAINED, UNCHANGED -> true;
      case FAILED, UNRESOLVED, RESOLVED -> false;
    };
  }

  private static String unchangedDetail(SendOut earlier, int earlierVersion) {
    return switch (earlier.status()) {
      // Already unchanged there: keep naming the version that really sent it.
      case UNCHANGED -> earlier.detail();
      case FILED -> "filed with version " + earlierVersion + " on " + earlier.updatedAt();
      case PENDING, SENDING -> "queued with version " + earlierVersion + " on " + earlier.createdAt();
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
