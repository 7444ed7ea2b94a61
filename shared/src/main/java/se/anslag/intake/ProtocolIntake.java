package se.anslag.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.board.PersonalIdentityNumbers;
import se.anslag.calendar.NoticeSchedule;
import se.anslag.compose.MailHeaders;
import se.anslag.domain.Corrections;
import se.anslag.domain.MeetingVersion;
import se.anslag.domain.Minutes;
import se.anslag.domain.HistoryEntry;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.ReviewDecision;
import se.anslag.domain.ReviewPolicy;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutMessage;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.SwedishTime;
import se.anslag.domain.Warning;
import se.anslag.ports.MinutesStore;
import se.anslag.ports.NoticeStore;
import se.anslag.ports.ObjectStore;
import se.anslag.ports.SendOutStore;
import se.anslag.ports.SetupStore;
import se.anslag.ports.WorkQueue;
import se.anslag.reader.MinutesReader;
import se.anslag.reader.MissingFacts;
import se.anslag.reader.PrintedDates;
import se.anslag.reader.UnreadableMinutesException;
import se.anslag.setup.MunicipalSetup;
import se.anslag.setup.Organ;

/**
 * Reads one uploaded set of minutes and records everything that follows from it: the minutes,
 * their paragraphs, the notice on each board, and one send-out per paragraph and recipient.
 *
 * <p>Every step is safe to repeat, so a crash anywhere is mended by the intake queue's retry:
 * records are overwritten with the same values, send-outs are created only when absent, and a
 * send-out message sent twice is absorbed by the mailer's claim.
 */
@Singleton
public final class ProtocolIntake {
  static final String ADJUSTED_ON_METADATA = "adjusted-on";
  static final String POSTED_ON_METADATA = "posted-on";
  /** The clerk supplies what the reader could not find: the organ (its slug or name in the setup) and the meeting date. */
  static final String ORGAN_METADATA = "organ";
  static final String MEETING_DATE_METADATA = "meeting-date";
  /** Set by the clerk desk's presigned upload: where the receipt goes when the organ is not known. */
  static final String UPLOADED_BY_METADATA = "uploaded-by";
  private static final int UPLOAD_TOKEN_LENGTH = 16;
  private static final Logger LOG = Logger.getLogger(ProtocolIntake.class.getName());

  private final ObjectStore objects;
  private final MinutesStore minutesStore;
  private final NoticeStore noticeStore;
  private final SendOutStore sendOutStore;
  private final SetupStore setupStore;
  private final MinutesReader reader;
  private final WorkQueue queues;
  private final Clock clock;

  @Inject
  public ProtocolIntake(ObjectStore objects, MinutesStore minutesStore, NoticeStore noticeStore, SendOutStore sendOutStore,
      SetupStore setupStore, MinutesReader reader, WorkQueue queues, Clock clock) {
    this.objects = objects;
    this.minutesStore = minutesStore;
    this.noticeStore = noticeStore;
    this.sendOutStore = sendOutStore;
    this.setupStore = setupStore;
    this.reader = reader;
    this.queues = queues;
    this.clock = clock;
  }

  /** What became of one upload. */
  public record IntakeResult(String minutesId, MinutesStatus status, String detail, boolean alreadyProcessed) {}

  /**
   * The steps: recognise content seen before; read the minutes; take the facts the clerk supplied;
   * hold minutes read only in part for the clerk; find the organ; take the clerk's dates; schedule
   * the notice; record the minutes as the next version of their meeting; plan, create and queue the
   * send-outs; dispatch. Each rejection on the way is recorded with its reason.
   */
  public IntakeResult receive(UploadEvent upload) {
    return receive(upload, null);
  }

  /**
   * The clerk's decision on minutes awaiting review: a publication runs the upload's steps again on
   * the version that was reviewed, now posting and sending; a rejection records the reason. A
   * decision on minutes no longer awaiting review (published twice, say) changes nothing.
   */
  public IntakeResult review(ReviewDecision decision) {
    var found = minutesStore.findMinutes(decision.minutesId());
    if (found.isEmpty()) {
      LOG.warning(() -> "Review decision by " + decision.clerk() + " on unknown minutes " + decision.minutesId());
      return new IntakeResult(decision.minutesId(), null, "No such minutes", true);
    }
    var minutes = found.get();
    // RECEIVED after a publication: intake died while publishing, and this redelivery resumes it
    var resumable = decision.action() == ReviewDecision.Action.PUBLISH && minutes.status() == MinutesStatus.RECEIVED;
    if (minutes.status() != MinutesStatus.AWAITING_REVIEW && !resumable) {
      LOG.info(() -> "Minutes " + minutes.id() + " are " + minutes.status() + ", not awaiting review: the "
          + decision.action() + " by " + decision.clerk() + " changes nothing");
      return new IntakeResult(minutes.id(), minutes.status(), minutes.statusDetail(), true);
    }
    if (decision.action() == ReviewDecision.Action.REJECT) {
      var reason = "Rejected in review by " + decision.clerk() + ": " + decision.reason();
      LOG.info(() -> "Minutes " + minutes.id() + ": " + reason);
      minutesStore.putMinutes(minutes.withStatus(MinutesStatus.REJECTED, reason));
      return new IntakeResult(minutes.id(), MinutesStatus.REJECTED, reason, false);
    }
    LOG.info(() -> "Minutes " + minutes.id() + " published by " + decision.clerk()
        + (decision.postedOn() == null ? "" : ", posted on " + decision.postedOn()));
    return receive(new UploadEvent(minutes.sourceBucket(), minutes.sourceKey(), minutes.sourceVersionId(), null),
        decision);
  }

  /** {@code publication}: the clerk's, for minutes that were reviewed; null for an upload. */
  private IntakeResult receive(UploadEvent upload, ReviewDecision publication) {
    // The version the event names: an overwrite before intake reads it is an upload of its own.
    ObjectStore.StoredObject object;
    try {
      object = upload.versionId() == null ? objects.get(upload.bucket(), upload.key(), MinutesReader.MAX_BYTES)
          : objects.getVersion(upload.bucket(), upload.key(), upload.versionId(), MinutesReader.MAX_BYTES);
    } catch (ObjectStore.ObjectTooLargeException tooLarge) {
      if (publication != null) {
        LOG.warning(() -> "Minutes " + publication.minutesId() + " cannot be published: " + upload.key()
            + " now holds " + tooLarge.size() + " bytes; they stay awaiting review");
        return new IntakeResult(publication.minutesId(), MinutesStatus.AWAITING_REVIEW,
            "The uploaded file has changed since it was reviewed", true);
      }
      return rejectUnread(upload, tooLarge);
    }
    var minutesId = MinutesRecord.idOf(object.content());
    if (publication != null && !minutesId.equals(publication.minutesId())) {
      // Only where the bucket keeps no versions: the key now holds other bytes, their own upload.
      LOG.warning(() -> "Minutes " + publication.minutesId() + " cannot be published: " + upload.key()
          + " now holds other content (minutes " + minutesId + "); they stay awaiting review");
      return new IntakeResult(publication.minutesId(), MinutesStatus.AWAITING_REVIEW,
          "The uploaded file has changed since it was reviewed", true);
    }
    if (publication == null) {
      recordUpload(minutesId, upload, object);
    }
    var done = alreadyDone(upload, minutesId);
    if (done.isPresent()) {
      return done.get();
    }
    var now = clock.instant();
    // The version read is recorded with its hash (the id): the board publishes the document only as these bytes.
    var unread = unread(minutesId, upload, now, object.versionId(), Optional.empty(), List.of());
    var receipt = new ReceiptTo(upload, object.metadata());
    // Read before the metadata is checked, so that a rejection for a bad date can name the organ
    // and reach its clerk.
    Minutes asRead;
    try {
      asRead = reader.read(object.content());
    } catch (UnreadableMinutesException unreadable) {
      return reject(unread, unreadable.getMessage(), receipt);
    }
    var setup = setupStore.loadSetup();
    String badMetadata = null;
    var minutes = asRead;
    try {
      minutes = withFactsSupplied(object, asRead, setup);
    } catch (IllegalArgumentException bad) {
      badMetadata = bad.getMessage();
    }
    var organ = minutes.organ() == null ? Optional.<Organ>empty() : setup.organNamed(minutes.organ());
    var readRecord = new MinutesRecord(minutesId, upload.bucket(), upload.key(), now,
        organ.map(Organ::name).orElse(minutes.organ()), organ.map(Organ::slug).orElse(null),
        minutes.meetingDate(), minutes.paragraphRange(), minutes.storagePlace(), minutes.adjustedOn(),
        MinutesStatus.REJECTED, null, minutes.warnings()).withSourceVersion(object.versionId());
    if (badMetadata != null) {
      return reject(readRecord, badMetadata, receipt);
    }
    var missing = MissingFacts.neededToPost(minutes);
    if (!missing.isEmpty()) {
      return holdForClerk(readRecord, missing, receipt);
    }
    if (organ.isEmpty()) {
      var closest = setup.closestOrganName(minutes.organ())
          .map(name -> "; the closest known organ is '" + name + "'").orElse("");
      return reject(readRecord, "The organ '" + minutes.organ() + "' is not in the municipality's setup" + closest,
          receipt);
    }
    Schedule schedule;
    try {
      schedule = schedule(object, minutes, organ.get(), publication == null ? null : publication.postedOn());
    } catch (IllegalArgumentException badDate) {
      return reject(readRecord, badDate.getMessage(), receipt);
    }
    var firstVersion = new MinutesRecord(minutesId, upload.bucket(), upload.key(), now, organ.get().name(),
        organ.get().slug(), minutes.meetingDate(), minutes.paragraphRange(), minutes.storagePlace(),
        schedule.adjustedOn(), MinutesStatus.RECEIVED, null, schedule.warnings()).withSourceVersion(object.versionId());
    if (publication == null && organ.get().reviewPolicy() == ReviewPolicy.REQUIRED) {
      return awaitReview(firstVersion, minutes);
    }
    var version = claimVersion(firstVersion);
    var record = firstVersion.asVersion(version.version(), version.supersedes());
    var superseded = Optional.ofNullable(version.supersedes()).flatMap(minutesStore::findMinutes);
    recordMinutes(record, minutes, organ.get(), schedule);
    var toSend = createSendOuts(record, minutes, setup, organ.get(), superseded, receipt, now);
    queues.enqueueSendOuts(toSend);
    dispatch(record, superseded);
    var paragraphCount = minutes.paragraphs().size();
    LOG.info(() -> "Minutes " + minutesId + " of " + record.organ() + " " + record.meetingDate() + ": "
        + paragraphCount + " paragraphs, " + toSend.size() + " send-outs queued, posted "
        + schedule.dates().postedOn() + ", last appeal day " + schedule.dates().lastAppealDay());
    return new IntakeResult(minutesId, MinutesStatus.DISPATCHED, null, false);
  }

  /**
   * Only dispatched minutes are done with. RECEIVED is a crash to resume; REJECTED is read again,
   * since the clerk may have fixed the metadata or the setup and uploaded the same file anew.
   * DISPATCHED asks for a board run once more: intake may have died between DISPATCHED and its
   * request, and a run with nothing new writes nothing. WITHDRAWN stays withdrawn: the same file
   * again must not post the notice the clerk withdrew (a corrected file is other minutes).
   */
  private Optional<IntakeResult> alreadyDone(UploadEvent upload, String minutesId) {
    var existing = minutesStore.findMinutes(minutesId);
    if (existing.isEmpty() || (existing.get().status() != MinutesStatus.DISPATCHED
        && existing.get().status() != MinutesStatus.SUPERSEDED && existing.get().status() != MinutesStatus.WITHDRAWN)) {
      return Optional.empty();
    }
    if (existing.get().status() == MinutesStatus.DISPATCHED) {
      requestBoardRefresh(minutesId);
    }
    LOG.info(() -> "Upload " + upload.key() + " has the content of minutes " + minutesId
        + " already " + existing.get().status() + "; nothing to do");
    return Optional.of(new IntakeResult(minutesId, existing.get().status(), existing.get().statusDetail(), true));
  }

  /**
   * Records the minutes and their paragraphs for the clerk's review, with the warnings of a posting
   * today; no notice, no send-out and no claim on the meeting's version until they are published.
   */
  private IntakeResult awaitReview(MinutesRecord read, Minutes minutes) {
    var awaiting = read.withStatus(MinutesStatus.AWAITING_REVIEW, null);
    // The paragraphs first: the desk shows the review as soon as the record says AWAITING_REVIEW.
    minutes.paragraphs().forEach(paragraph -> minutesStore.putParagraph(awaiting.id(), paragraph));
    minutesStore.putMinutes(awaiting);
    LOG.info(() -> "Minutes " + awaiting.id() + " of " + awaiting.organ() + " " + awaiting.meetingDate()
        + " await the clerk's review: " + minutes.paragraphs().size() + " paragraphs, nothing posted or sent");
    return new IntakeResult(awaiting.id(), MinutesStatus.AWAITING_REVIEW, null, false);
  }

  /**
   * The upload in the minutes' history, whatever comes of it: who uploaded (the desk's clerk, as the
   * object's metadata records them) and when intake read it; once per version.
   */
  private void recordUpload(String minutesId, UploadEvent upload, ObjectStore.StoredObject object) {
    var version = upload.uploadTag() == null ? upload.key() : upload.uploadTag();
    var key = "upload-" + MinutesRecord.idOf(version.getBytes(StandardCharsets.UTF_8)).substring(0, UPLOAD_TOKEN_LENGTH);
    var by = object.metadata().get(UPLOADED_BY_METADATA);
    var fileName = upload.key().substring(upload.key().lastIndexOf('/') + 1);
    // Intake's clock, as every entry's: S3's time of the upload may stand apart from it (the local mode's demo day).
    minutesStore.addHistory(minutesId, new HistoryEntry(key, clock.instant(), HistoryEntry.UPLOADED,
        by == null ? "okänd (inte genom skrivbordet)" : by, fileName));
  }

  /** When the notice goes up and comes down, and every warning the clerk should read. */
  private record Schedule(LocalDate adjustedOn, LocalDate postedOn, NoticeDates dates, List<Warning> warnings) {}

  /**
   * The adjustment date from the upload's metadata, else the minutes, else the upload date; the
   * posting date the reviewing clerk picked, else the metadata's, else today (Europe/Stockholm). Throws IllegalArgumentException
   * naming a metadata date that is not one.
   */
  private Schedule schedule(ObjectStore.StoredObject object, Minutes minutes, Organ organ, LocalDate publishedFor) {
    var adjustedOnByClerk = metadataDate(object, ADJUSTED_ON_METADATA);
    // The day the reviewing clerk picked wins over the upload's metadata
    var postedOnByClerk = publishedFor != null ? publishedFor : metadataDate(object, POSTED_ON_METADATA);
    var uploadedOn = object.lastModified() == null
        ? SwedishTime.today(clock)
        : LocalDate.ofInstant(object.lastModified(), SwedishTime.ZONE);
    var adjustedOn = firstPresent(adjustedOnByClerk, minutes.adjustedOn(), uploadedOn);
    var postedOn = firstPresent(postedOnByClerk, SwedishTime.today(clock));
    // Anslag posts on every board of a joint committee at once, so all postings share one date.
    var dates = NoticeSchedule.forPostings(organ.boardIds().stream().map(board -> postedOn).toList(),
        organ.takedownPolicy());
    var warnings = new ArrayList<Warning>(adjustedOnByClerk == null ? minutes.warnings()
        : MissingFacts.supplied(minutes.warnings(), MissingFacts.ADJUSTMENT_DATE_NOT_FOUND));
    warnings.addAll(NoticeSchedule.warnings(minutes.meetingDate(), adjustedOn, postedOn));
    warnings.addAll(publicFieldsWithIdentityNumbers(minutes));
    warnings.addAll(PrintedDates.compare(minutes.printedNotice(), dates));
    return new Schedule(adjustedOn, postedOn, dates, warnings);
  }

  /** The minutes record (still RECEIVED), its paragraphs and its notice on each board of the organ. */
  private void recordMinutes(MinutesRecord record, Minutes minutes, Organ organ, Schedule schedule) {
    minutesStore.putMinutes(record);
    minutes.paragraphs().forEach(paragraph -> minutesStore.putParagraph(record.id(), paragraph));
    for (var board : organ.boardIds()) {
      noticeStore.putNotice(new Notice(record.id(), board, schedule.postedOn(), schedule.dates(),
          organ.takedownPolicy(), false));
    }
  }

  /**
   * Plans the send-outs (a correction's unchanged ones as UNCHANGED), creates each once with the
   * clerk's receipt, and returns the messages to queue: every one not yet settled, also after a
   * crash between create and enqueue. Those already settled are counted as settled.
   */
  private List<SendOutMessage> createSendOuts(MinutesRecord record, Minutes minutes, MunicipalSetup setup,
      Organ organ, Optional<MinutesRecord> superseded, ReceiptTo receiptTo, Instant now) {
    var minutesId = record.id();
    var toSend = new ArrayList<SendOutMessage>();
    var planned = SendOutPlan.plan(minutesId, minutes.paragraphs(), setup, now);
    if (superseded.isPresent()) {
      planned = Corrections.plan(planned, superseded.get().version(), minutesStore.paragraphs(superseded.get().id()),
          minutes.paragraphs(), sendOutStore.sendOuts(superseded.get().id()), now);
    }
    var receipt = receiptTo.clerkOf(record, Optional.of(organ));
    // The mailer sends the clerk's summary once this many send-outs are settled.
    sendOutStore.expectSettlements(minutesId, planned.size() + (receipt.isPresent() ? 1 : 0));
    var settledAlready = new ArrayList<SendOutStore.SendOutKey>();
    for (var sendOut : planned) {
      // Only a send-out that was there before needs reading.
      var stored = sendOutStore.createSendOut(sendOut)
          ? sendOut
          : sendOutStore.findSendOut(minutesId, sendOut.paragraph(), sendOut.target()).orElse(sendOut);
      if (stored.status() == SendOutStatus.PENDING) {
        toSend.add(new SendOutMessage(minutesId, sendOut.paragraph(), sendOut.target()));
      } else if (stored.status().isTerminal()) {
        settledAlready.add(SendOutStore.SendOutKey.of(stored));
      }
    }
    if (!settledAlready.isEmpty()) {
      sendOutStore.recordSettled(minutesId, settledAlready);
    }
    receipt.ifPresent(clerkReceipt -> {
      sendOutStore.createSendOut(clerkReceipt);
      if (isPending(clerkReceipt)) {
        toSend.add(new SendOutMessage(minutesId, clerkReceipt.paragraph(), clerkReceipt.target()));
      }
    });
    return toSend;
  }

  /**
   * The old version leaves the board before the new one joins it, so the meeting never shows
   * twice; then the minutes are DISPATCHED and only then the boards asked to refresh, since the
   * board shows DISPATCHED minutes only and its run may start at once.
   */
  private void dispatch(MinutesRecord record, Optional<MinutesRecord> superseded) {
    // A withdrawn version stays withdrawn: the board goes on saying that it was, and why, beside the correction.
    superseded.filter(old -> old.status() != MinutesStatus.WITHDRAWN)
        .ifPresent(old -> minutesStore.putMinutes(old.withStatus(MinutesStatus.SUPERSEDED,
        "Superseded by version " + record.version() + " (minutes " + record.id() + ")")));
    minutesStore.putMinutes(record.withStatus(MinutesStatus.DISPATCHED, null));
    requestBoardRefresh(record.id());
  }

  /** The board run reads these minutes' notices by key, so it need not wait for the board index. */
  private void requestBoardRefresh(String minutesId) {
    queues.requestBoardRefresh("minutes " + minutesId + " dispatched", minutesId);
  }

  /**
   * Makes these minutes the current version of their organ's meeting with a conditional write on
   * the meeting's pointer: version 1 when the meeting is new, n + 1 (superseding the current one)
   * for a corrected upload, or the version already claimed when intake resumes after a crash.
   * Two corrections racing: the loser's write fails and its intake is retried from the queue,
   * then superseding the winner.
   */
  private MeetingVersion claimVersion(MinutesRecord minutes) {
    var current = minutesStore.currentVersion(minutes.organSlug(), minutes.meetingDate());
    if (current.isPresent() && current.get().currentMinutesId().equals(minutes.id())) {
      return current.get();
    }
    var next = current
        .map(c -> new MeetingVersion(minutes.organSlug(), minutes.meetingDate(), minutes.id(), c.version() + 1,
            c.currentMinutesId()))
        .orElse(new MeetingVersion(minutes.organSlug(), minutes.meetingDate(), minutes.id(), 1, null));
    if (current.isPresent()) {
      var previous = minutesStore.findMinutes(current.get().currentMinutesId());
      if (previous.isPresent() && previous.get().status() == MinutesStatus.RECEIVED) {
        // Its paragraphs and send-outs may be incomplete: compare with them once they are whole.
        throw new IllegalStateException("Version " + current.get().version() + " of " + minutes.organ() + " "
            + minutes.meetingDate() + " is still being recorded; the correction " + minutes.id()
            + " is retried after it");
      }
    }
    if (!minutesStore.switchCurrentVersion(next, current.map(MeetingVersion::currentMinutesId).orElse(null))) {
      throw new IllegalStateException("Another upload of " + minutes.organ() + " " + minutes.meetingDate()
          + " became the current version first; the correction " + minutes.id() + " is retried after it");
    }
    if (next.supersedes() != null) {
      LOG.info(() -> "Minutes " + minutes.id() + " are version " + next.version() + " of " + minutes.organ() + " "
          + minutes.meetingDate() + " and supersede " + next.supersedes());
    }
    return next;
  }

  /**
   * The board hides personal identity numbers in what it prints (SKR guidance); the clerk is told
   * where one stood, since the minutes themselves should not have carried it.
   */
  static List<Warning> publicFieldsWithIdentityNumbers(Minutes minutes) {
    var warnings = new ArrayList<Warning>();
    if (minutes.storagePlace() != null && PersonalIdentityNumbers.contains(minutes.storagePlace())) {
      warnings.add(new Warning("PERSONAL_IDENTITY_NUMBER",
          "The storage place contains a personal identity number; the public board hides it"));
    }
    for (var paragraph : minutes.paragraphs()) {
      if (PersonalIdentityNumbers.contains(paragraph.title())
          || (paragraph.caseNumber() != null && PersonalIdentityNumbers.contains(paragraph.caseNumber()))) {
        warnings.add(new Warning("PERSONAL_IDENTITY_NUMBER", "§ " + paragraph.number()
            + ": the title or case number contains a personal identity number; the public board hides it"));
      }
    }
    return warnings;
  }

  /** The record of an upload of which nothing was read (or nothing could be): where it lies, and the organ if known. */
  private static MinutesRecord unread(String minutesId, UploadEvent upload, Instant receivedAt, String versionId,
      Optional<Organ> organ, List<Warning> warnings) {
    return new MinutesRecord(minutesId, upload.bucket(), upload.key(), receivedAt, organ.map(Organ::name).orElse(null),
        organ.map(Organ::slug).orElse(null), null, null, null, null, MinutesStatus.REJECTED, null, warnings)
        .withSourceVersion(versionId);
  }

  /**
   * An upload too large to read is rejected without a byte of it read, with the receipt to the clerk of
   * the organ its metadata names, else to its uploader. Its id cannot be the hash of its content, so it is
   * the hash of what names this very object (bucket, key, version, ETag, size): the same event delivered
   * twice records it once; another upload under the key is another record.
   */
  private IntakeResult rejectUnread(UploadEvent upload, ObjectStore.ObjectTooLargeException tooLarge) {
    var names = String.join("\n", "unread", upload.bucket(), upload.key(), String.valueOf(tooLarge.versionId()),
        String.valueOf(tooLarge.etag()), Long.toString(tooLarge.size()));
    var minutesId = MinutesRecord.idOf(names.getBytes(StandardCharsets.UTF_8));
    var setup = setupStore.loadSetup();
    var organ = Optional.ofNullable(tooLarge.metadata().get(ORGAN_METADATA)).map(String::strip)
        .filter(value -> !value.isEmpty()).flatMap(value -> setup.organ(value).or(() -> setup.organNamed(value)));
    var record = unread(minutesId, upload, clock.instant(), tooLarge.versionId(), organ,
        List.of(new Warning(MinutesReader.FILE_TOO_LARGE, "The file was not read: only its name, size and metadata are known")));
    return reject(record, MinutesReader.tooLargeReason(tooLarge.size()), new ReceiptTo(upload, tooLarge.metadata()));
  }

  private IntakeResult reject(MinutesRecord record, String reason, ReceiptTo receipt) {
    LOG.warning(() -> "Rejected upload " + record.sourceKey() + ": " + reason);
    return recordUnposted(record.withStatus(MinutesStatus.REJECTED, reason), receipt);
  }

  /**
   * Minutes read in part: recorded with what was read, nothing posted or sent, and the clerk told
   * which facts are missing and how to supply them. The same file uploaded again with those facts in
   * its metadata (or a fixed file) is read anew, since only dispatched minutes are done with.
   */
  private IntakeResult holdForClerk(MinutesRecord record, List<Warning> missing, ReceiptTo receipt) {
    var detail = "The minutes could be read only in part: "
        + String.join(" ", missing.stream().map(Warning::message).toList())
        + " Upload the same file again with the metadata " + ORGAN_METADATA + " (the organ's slug in the setup) and "
        + MEETING_DATE_METADATA + " (YYYY-MM-DD) for the facts missing, or a file that prints them.";
    LOG.warning(() -> "Upload " + record.sourceKey() + " needs the clerk: " + missing.stream().map(Warning::code).toList());
    return recordUnposted(record.withStatus(MinutesStatus.NEEDS_CLERK, detail), receipt);
  }

  /** Records minutes that are not posted, and tells the clerk why through their receipt. */
  private IntakeResult recordUnposted(MinutesRecord unposted, ReceiptTo receiptTo) {
    minutesStore.putMinutes(unposted);
    var organ = unposted.organSlug() == null ? Optional.<Organ>empty() : setupStore.loadSetup().organ(unposted.organSlug());
    receiptTo.clerkOf(unposted, organ).ifPresentOrElse(receipt -> {
      sendOutStore.createSendOut(receipt);
      if (isPending(receipt)) {
        queues.enqueueSendOuts(List.of(new SendOutMessage(receipt.minutesId(), receipt.paragraph(), receipt.target())));
      }
    }, () -> LOG.warning(() -> "No clerk to tell about the upload " + unposted.sourceKey() + " (minutes "
        + unposted.id() + ", " + unposted.status() + "): neither a known organ with a clerk address nor a valid "
        + UPLOADED_BY_METADATA + ". It is recorded; see `anslag status`."));
    return new IntakeResult(unposted.id(), unposted.status(), unposted.statusDetail(), false);
  }

  /** Who gets the receipt of one upload, and the token that gives each upload a receipt of its own. */
  private final class ReceiptTo {
    private final String uploadToken;
    private final String uploadedBy;

    ReceiptTo(UploadEvent upload, Map<String, String> objectMetadata) {
      var tag = upload.uploadTag();
      // Hashed, since a version id may hold '.', '_' or '+', and the token stands in a send-out's key.
      this.uploadToken = tag == null ? null
          : MinutesRecord.idOf(tag.getBytes(StandardCharsets.UTF_8)).substring(0, UPLOAD_TOKEN_LENGTH);
      this.uploadedBy = objectMetadata.get(UPLOADED_BY_METADATA);
    }

    /**
     * The receipt: to the organ's clerk, else (the organ not read or not known) to whoever uploaded
     * through the desk; empty, with a warning, when neither has a valid address.
     */
    Optional<SendOut> clerkOf(MinutesRecord minutes, Optional<Organ> organ) {
      if (organ.isPresent() && MailHeaders.isValidAddress(organ.get().clerkAddress())) {
        return Optional.of(SendOut.receipt(minutes.id(), uploadToken, organ.get().clerkAddress(),
            organ.get().name() + ", sekreterare", clock.instant()));
      }
      organ.ifPresent(o -> LOG.warning(() -> "The organ '" + o.name() + "' has no valid clerk address ('"
          + o.clerkAddress() + "'): no receipt or summary for minutes " + minutes.id()));
      if (organ.isEmpty() && MailHeaders.isValidAddress(uploadedBy)) {
        return Optional.of(SendOut.receipt(minutes.id(), uploadToken, uploadedBy, "Den som laddade upp protokollet",
            clock.instant()));
      }
      return Optional.empty();
    }
  }

  private boolean isPending(SendOut sendOut) {
    return sendOutStore.findSendOut(sendOut.minutesId(), sendOut.paragraph(), sendOut.target())
        .map(stored -> stored.status() == SendOutStatus.PENDING).orElse(false);
  }

  /**
   * These minutes with the organ and the meeting date the upload's metadata supplies, where it
   * does. Throws IllegalArgumentException naming a value that is no organ of the setup or no date.
   */
  private static Minutes withFactsSupplied(ObjectStore.StoredObject object, Minutes minutes, MunicipalSetup setup) {
    var organValue = object.metadata().get(ORGAN_METADATA);
    Organ organ = null;
    if (organValue != null && !organValue.isBlank()) {
      var wanted = organValue.strip();
      organ = setup.organ(wanted).or(() -> setup.organNamed(wanted)).orElseThrow(() -> new IllegalArgumentException(
          "The upload's metadata " + ORGAN_METADATA + " is '" + organValue + "', which is no organ of the setup;"
              + " the organs are " + String.join(", ", setup.organs().stream()
                  .map(o -> o.slug() + " (" + o.name() + ")").toList())));
    }
    return MissingFacts.supply(minutes, organ == null ? null : organ.name(), metadataDate(object, MEETING_DATE_METADATA));
  }

  private static LocalDate metadataDate(ObjectStore.StoredObject object, String name) {
    var value = object.metadata().get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException notADate) {
      throw new IllegalArgumentException(
          "The upload's metadata " + name + " is '" + value + "', not a date written YYYY-MM-DD");
    }
  }

  @SafeVarargs
  private static <T> T firstPresent(T... candidates) {
    for (var candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    throw new IllegalStateException("no candidate present");
  }
}
