package se.anslag.intake;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.aws.SqsWorkQueues;
import se.anslag.board.PersonalIdentityNumbers;
import se.anslag.calendar.NoticeSchedule;
import se.anslag.domain.Corrections;
import se.anslag.domain.MeetingVersion;
import se.anslag.domain.Minutes;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.SwedishTime;
import se.anslag.domain.Warning;
import se.anslag.compose.MailHeaders;
import se.anslag.domain.SendOutMessage;
import se.anslag.reader.MinutesReader;
import se.anslag.reader.PrintedDates;
import se.anslag.reader.UnreadableMinutesException;
import se.anslag.setup.Organ;
import se.anslag.storage.AnslagTable;
import se.anslag.storage.S3Objects;

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
  private static final Logger LOG = Logger.getLogger(ProtocolIntake.class.getName());

  private final S3Objects s3;
  private final AnslagTable table;
  private final MinutesReader reader;
  private final SqsWorkQueues queues;
  private final Clock clock;

  @Inject
  public ProtocolIntake(S3Objects s3, AnslagTable table, MinutesReader reader, SqsWorkQueues queues, Clock clock) {
    this.s3 = s3;
    this.table = table;
    this.reader = reader;
    this.queues = queues;
    this.clock = clock;
  }

  /** What became of one upload. */
  public record IntakeResult(String minutesId, MinutesStatus status, String detail, boolean alreadyProcessed) {}

  public IntakeResult receive(UploadEvent upload) {
    var object = s3.get(upload.bucket(), upload.key());
    byte[] content = object.content();
    var minutesId = sha256(content);
    var existing = table.findMinutes(minutesId);
    // Only dispatched minutes are done with. RECEIVED is a crash to resume; REJECTED is read again,
    // since the clerk may have fixed the metadata or the setup and uploaded the same file anew.
    if (existing.isPresent() && (existing.get().status() == MinutesStatus.DISPATCHED
        || existing.get().status() == MinutesStatus.SUPERSEDED)) {
      LOG.info(() -> "Upload " + upload.key() + " has the content of minutes " + minutesId
          + " already " + existing.get().status() + "; nothing to do");
      if (existing.get().status() == MinutesStatus.REJECTED) {
        // Mends a crash between recording the rejection and queueing the clerk's receipt.
        receiptForRejected(existing.get());
      }
      return new IntakeResult(minutesId, existing.get().status(), existing.get().statusDetail(), true);
    }
    var now = clock.instant();
    var rejected = new MinutesRecord(minutesId, upload.bucket(), upload.key(), now, null, null, null, null, null,
        null, MinutesStatus.REJECTED, null, List.of());
    var uploadedOn = object.lastModified() == null
        ? SwedishTime.today(clock)
        : LocalDate.ofInstant(object.lastModified(), SwedishTime.ZONE);

    // Read before the metadata is checked, so that a rejection for a bad date can name the organ
    // and reach its clerk.
    Minutes minutes;
    try {
      minutes = reader.read(content);
    } catch (UnreadableMinutesException unreadable) {
      return reject(rejected, unreadable.getMessage());
    }
    var setup = table.loadSetup();
    var organ = setup.organNamed(minutes.organ());
    var readRecord = new MinutesRecord(minutesId, upload.bucket(), upload.key(), now,
        organ.map(Organ::name).orElse(minutes.organ()), organ.map(Organ::slug).orElse(null),
        minutes.meetingDate(), minutes.paragraphRange(), minutes.storagePlace(), minutes.adjustedOn(),
        MinutesStatus.REJECTED, null, minutes.warnings());
    if (organ.isEmpty()) {
      var closest = setup.closestOrganName(minutes.organ())
          .map(name -> "; the closest known organ is '" + name + "'").orElse("");
      return reject(readRecord, "The organ '" + minutes.organ() + "' is not in the municipality's setup" + closest);
    }

    LocalDate adjustedOnByClerk;
    LocalDate postedOnByClerk;
    try {
      adjustedOnByClerk = metadataDate(object, ADJUSTED_ON_METADATA);
      postedOnByClerk = metadataDate(object, POSTED_ON_METADATA);
    } catch (IllegalArgumentException badDate) {
      return reject(readRecord, badDate.getMessage());
    }

    var adjustedOn = firstPresent(adjustedOnByClerk, minutes.adjustedOn(), uploadedOn);
    var postedOn = firstPresent(postedOnByClerk, SwedishTime.today(clock));
    var boards = organ.get().boardIds();
    // Anslag posts on every board of a joint committee at once, so all postings share one date.
    var dates = NoticeSchedule.forPostings(boards.stream().map(board -> postedOn).toList(), organ.get().takedownPolicy());
    var warnings = new ArrayList<Warning>(minutes.warnings());
    warnings.addAll(NoticeSchedule.warnings(minutes.meetingDate(), adjustedOn, postedOn));
    warnings.addAll(publicFieldsWithIdentityNumbers(minutes));
    warnings.addAll(PrintedDates.compare(minutes.printedNotice(), dates));

    var firstVersion = new MinutesRecord(minutesId, upload.bucket(), upload.key(), now, organ.get().name(),
        organ.get().slug(), minutes.meetingDate(), minutes.paragraphRange(), minutes.storagePlace(), adjustedOn,
        MinutesStatus.RECEIVED, null, warnings);
    var version = claimVersion(firstVersion);
    var record = firstVersion.asVersion(version.version(), version.supersedes());
    var superseded = Optional.ofNullable(version.supersedes()).flatMap(table::findMinutes);
    table.putMinutes(record);
    minutes.paragraphs().forEach(paragraph -> table.putParagraph(minutesId, paragraph));
    for (var board : boards) {
      table.putNotice(new Notice(minutesId, board, postedOn, dates, organ.get().takedownPolicy(), false));
    }
    var toSend = new ArrayList<SendOutMessage>();
    var planned = SendOutPlan.plan(minutesId, minutes.paragraphs(), setup, now);
    if (superseded.isPresent()) {
      planned = Corrections.plan(planned, superseded.get().version(), table.paragraphs(superseded.get().id()),
          minutes.paragraphs(), table.sendOuts(superseded.get().id()), now);
    }
    var receipt = receiptSendOut(record, organ.get());
    // The mailer sends the clerk's summary once this many send-outs are settled.
    table.expectSettlements(minutesId, planned.size() + (receipt.isPresent() ? 1 : 0));
    var settledAlready = new ArrayList<AnslagTable.SendOutKey>();
    for (var sendOut : planned) {
      // Queue again whatever is not settled, also after a crash between create and enqueue; only
      // a send-out that was there before needs reading.
      var stored = table.createSendOut(sendOut)
          ? sendOut
          : table.findSendOut(minutesId, sendOut.paragraph(), sendOut.target()).orElse(sendOut);
      if (stored.status() == SendOutStatus.PENDING) {
        toSend.add(new SendOutMessage(minutesId, sendOut.paragraph(), sendOut.target()));
      } else if (stored.status().isTerminal()) {
        settledAlready.add(AnslagTable.SendOutKey.of(stored));
      }
    }
    if (!settledAlready.isEmpty()) {
      table.recordSettled(minutesId, settledAlready);
    }
    receipt.ifPresent(clerkReceipt -> {
      table.createSendOut(clerkReceipt);
      if (isPending(clerkReceipt)) {
        toSend.add(new SendOutMessage(minutesId, clerkReceipt.paragraph(), clerkReceipt.target()));
      }
    });
    queues.enqueueSendOuts(toSend);
    // The old version leaves the board before the new one joins it, so the meeting never shows twice.
    superseded.ifPresent(old -> table.putMinutes(old.withStatus(MinutesStatus.SUPERSEDED,
        "Superseded by version " + record.version() + " (minutes " + minutesId + ")")));
    queues.requestBoardRefresh("minutes " + minutesId + " received");
    table.putMinutes(record.withStatus(MinutesStatus.DISPATCHED, null));
    LOG.info(() -> "Minutes " + minutesId + " of " + record.organ() + " " + record.meetingDate() + ": "
        + minutes.paragraphs().size() + " paragraphs, " + toSend.size() + " send-outs queued, posted "
        + dates.postedOn() + ", last appeal day " + dates.lastAppealDay());
    return new IntakeResult(minutesId, MinutesStatus.DISPATCHED, null, false);
  }

  /**
   * Makes these minutes the current version of their organ's meeting with a conditional write on
   * the meeting's pointer: version 1 when the meeting is new, n + 1 (superseding the current one)
   * for a corrected upload, or the version already claimed when intake resumes after a crash.
   * Two corrections racing: the loser's write fails and its intake is retried from the queue,
   * then superseding the winner.
   */
  private MeetingVersion claimVersion(MinutesRecord minutes) {
    var current = table.currentVersion(minutes.organSlug(), minutes.meetingDate());
    if (current.isPresent() && current.get().currentMinutesId().equals(minutes.id())) {
      return current.get();
    }
    var next = current
        .map(c -> new MeetingVersion(minutes.organSlug(), minutes.meetingDate(), minutes.id(), c.version() + 1,
            c.currentMinutesId()))
        .orElse(new MeetingVersion(minutes.organSlug(), minutes.meetingDate(), minutes.id(), 1, null));
    if (current.isPresent()) {
      var previous = table.findMinutes(current.get().currentMinutesId());
      if (previous.isPresent() && previous.get().status() == MinutesStatus.RECEIVED) {
        // Its paragraphs and send-outs may be incomplete: compare with them once they are whole.
        throw new IllegalStateException("Version " + current.get().version() + " of " + minutes.organ() + " "
            + minutes.meetingDate() + " is still being recorded; the correction " + minutes.id()
            + " is retried after it");
      }
    }
    if (!table.switchCurrentVersion(next, current.map(MeetingVersion::currentMinutesId).orElse(null))) {
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

  private IntakeResult reject(MinutesRecord record, String reason) {
    LOG.warning(() -> "Rejected upload " + record.sourceKey() + ": " + reason);
    var rejected = record.withStatus(MinutesStatus.REJECTED, reason);
    table.putMinutes(rejected);
    receiptForRejected(rejected);
    return new IntakeResult(record.id(), MinutesStatus.REJECTED, reason, false);
  }

  /**
   * Tells the organ's clerk that the upload was rejected, through the mailer like every receipt.
   * Without a known organ there is no clerk to tell: the rejection stays in the records for
   * {@code anslag status} and in this log.
   */
  private void receiptForRejected(MinutesRecord rejected) {
    var organ = rejected.organSlug() == null ? Optional.<Organ>empty()
        : table.loadSetup().organs().stream().filter(o -> o.slug().equals(rejected.organSlug())).findFirst();
    if (organ.isEmpty()) {
      LOG.warning(() -> "No clerk to tell about the rejected upload " + rejected.sourceKey() + " (minutes "
          + rejected.id() + "): the organ is not known. The rejection is recorded; see `anslag status`.");
      return;
    }
    receiptSendOut(rejected, organ.get()).ifPresent(receipt -> {
      table.createSendOut(receipt);
      if (isPending(receipt)) {
        queues.enqueueSendOuts(List.of(new SendOutMessage(receipt.minutesId(), receipt.paragraph(), receipt.target())));
      }
    });
  }

  /** The clerk's receipt, or empty (with a warning) when the organ has no usable clerk address. */
  private Optional<SendOut> receiptSendOut(MinutesRecord minutes, Organ organ) {
    if (!MailHeaders.isValidAddress(organ.clerkAddress())) {
      LOG.warning(() -> "The organ '" + organ.name() + "' has no valid clerk address ('" + organ.clerkAddress()
          + "'): no receipt or summary for minutes " + minutes.id());
      return Optional.empty();
    }
    return Optional.of(SendOut.toClerk(minutes.id(), SendOutKind.RECEIPT, organ.clerkAddress(), organ.name(),
        clock.instant()));
  }

  private boolean isPending(SendOut sendOut) {
    return table.findSendOut(sendOut.minutesId(), sendOut.paragraph(), sendOut.target())
        .map(stored -> stored.status() == SendOutStatus.PENDING).orElse(false);
  }

  private static LocalDate metadataDate(S3Objects.StoredObject object, String name) {
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

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
