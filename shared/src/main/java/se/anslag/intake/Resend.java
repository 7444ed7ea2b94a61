package se.anslag.intake;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Paragraph;
import se.anslag.domain.RecipientFix;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutMessage;
import se.anslag.domain.SendOutStatus;
import se.anslag.ports.MinutesStore;
import se.anslag.ports.SendOutStore;
import se.anslag.ports.SetupStore;
import se.anslag.ports.WorkQueue;
import se.anslag.setup.Resolution;

/**
 * What the clerk does after the directory was corrected or a mail failed: UNRESOLVED lines that
 * the directory now knows become send-outs (planned exactly as {@link SendOutPlan} plans them at
 * intake), and FAILED send-outs go back to PENDING. Either way the new work is queued for the
 * mailer.
 *
 * <p>An UNRESOLVED record is not replaced but kept with status RESOLVED and a detail naming what
 * it became, so the log still shows what the minutes printed. Every step is safe to repeat: the
 * new send-outs are created only when absent, and a message queued twice is absorbed by the
 * mailer's claim.
 */
public final class Resend {
  private final MinutesStore minutesStore;
  private final SendOutStore sendOutStore;
  private final SetupStore setupStore;
  private final WorkQueue queues;

  @Inject
  public Resend(MinutesStore minutesStore, SendOutStore sendOutStore, SetupStore setupStore, WorkQueue queues) {
    this.minutesStore = minutesStore;
    this.sendOutStore = sendOutStore;
    this.setupStore = setupStore;
    this.queues = queues;
  }

  /**
   * @param resolved UNRESOLVED records that the directory now resolves (now RESOLVED)
   * @param created the send-outs created for them (a target that already had a send-out from
   *     another line of the same paragraph is not created again)
   * @param stillUnresolved UNRESOLVED records the directory still does not know
   * @param retried FAILED send-outs put back to PENDING
   * @param queued messages sent to the send-out queue
   */
  public record Result(List<SendOut> resolved, List<SendOut> created, List<SendOut> stillUnresolved,
      List<SendOut> retried, int queued) {}

  /**
   * The clerk's fix of an unknown recipient from the desk: the directory learns the name, and minutes
   * already dispatched get their send-outs for it exactly as {@link #resend} plans them. Minutes
   * still awaiting review only need the directory: publishing plans with it. A fix that arrives twice
   * finds the name known and writes nothing; the resend absorbs the repeat.
   */
  public Result fixRecipient(RecipientFix fix, Instant now) {
    var minutes = minutesStore.findMinutes(fix.minutesId())
        .orElseThrow(() -> new IllegalArgumentException("No minutes " + fix.minutesId() + " to fix a recipient of"));
    var setup = setupStore.loadSetup();
    if (setup.resolveName(fix.name()) instanceof Resolution.Unknown) {
      setupStore.putDirectoryEntry(setup.entryFixing(fix));
    }
    if (minutes.status() == MinutesStatus.DISPATCHED) {
      return resend(minutes.id(), false, now);
    }
    return new Result(List.of(), List.of(), List.of(), List.of(), 0);
  }

  /** Resolves what the current directory can resolve; with {@code retryFailed}, also retries FAILED send-outs. */
  public Result resend(String minutesId, boolean retryFailed, Instant now) {
    var setup = setupStore.loadSetup();
    var paragraphs = minutesStore.paragraphs(minutesId);
    var resolved = new ArrayList<SendOut>();
    var created = new ArrayList<SendOut>();
    var stillUnresolved = new ArrayList<SendOut>();
    var retried = new ArrayList<SendOut>();
    var toSend = new ArrayList<SendOutMessage>();
    for (var sendOut : sendOutStore.sendOuts(minutesId)) {
      if (sendOut.status() == SendOutStatus.UNRESOLVED && sendOut.kind() == SendOutKind.UNRESOLVED) {
        var paragraph = paragraphs.stream().filter(p -> p.number() == sendOut.paragraph()).findFirst();
        // The lines of the paragraph that this record stands for, as printed.
        var lines = paragraph.map(p -> p.recipients().stream()
            .filter(line -> sendOut.recipientNames().contains(line.name())).toList()).orElse(List.of());
        if (lines.isEmpty() || lines.stream().anyMatch(line -> setup.resolve(line) instanceof Resolution.Unknown)) {
          stillUnresolved.add(sendOut);
          continue;
        }
        var p = paragraph.get();
        var planned = SendOutPlan.plan(minutesId,
            List.of(new Paragraph(p.number(), p.caseNumber(), p.title(), p.decision(), p.text(), lines)), setup, now);
        for (var target : planned) {
          if (sendOutStore.createSendOut(target)) {
            created.add(target);
          }
          var stored = sendOutStore.findSendOut(minutesId, target.paragraph(), target.target()).orElse(target);
          if (stored.status() == SendOutStatus.PENDING) {
            toSend.add(new SendOutMessage(minutesId, target.paragraph(), target.target()));
          }
        }
        var became = planned.stream()
            .map(s -> s.kind() == SendOutKind.CASE_FILE ? "case file" : s.target()).toList();
        resolved.add(sendOut.withStatus(SendOutStatus.RESOLVED, now,
            "Resolved as " + String.join(", ", became) + " on " + now.truncatedTo(ChronoUnit.SECONDS), null));
      } else if (retryFailed && sendOut.status() == SendOutStatus.FAILED) {
        var pending = sendOut.withStatus(SendOutStatus.PENDING, now,
            "Retry requested on " + now.truncatedTo(ChronoUnit.SECONDS) + " after: " + sendOut.detail(), null);
        sendOutStore.updateSendOut(pending);
        retried.add(pending);
        toSend.add(new SendOutMessage(minutesId, sendOut.paragraph(), sendOut.target()));
      }
    }
    // Queue before marking RESOLVED: a crash in between leaves the line UNRESOLVED, and a second
    // resend finds the send-outs already there and queues them again harmlessly.
    queues.enqueueSendOuts(toSend);
    resolved.forEach(sendOutStore::updateSendOut);
    return new Result(List.copyOf(resolved), List.copyOf(created), List.copyOf(stillUnresolved),
        List.copyOf(retried), toSend.size());
  }
}
