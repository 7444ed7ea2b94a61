package se.anslag.publish;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.board.BoardNotice;
import se.anslag.board.NoticeKind;
import se.anslag.board.BoardSite;
import se.anslag.board.ParagraphSummary;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.Board;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.SwedishTime;
import se.anslag.ports.MinutesStore;
import se.anslag.ports.NoticeStore;
import se.anslag.ports.ObjectStore;
import se.anslag.ports.SetupStore;
import se.anslag.reader.MinutesReader;
import se.anslag.setup.MunicipalSetup;
import se.anslag.setup.Organ;

/**
 * Renders every board from the stored records into the public site bucket. Runs on each change
 * and daily, so notices go up on their posting date and come down by themselves.
 */
@Singleton
public final class BoardPublisher {
  private static final Logger LOG = Logger.getLogger(BoardPublisher.class.getName());

  private final MinutesStore minutesStore;
  private final NoticeStore noticeStore;
  private final SetupStore setupStore;
  private final ObjectStore objects;
  private final AnslagConfig config;
  private final BoardSite site;
  private final Clock clock;
  private final NoticeMailings mailings;

  @Inject
  public BoardPublisher(MinutesStore minutesStore, NoticeStore noticeStore, SetupStore setupStore, ObjectStore objects,
      AnslagConfig config, BoardSite site, Clock clock, NoticeMailings mailings) {
    this.mailings = mailings;
    this.minutesStore = minutesStore;
    this.noticeStore = noticeStore;
    this.setupStore = setupStore;
    this.objects = objects;
    this.config = config;
    this.site = site;
    this.clock = clock;
  }

  /** How one run went: files written and files that were already up to date. */
  public record PublishResult(LocalDate day, int written, int unchanged, int takenDown, int subscriberMails) {}

  /** A run with nothing named: the nightly one, or one after a change the board index has long had. */
  public PublishResult publish() {
    return publish(List.of());
  }

  /**
   * Renders every board. The notices of {@code minutesIds} (the minutes a refresh request names,
   * just dispatched) are read by key as well: the board index lags the table a little, and the
   * request may come before the index has them.
   */
  public PublishResult publish(Collection<String> minutesIds) {
    var today = SwedishTime.today(clock);
    var named = minutesIds.stream().distinct().flatMap(id -> noticeStore.notices(id).stream()).toList();
    var setup = setupStore.loadSetup();
    var minutesById = new HashMap<String, MinutesRecord>();
    var paragraphsById = new HashMap<String, List<ParagraphSummary>>();
    var noticesByBoard = new LinkedHashMap<String, List<BoardNotice>>();
    var siteEtags = objects.list(config.siteBucket());
    var documents = new HashMap<String, Optional<byte[]>>(); // site key -> bytes to write, empty if already there
    var unpublishable = new HashSet<String>();
    int takenDown = 0;
    for (var board : setup.boards()) {
      var boardNotices = new ArrayList<BoardNotice>();
      for (var notice : withNamed(noticeStore.noticesOnBoard(board.id()), named, board.id())) {
        var minutes = minutesById.computeIfAbsent(notice.minutesId(), id -> minutesStore.findMinutes(id).orElse(null));
        if (minutes == null || (minutes.status() != MinutesStatus.DISPATCHED
            && minutes.status() != MinutesStatus.WITHDRAWN)) {
          continue; // still being recorded; the run after intake finishes shows it
        }
        if (!notice.takenDown() && today.isAfter(notice.dates().lastAppealDay())) {
          // Soft delete: the record stays and says the notice came down.
          noticeStore.markTakenDown(notice);
          takenDown++;
        }
        var paragraphs = paragraphsById.computeIfAbsent(notice.minutesId(), id -> minutesStore.paragraphs(id).stream()
            .map(p -> new ParagraphSummary(p.number(), p.caseNumber(), p.title())).toList());
        var documentKey = documentKey(minutes);
        // A withdrawn notice keeps its record, never the document: the run deletes what it no longer writes.
        boolean allowed = minutes.status() != MinutesStatus.WITHDRAWN && documentAllowed(notice, minutes, setup, today);
        boolean withDocument = allowed && !unpublishable.contains(documentKey)
            && publishable(minutes, documentKey, siteEtags, documents);
        if (allowed && !withDocument) {
          unpublishable.add(documentKey);
        }
        boardNotices.add(toBoardNotice(notice, minutes, paragraphs, setup, board, withDocument ? "/" + documentKey : null));
      }
      noticesByBoard.put(board.id(), boardNotices);
    }
    var files = site.render(setup.boards(), noticesByBoard, today);
    var written = upload(files, documents, siteEtags);
    LOG.info(() -> "Boards rendered for " + today + ": " + written + " files written, "
        + (files.size() - written) + " unchanged");
    // After the upload: a subscriber's link must find the page.
    int subscriberMails = 0;
    for (var board : noticesByBoard.entrySet()) {
      var pages = BoardSite.pagesOnBoard(board.getKey(), board.getValue(), today);
      for (var notice : board.getValue()) {
        var page = pages.get(notice.minutesId());
        if (page != null) {
          subscriberMails += mailings.queue(notice.minutesId(), board.getKey(), notice.organSlug(),
              notice.postedOnThisBoard(), page, today);
        }
      }
    }
    return new PublishResult(today, written, files.size() - written, takenDown, subscriberMails);
  }

  /** The board's notices from the index with the named ones it lacks, in the index's order (newest first). */
  private static List<Notice> withNamed(List<Notice> fromIndex, List<Notice> named, String boardId) {
    var missing = named.stream().filter(n -> n.boardId().equals(boardId))
        .filter(n -> fromIndex.stream().noneMatch(i -> i.minutesId().equals(n.minutesId()))).toList();
    if (missing.isEmpty()) {
      return fromIndex;
    }
    var merged = new ArrayList<>(fromIndex);
    merged.addAll(missing);
    merged.sort(Comparator.comparing((Notice n) -> n.postedOnThisBoard() + "#" + n.minutesId()).reversed());
    return merged;
  }

  /** The document itself is public only where the organ allows it, and only while the notice is up. */
  private static boolean documentAllowed(Notice notice, MinutesRecord minutes, MunicipalSetup setup, LocalDate today) {
    return setup.organs().stream().anyMatch(o -> o.slug().equals(minutes.organSlug()) && o.publishMinutesDocument())
        && notice.dates().isVisibleOn(today) && !today.isBefore(notice.postedOnThisBoard());
  }

  /** True when the site has the document or it reads as intake read it (then it goes into {@code toWrite}). */
  private boolean publishable(MinutesRecord minutes, String key, Map<String, String> siteEtags,
      Map<String, Optional<byte[]>> toWrite) {
    if (toWrite.containsKey(key) || siteEtags.containsKey(key)) {
      toWrite.putIfAbsent(key, Optional.empty()); // checked when it was written; kept, not written again
      return true;
    }
    var content = documentAsRead(minutes);
    content.ifPresent(bytes -> toWrite.put(key, Optional.of(bytes)));
    return content.isPresent();
  }

  /**
   * The uploaded document exactly as intake read it: the version it recorded (for a record without one, from
   * before versions were recorded or from a bucket that keeps none, the current object), and only if its
   * SHA-256 is the minutes id. Anything else is left unpublished with a warning, so the notice goes up without
   * the document rather than with other bytes than were read: an upload overwritten since is never published
   * in their place. The board's redaction of identity numbers does not reach inside the document.
   */
  private Optional<byte[]> documentAsRead(MinutesRecord minutes) {
    var where = minutes.sourceBucket() + "/" + minutes.sourceKey()
        + (minutes.sourceVersionId() == null ? "" : " version " + minutes.sourceVersionId());
    ObjectStore.StoredObject object;
    try {
      object = minutes.sourceVersionId() == null
          ? objects.get(minutes.sourceBucket(), minutes.sourceKey(), MinutesReader.MAX_BYTES)
          : objects.getVersion(minutes.sourceBucket(), minutes.sourceKey(), minutes.sourceVersionId(),
              MinutesReader.MAX_BYTES);
    } catch (ObjectStore.ObjectTooLargeException overwritten) {
      // Intake read at most as much, so these are other bytes than it read
      LOG.warning(() -> "The minutes document of " + minutes.id() + " is not published: " + where + " now holds "
          + overwritten.size() + " bytes, more than intake reads");
      return Optional.empty();
    } catch (ObjectStore.NoSuchObjectException gone) {
      LOG.warning(() -> "The minutes document of " + minutes.id() + " is not published: " + where + " is gone");
      return Optional.empty();
    } catch (ObjectStore.RequestFailure refused) {
      if (refused.isTransient()) {
        throw refused;
      }
      LOG.warning(() -> "The minutes document of " + minutes.id() + " is not published: " + refused.getMessage());
      return Optional.empty();
    }
    var hash = MinutesRecord.idOf(object.content());
    if (!hash.equals(minutes.id())) {
      LOG.warning(() -> "The minutes document of " + minutes.id() + " is not published: " + where
          + " now holds other bytes (SHA-256 " + hash + ") than intake read");
      return Optional.empty();
    }
    return Optional.of(object.content());
  }

  private static BoardNotice toBoardNotice(Notice notice, MinutesRecord minutes, List<ParagraphSummary> paragraphs,
      MunicipalSetup setup, Board board, String documentUrl) {
    var organ = setup.organs().stream().filter(o -> o.slug().equals(minutes.organSlug())).findFirst();
    var cooperating = organ.map(Organ::boardIds).orElse(List.of()).stream()
        .filter(id -> !id.equals(board.id()))
        .map(id -> setup.board(id).map(Board::name).orElse(id))
        .toList();
    return new BoardNotice(minutes.id(), minutes.organ(), minutes.organSlug(), minutes.meetingDate(),
        minutes.adjustedOn(), minutes.storagePlace(), paragraphs, notice.postedOnThisBoard(), notice.dates(),
        notice.policy(), cooperating, documentUrl,
        minutes.status() == MinutesStatus.WITHDRAWN ? minutes.statusDetail() : null, NoticeKind.MINUTES);
  }

  /** Where a published minutes document lives in the site: stable, and unique per upload. */
  static String documentKey(MinutesRecord minutes) {
    var extension = minutes.sourceKey().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf") ? "pdf" : "txt";
    return "protokoll/%s/%s-%s.%s".formatted(minutes.id().substring(0, 16), minutes.organSlug(),
        minutes.meetingDate(), extension);
  }

  /** Writes only files whose bytes changed, so an unchanged board costs reads, not writes. */
  private int upload(Map<String, byte[]> files, Map<String, Optional<byte[]>> documents,
      Map<String, String> existingEtags) {
    int written = 0;
    for (var document : documents.entrySet()) {
      if (document.getValue().isPresent()) {
        objects.put(config.siteBucket(), document.getKey(), document.getValue().get(), contentType(document.getKey()),
            "max-age=300");
        written++;
      }
    }
    for (var file : files.entrySet()) {
      var md5 = md5(file.getValue());
      if (md5.equals(existingEtags.get(file.getKey()))) {
        continue;
      }
      objects.put(config.siteBucket(), file.getKey(), file.getValue(), contentType(file.getKey()), "max-age=300");
      written++;
    }
    // The site bucket holds only what the last run rendered: nothing stale stays public.
    existingEtags.keySet().stream().filter(key -> !files.containsKey(key) && !documents.containsKey(key))
        .forEach(key -> objects.delete(config.siteBucket(), key));
    return written;
  }

  static String contentType(String key) {
    if (key.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (key.endsWith(".atom")) {
      return "application/atom+xml; charset=utf-8";
    }
    if (key.endsWith(".json")) {
      return "application/json; charset=utf-8";
    }
    if (key.endsWith(".pdf")) {
      return "application/pdf";
    }
    if (key.endsWith(".txt")) {
      return "text/plain; charset=utf-8";
    }
    return "application/octet-stream";
  }

  private static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

}
