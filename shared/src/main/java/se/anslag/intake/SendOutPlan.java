package se.anslag.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import se.anslag.domain.Paragraph;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.setup.MunicipalSetup;
import se.anslag.setup.Names;
import se.anslag.setup.Resolution;

/** Turns the recipient lines of each paragraph into send-outs: one per (paragraph, target). */
public final class SendOutPlan {
  private SendOutPlan() {}

  public static List<SendOut> plan(String minutesId, List<Paragraph> paragraphs, MunicipalSetup setup, Instant now) {
    var sendOuts = new ArrayList<SendOut>();
    for (var paragraph : paragraphs) {
      // Two printed lines that reach the same address give one mail, listing both names.
      var byTarget = new LinkedHashMap<String, SendOut>();
      for (var line : paragraph.recipients()) {
        switch (setup.resolve(line)) {
          case Resolution.MailTo mail -> {
            for (var address : mail.addresses()) {
              merge(byTarget, new SendOut(minutesId, paragraph.number(), address, SendOutKind.EMAIL,
                  List.of(line.name()), line.qualifier(), SendOutStatus.PENDING, 0, null, now, now, null));
            }
          }
          case Resolution.CaseFile file ->
              merge(byTarget, new SendOut(minutesId, paragraph.number(), SendOut.CASE_FILE_TARGET,
                  SendOutKind.CASE_FILE, List.of(line.name()), line.qualifier(), SendOutStatus.PENDING, 0, null,
                  now, now, null));
          case Resolution.Unknown unknown ->
              merge(byTarget, new SendOut(minutesId, paragraph.number(), "unresolved:" + Names.normalize(line.name()),
                  SendOutKind.UNRESOLVED, List.of(line.name()), line.qualifier(), SendOutStatus.UNRESOLVED, 0,
                  null, now, now, "The recipient directory has no entry for '" + line.raw().strip() + "'"));
        }
      }
      sendOuts.addAll(byTarget.values());
    }
    return sendOuts;
  }

  private static void merge(LinkedHashMap<String, SendOut> byTarget, SendOut sendOut) {
    byTarget.merge(sendOut.target(), sendOut, (first, second) -> {
      var names = new ArrayList<>(first.recipientNames());
      second.recipientNames().stream().filter(name -> !names.contains(name)).forEach(names::add);
      return new SendOut(first.minutesId(), first.paragraph(), first.target(), first.kind(), names,
          first.qualifier() == null || second.qualifier() == null ? null : first.qualifier(),
          first.status(), 0, null, first.createdAt(), first.updatedAt(), first.detail());
    });
  }
}
