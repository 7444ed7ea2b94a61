package se.anslag.ports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import se.anslag.domain.HistoryEntry;
import se.anslag.domain.MeetingVersion;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.Notice;
import se.anslag.domain.Paragraph;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutEvent;
import se.anslag.domain.SendOutStatus;
import se.anslag.setup.DirectoryEntry;
import se.anslag.setup.MunicipalSetup;
import se.anslag.setup.Names;

/**
 * Every store port in memory, for unit tests of the services: the same invariants as the DynamoDB
 * stores (a send-out created once, claimed by one caller at a time unless the claim is stale, counted
 * as settled once, an event recorded once, a status replaced only from the given ones, the meeting
 * pointer switched only from the expected version), the same orders (send-outs by paragraph and
 * target, minutes and notices newest first), none of their I/O. Thread-safe, as the mailer works on
 * several threads.
 */
public final class InMemoryRecords implements MinutesStore, NoticeStore, SendOutStore, DeliveryEventStore,
    SetupStore {

  /** A send-out with what its item carries besides the record. */
  private static final class StoredSendOut {
    SendOut sendOut;
    Instant claimedAt;
    final List<SendOutEvent> history = new ArrayList<>();
    final Set<String> eventKeys = new HashSet<>();
    Acceptance acceptance;

    StoredSendOut(SendOut sendOut) {
      this.sendOut = sendOut;
    }
  }

  private final Map<String, MinutesRecord> minutes = new TreeMap<>();
  private final Map<String, Map<Integer, Paragraph>> paragraphs = new TreeMap<>();
  private final Map<String, MeetingVersion> meetings = new TreeMap<>();
  private final Map<String, Map<String, Notice>> notices = new TreeMap<>();
  private final Map<String, TreeMap<String, StoredSendOut>> sendOuts = new TreeMap<>();
  private final Map<String, Integer> expectedSettlements = new TreeMap<>();
  private final Map<String, Set<String>> settledKeys = new TreeMap<>();
  private MunicipalSetup setup = new MunicipalSetup(List.of(), List.of(), List.of());
  /** Notices the board index does not have yet, while it lags (see {@link #holdBoardIndex}). */
  private Set<String> notYetOnTheBoardIndex;

  // ---- setup

  @Override
  public synchronized void replaceSetup(MunicipalSetup newSetup) {
    setup = newSetup;
  }

  @Override
  public synchronized MunicipalSetup loadSetup() {
    return setup;
  }

  private final Map<String, List<HistoryEntry>> history = new TreeMap<>();

  @Override
  public synchronized void addHistory(String minutesId, HistoryEntry entry) {
    var entries = history.computeIfAbsent(minutesId, id -> new ArrayList<>());
    if (entries.stream().noneMatch(known -> known.key().equals(entry.key()))) {
      entries.add(entry);
      entries.sort(Comparator.comparing(HistoryEntry::at));
    }
  }

  @Override
  public synchronized List<HistoryEntry> history(String minutesId) {
    return List.copyOf(history.getOrDefault(minutesId, List.of()));
  }

  @Override
  public synchronized void putDirectoryEntry(DirectoryEntry entry) {
    var directory = new ArrayList<>(setup.directory().stream()
        .filter(known -> !Names.normalize(known.name()).equals(Names.normalize(entry.name()))).toList());
    directory.add(entry);
    setup = new MunicipalSetup(setup.boards(), setup.organs(), directory);
  }

  // ---- minutes

  @Override
  public synchronized Optional<MinutesRecord> findMinutes(String minutesId) {
    return Optional.ofNullable(minutes.get(minutesId));
  }

  @Override
  public synchronized void putMinutes(MinutesRecord record) {
    minutes.put(record.id(), record);
  }

  @Override
  public synchronized List<MinutesRecord> listMinutes() {
    return minutes.values().stream()
        .sorted(Comparator.comparing((MinutesRecord m) -> m.receivedAt() + "#" + m.id()).reversed()).toList();
  }

  @Override
  public synchronized MinutesPage minutesOfOrgans(java.util.Collection<String> organSlugs, String before, int limit) {
    var listed = listMinutes().stream()
        .filter(m -> m.organSlug() != null && organSlugs.contains(m.organSlug()))
        .filter(m -> before == null || (m.receivedAt() + "#" + m.id()).compareTo(before) < 0)
        .limit(limit)
        .map(m -> new ListedMinutes(m, settledKeys.getOrDefault(m.id(), Set.of()).size(),
            expectedSettlements.getOrDefault(m.id(), 0)))
        .toList();
    var last = listed.isEmpty() ? null : listed.getLast().minutes();
    return new MinutesPage(listed, listed.size() == limit ? last.receivedAt() + "#" + last.id() : null);
  }

  @Override
  public synchronized void putParagraph(String minutesId, Paragraph paragraph) {
    paragraphs.computeIfAbsent(minutesId, id -> new TreeMap<>()).put(paragraph.number(), paragraph);
  }

  @Override
  public synchronized List<Paragraph> paragraphs(String minutesId) {
    return List.copyOf(paragraphs.getOrDefault(minutesId, Map.of()).values());
  }

  @Override
  public synchronized Optional<Paragraph> paragraph(String minutesId, int number) {
    return Optional.ofNullable(paragraphs.getOrDefault(minutesId, Map.of()).get(number));
  }

  @Override
  public synchronized Optional<MeetingVersion> currentVersion(String organSlug, LocalDate meetingDate) {
    return Optional.ofNullable(meetings.get(organSlug + "#" + meetingDate));
  }

  @Override
  public synchronized boolean switchCurrentVersion(MeetingVersion next, String expectedCurrentId) {
    var key = next.organSlug() + "#" + next.meetingDate();
    var current = meetings.get(key);
    var allowed = current == null
        ? expectedCurrentId == null
        : current.currentMinutesId().equals(next.currentMinutesId())
            || current.currentMinutesId().equals(expectedCurrentId);
    if (allowed) {
      meetings.put(key, next);
    }
    return allowed;
  }

  // ---- notices

  @Override
  public synchronized void putNotice(Notice notice) {
    notices.computeIfAbsent(notice.minutesId(), id -> new TreeMap<>()).put(notice.boardId(), notice);
    if (notYetOnTheBoardIndex != null) {
      notYetOnTheBoardIndex.add(notice.minutesId() + "#" + notice.boardId());
    }
  }

  /**
   * From now on, notices written are missing from {@link #noticesOnBoard} until
   * {@link #catchUpBoardIndex}: DynamoDB's global secondary index lags its table so.
   */
  public synchronized void holdBoardIndex() {
    notYetOnTheBoardIndex = new HashSet<>();
  }

  public synchronized void catchUpBoardIndex() {
    notYetOnTheBoardIndex = null;
  }

  @Override
  public synchronized void markTakenDown(Notice notice) {
    var ofMinutes = notices.get(notice.minutesId());
    var stored = ofMinutes == null ? null : ofMinutes.get(notice.boardId());
    if (stored == null) {
      throw new IllegalStateException("No notice of " + notice.minutesId() + " on " + notice.boardId());
    }
    ofMinutes.put(notice.boardId(), new Notice(stored.minutesId(), stored.boardId(), stored.postedOnThisBoard(),
        stored.dates(), stored.policy(), true));
  }

  @Override
  public synchronized List<Notice> noticesOnBoard(String boardId) {
    return notices.values().stream().flatMap(byBoard -> byBoard.values().stream())
        .filter(notice -> notice.boardId().equals(boardId))
        .filter(notice -> notYetOnTheBoardIndex == null
            || !notYetOnTheBoardIndex.contains(notice.minutesId() + "#" + notice.boardId()))
        .sorted(Comparator.comparing((Notice n) -> n.postedOnThisBoard() + "#" + n.minutesId()).reversed())
        .toList();
  }

  @Override
  public synchronized List<Notice> notices(String minutesId) {
    return List.copyOf(notices.getOrDefault(minutesId, Map.of()).values());
  }

  @Override
  public synchronized List<Notice> noticesOn(Map<String, List<String>> boardsByMinutesId) {
    var found = new java.util.ArrayList<Notice>();
    boardsByMinutesId.forEach((minutesId, boards) -> boards.forEach(board ->
        java.util.Optional.ofNullable(notices.getOrDefault(minutesId, Map.of()).get(board)).ifPresent(found::add)));
    return found;
  }

  // ---- send-outs

  private static String sortKey(int paragraph, String target) {
    return "%03d#%s".formatted(paragraph, target);
  }

  private StoredSendOut stored(String minutesId, int paragraph, String target) {
    var ofMinutes = sendOuts.get(minutesId);
    return ofMinutes == null ? null : ofMinutes.get(sortKey(paragraph, target));
  }

  @Override
  public synchronized boolean createSendOut(SendOut sendOut) {
    var ofMinutes = sendOuts.computeIfAbsent(sendOut.minutesId(), id -> new TreeMap<>());
    var key = sortKey(sendOut.paragraph(), sendOut.target());
    if (ofMinutes.containsKey(key)) {
      return false;
    }
    var stored = new StoredSendOut(sendOut);
    stored.history.add(new SendOutEvent(sendOut.createdAt(), sendOut.status(), sendOut.detail()));
    ofMinutes.put(key, stored);
    return true;
  }

  @Override
  public synchronized Optional<SendOut> findSendOut(String minutesId, int paragraph, String target) {
    return Optional.ofNullable(stored(minutesId, paragraph, target)).map(s -> s.sendOut);
  }

  @Override
  public synchronized List<SendOut> sendOuts(String minutesId) {
    return sendOuts.getOrDefault(minutesId, new TreeMap<>()).values().stream().map(s -> s.sendOut).toList();
  }

  @Override
  public synchronized Optional<SendOut> claimSendOut(String minutesId, SendOutKey key, Instant now,
      Duration staleAfter) {
    var stored = stored(minutesId, key.paragraph(), key.target());
    if (stored == null) {
      return Optional.empty();
    }
    var status = stored.sendOut.status();
    var stale = status == SendOutStatus.SENDING && stored.claimedAt != null
        && stored.claimedAt.isBefore(now.minus(staleAfter));
    if (status != SendOutStatus.PENDING && !stale) {
      return Optional.empty();
    }
    var s = stored.sendOut;
    stored.sendOut = new SendOut(s.minutesId(), s.paragraph(), s.target(), s.kind(), s.recipientNames(), s.qualifier(),
        SendOutStatus.SENDING, s.attempts() + 1, s.sesMessageId(), s.createdAt(), now, s.detail());
    stored.claimedAt = now;
    stored.history.add(new SendOutEvent(now, SendOutStatus.SENDING, null));
    return Optional.of(stored.sendOut);
  }

  @Override
  public synchronized void updateSendOut(SendOut sendOut) {
    var stored = stored(sendOut.minutesId(), sendOut.paragraph(), sendOut.target());
    if (stored == null) {
      // DynamoDB's UpdateItem would create the item; no service updates one it has not read.
      throw new IllegalStateException("No send-out " + sendOut.minutesId() + " § " + sendOut.paragraph() + " "
          + sendOut.target());
    }
    stored.sendOut = sendOut;
    stored.history.add(new SendOutEvent(sendOut.updatedAt(), sendOut.status(), sendOut.detail()));
  }

  @Override
  public synchronized boolean cancelPending(String minutesId, SendOutKey key, Instant now, String detail) {
    var stored = stored(minutesId, key.paragraph(), key.target());
    if (stored == null || stored.sendOut.status() != SendOutStatus.PENDING) {
      return false;
    }
    stored.sendOut = stored.sendOut.withStatus(SendOutStatus.CANCELLED, now, detail, null);
    stored.history.add(new SendOutEvent(now, SendOutStatus.CANCELLED, detail));
    return true;
  }

  @Override
  public synchronized void expectSettlements(String minutesId, int count) {
    expectedSettlements.put(minutesId, count);
  }

  @Override
  public synchronized SettleProgress recordSettled(String minutesId, Collection<SendOutKey> settled) {
    if (settled.isEmpty()) {
      throw new IllegalArgumentException("No send-outs to count as settled for minutes " + minutesId);
    }
    if (!minutes.containsKey(minutesId)) {
      return new SettleProgress(0, 0);
    }
    var keys = settledKeys.computeIfAbsent(minutesId, id -> new HashSet<>());
    settled.forEach(key -> keys.add(sortKey(key.paragraph(), key.target())));
    return new SettleProgress(keys.size(), expectedSettlements.getOrDefault(minutesId, 0));
  }

  @Override
  public synchronized Optional<Acceptance> acceptance(SendOut sendOut) {
    var stored = stored(sendOut.minutesId(), sendOut.paragraph(), sendOut.target());
    return stored == null ? Optional.empty() : Optional.ofNullable(stored.acceptance);
  }

  // ---- history and delivery events

  @Override
  public synchronized Optional<SendOut> findSendOutBySesMessageId(String sesMessageId) {
    return sendOuts.values().stream().flatMap(byKey -> byKey.values().stream()).map(s -> s.sendOut)
        .filter(s -> sesMessageId.equals(s.sesMessageId())).findFirst();
  }

  @Override
  public synchronized List<SendOutEvent> sendOutHistory(SendOut sendOut) {
    var stored = stored(sendOut.minutesId(), sendOut.paragraph(), sendOut.target());
    return stored == null ? List.of() : List.copyOf(stored.history);
  }

  @Override
  public synchronized Recording recordDeliveryEvent(SendOut sendOut, String eventKey, SendOutEvent entry,
      Set<SendOutStatus> replaces, Instant now) {
    var stored = stored(sendOut.minutesId(), sendOut.paragraph(), sendOut.target());
    if (stored == null || !stored.eventKeys.add(eventKey)) {
      return Recording.ALREADY_RECORDED;
    }
    stored.history.add(entry);
    var s = stored.sendOut;
    if (replaces.contains(s.status())) {
      stored.sendOut = new SendOut(s.minutesId(), s.paragraph(), s.target(), s.kind(), s.recipientNames(),
          s.qualifier(), entry.status(), s.attempts(), s.sesMessageId(), s.createdAt(), now, entry.detail());
      return Recording.STATUS_CHANGED;
    }
    stored.sendOut = s.withStatus(s.status(), now, s.detail(), null);
    return Recording.NOTED;
  }

  @Override
  public synchronized Recording recordAcceptance(SendOut sendOut, String eventKey, Acceptance acceptance,
      SendOutEvent entry, Instant now) {
    var stored = stored(sendOut.minutesId(), sendOut.paragraph(), sendOut.target());
    if (stored == null || !stored.eventKeys.add(eventKey)) {
      return Recording.ALREADY_RECORDED;
    }
    stored.history.add(entry);
    if (stored.acceptance == null || stored.acceptance.attempt() < acceptance.attempt()) {
      stored.acceptance = acceptance;
    }
    var s = stored.sendOut;
    stored.sendOut = s.withStatus(s.status(), now, s.detail(), null);
    return Recording.NOTED;
  }

  /** Every send-out of every set of minutes, for assertions over the whole store. */
  public synchronized List<SendOut> allSendOuts() {
    return sendOuts.values().stream().flatMap(byKey -> byKey.values().stream()).map(s -> s.sendOut).toList();
  }
}
