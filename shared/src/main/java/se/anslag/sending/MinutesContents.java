package se.anslag.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import se.anslag.compose.MailHeaders;
import se.anslag.domain.Corrections;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.Notice;
import se.anslag.domain.Paragraph;
import se.anslag.domain.SendOut;
import se.anslag.ports.MinutesStore;
import se.anslag.ports.NoticeStore;
import se.anslag.ports.SetupStore;
import se.anslag.setup.Organ;

/**
 * What every extract of one set of minutes is composed from, read for the mailer. Minutes are
 * identified by their content, so this changes only with the setup (the clerk's address): it is kept
 * a minute, and a batch of ten send-outs reads the table once instead of four times per send-out.
 */
final class MinutesContents {
  private static final Duration KEPT = Duration.ofMinutes(1);

  /** One set of minutes as the extracts need it. */
  record Contents(MinutesRecord minutes, Map<Integer, Paragraph> paragraphs, Notice notice, Optional<String> clerk,
      Instant loadedAt) {

    Paragraph paragraphOf(SendOut sendOut) {
      var paragraph = paragraphs.get(sendOut.paragraph());
      if (paragraph == null) {
        throw new IllegalStateException("Minutes " + sendOut.minutesId() + " have no § " + sendOut.paragraph());
      }
      return paragraph;
    }
  }

  private final MinutesStore minutesStore;
  private final NoticeStore noticeStore;
  private final SetupStore setupStore;
  private final Clock clock;
  private final Map<String, Contents> recent = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Contents> eldest) {
      return size() > 8;
    }
  };

  MinutesContents(MinutesStore minutesStore, NoticeStore noticeStore, SetupStore setupStore, Clock clock) {
    this.minutesStore = minutesStore;
    this.noticeStore = noticeStore;
    this.setupStore = setupStore;
    this.clock = clock;
  }

  synchronized Contents of(String minutesId) {
    var cached = recent.get(minutesId);
    if (cached != null && cached.loadedAt().plus(KEPT).isAfter(clock.instant())) {
      return cached;
    }
    var minutes = minutesStore.findMinutes(minutesId).orElseThrow();
    var paragraphs = new HashMap<Integer, Paragraph>();
    minutesStore.paragraphs(minutesId).forEach(paragraph -> paragraphs.put(paragraph.number(), paragraph));
    var contents = new Contents(minutes, Map.copyOf(paragraphs), latestNotice(minutesId), clerkOf(minutes),
        clock.instant());
    recent.put(minutesId, contents);
    return contents;
  }

  /** The organ's clerk address, when the setup has a valid one. */
  Optional<String> clerkOf(MinutesRecord minutes) {
    return setupStore.loadSetup().organs().stream()
        .filter(organ -> organ.slug().equals(minutes.organSlug())).findFirst()
        .map(Organ::clerkAddress).filter(MailHeaders::isValidAddress);
  }

  /** A paragraph of a corrected version that is new or differs from the version it supersedes. */
  boolean isCorrection(MinutesRecord minutes, Paragraph paragraph) {
    return minutes.supersedes() != null
        && Corrections.isCorrection(minutesStore.paragraph(minutes.supersedes(), paragraph.number()), paragraph);
  }

  private Notice latestNotice(String minutesId) {
    return noticeStore.notices(minutesId).stream().max(Comparator.comparing(Notice::postedOnThisBoard)).orElseThrow();
  }
}
