package se.anslag.compose;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import se.anslag.format.Markup;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.Paragraph;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.Warning;
import se.anslag.reader.MinutesReader;
import se.anslag.reader.MissingFacts;
import se.anslag.setup.MunicipalSetup;

/**
 * The two mails to the organ's clerk about one set of minutes: the receipt after intake (what
 * was read, the dates, the warnings, every planned send-out and every unknown recipient) and the
 * summary once every send-out is settled. Swedish, like everything the clerk reads.
 */
public final class ClerkMailComposer {

  @Inject
  public ClerkMailComposer() {}

  /**
   * The receipt; for rejected minutes it says why they were not taken in, for minutes read in part
   * which facts are missing and how to supply them.
   */
  public MailMessage receipt(String clerkAddress, MinutesRecord minutes, List<Paragraph> paragraphs,
      List<Notice> notices, List<SendOut> sendOuts, MunicipalSetup setup) {
    if (minutes.status() == MinutesStatus.REJECTED) {
      return rejectionReceipt(clerkAddress, minutes);
    }
    if (minutes.status() == MinutesStatus.NEEDS_CLERK) {
      return needsClerkReceipt(clerkAddress, minutes, setup);
    }
    var out = new StringBuilder();
    out.append("Kvitto: protokollet är mottaget\n\n");
    out.append("Anslag har läst protokollet, satt upp anslaget och lagt ut besluten för utskick.\n\n");
    describeMinutes(out, minutes);
    out.append("Fil: ").append(minutes.sourceKey()).append("\n\n");

    out.append("Paragrafer som lästes (").append(paragraphs.size()).append(")\n");
    for (var paragraph : paragraphs) {
      out.append("  § ").append(paragraph.number())
          .append(paragraph.caseNumber() == null ? "" : " Dnr " + paragraph.caseNumber())
          .append(": ").append(paragraph.title()).append('\n');
    }
    out.append('\n');

    out.append("Datum\n");
    out.append("  Protokollet justerat: ").append(minutes.adjustedOn()).append('\n');
    for (var notice : notices) {
      var board = setup.board(notice.boardId()).map(b -> b.name()).orElse(notice.boardId());
      out.append("  Anslaget på ").append(board).append(": ").append(notice.postedOnThisBoard()).append('\n');
    }
    notices.stream().max(Comparator.comparing(Notice::postedOnThisBoard)).ifPresent(notice -> {
      out.append("  Sista dag för överklagande: ").append(notice.dates().lastAppealDay()).append('\n');
      out.append("  Anslaget tas ned: ").append(notice.dates().takedownOn()).append('\n');
    });
    out.append('\n');

    out.append("Varningar\n");
    if (minutes.warnings().isEmpty()) {
      out.append("  Inga.\n");
    }
    minutes.warnings().forEach(warning -> out.append("  - ").append(warning.message()).append('\n'));
    out.append('\n');

    var decisions = decisionSendOuts(sendOuts);
    var planned = decisions.stream().filter(s -> s.kind() != SendOutKind.UNRESOLVED).toList();
    out.append("Planerade utskick (").append(planned.size()).append(")\n");
    for (var sendOut : planned) {
      out.append("  § ").append(sendOut.paragraph()).append(' ').append(names(sendOut)).append(": ")
          .append(sendOut.kind() == SendOutKind.CASE_FILE ? "diarieförs i akten" : sendOut.target()).append('\n');
    }
    out.append('\n');

    var unresolved = decisions.stream().filter(s -> s.kind() == SendOutKind.UNRESOLVED).toList();
    out.append("Mottagare som inte finns i mottagarregistret (").append(unresolved.size()).append(")\n");
    if (unresolved.isEmpty()) {
      out.append("  Inga.\n");
    }
    for (var sendOut : unresolved) {
      out.append("  § ").append(sendOut.paragraph()).append(' ').append(names(sendOut)).append('\n');
    }
    if (!unresolved.isEmpty()) {
      out.append("Dessa utdrag skickas inte. Lägg till mottagarna i kommunens inställningar och skicka utdragen"
          + " på annat sätt.\n");
    }
    out.append("\nNär alla utskick är klara får du en sammanfattning.\n");
    var subject = "Kvitto: " + minutes.organ() + " " + minutes.meetingDate() + " mottaget";
    return message(clerkAddress, subject, out.toString());
  }

  /** The summary: how many were sent, filed, failed and unresolved, and which failed or are unresolved. */
  public MailMessage summary(String clerkAddress, MinutesRecord minutes, List<SendOut> sendOuts) {
    var decisions = decisionSendOuts(sendOuts);
    var counts = new EnumMap<SendOutStatus, Integer>(SendOutStatus.class);
    decisions.forEach(s -> counts.merge(s.status(), 1, Integer::sum));
    var out = new StringBuilder();
    out.append("Sammanfattning: utskicket är klart\n\n");
    describeMinutes(out, minutes);
    out.append('\n');
    out.append("Skickade: ").append(counts.getOrDefault(SendOutStatus.SENT, 0)).append('\n');
    out.append("Diarieförda: ").append(counts.getOrDefault(SendOutStatus.FILED, 0)).append('\n');
    out.append("Misslyckade: ").append(counts.getOrDefault(SendOutStatus.FAILED, 0)).append('\n');
    out.append("Okända mottagare: ").append(counts.getOrDefault(SendOutStatus.UNRESOLVED, 0)).append('\n');
    if (minutes.supersedes() != null) {
      out.append("Oförändrade sedan förra versionen, inte skickade igen: ")
          .append(counts.getOrDefault(SendOutStatus.UNCHANGED, 0)).append('\n');
    }
    var failed = decisions.stream().filter(s -> s.status() == SendOutStatus.FAILED).toList();
    if (!failed.isEmpty()) {
      out.append("\nMisslyckade utskick\n");
      for (var sendOut : failed) {
        out.append("  § ").append(sendOut.paragraph()).append(' ').append(names(sendOut)).append(" (")
            .append(sendOut.target()).append("): ").append(sendOut.detail() == null ? "okänt fel" : sendOut.detail())
            .append('\n');
      }
    }
    var unresolved = decisions.stream().filter(s -> s.status() == SendOutStatus.UNRESOLVED).toList();
    if (!unresolved.isEmpty()) {
      out.append("\nOkända mottagare\n");
      unresolved.forEach(s -> out.append("  § ").append(s.paragraph()).append(' ').append(names(s)).append('\n'));
    }
    if (failed.isEmpty() && unresolved.isEmpty()) {
      out.append("\nAlla beslut har skickats eller diarieförts.\n");
    } else {
      out.append("\nDe utdrag som står ovan har inte nått mottagaren: skicka dem på annat sätt.\n");
    }
    var subject = "Sammanfattning: " + minutes.organ() + " " + minutes.meetingDate() + " utskick klart";
    return message(clerkAddress, subject, out.toString());
  }

  private MailMessage rejectionReceipt(String clerkAddress, MinutesRecord minutes) {
    var out = new StringBuilder();
    out.append("Kvitto: protokollet kunde inte tas emot\n\n");
    out.append("Anslag har inte satt upp något anslag och inte skickat några beslut.\n\n");
    out.append("Fil: ").append(minutes.sourceKey()).append('\n');
    if (minutes.organ() != null) {
      out.append("Organ: ").append(minutes.organ()).append('\n');
    }
    if (minutes.meetingDate() != null) {
      out.append("Sammanträdesdatum: ").append(minutes.meetingDate()).append('\n');
    }
    out.append("Skäl: ").append(minutes.statusDetail()).append("\n\n");
    if (minutes.warnings().stream().anyMatch(w -> w.code().equals(MinutesReader.FILE_TOO_LARGE))) {
      out.append("Filen är större än ").append(MinutesReader.MAX_BYTES / (1024 * 1024))
          .append(" MB och har därför inte lästs alls. Spara protokollet som PDF direkt från ordbehandlaren, utan"
              + " inskannade sidor, så blir filen mindre.\n\n");
    }
    out.append("Rätta filen eller uppgifterna och ladda upp den igen.\n");
    var subject = "Kvitto: protokollet " + minutes.sourceKey() + " kunde inte tas emot";
    return message(clerkAddress, subject, out.toString());
  }

  private MailMessage needsClerkReceipt(String clerkAddress, MinutesRecord minutes, MunicipalSetup setup) {
    var missing = MissingFacts.neededToPost(minutes.warnings()).stream().map(Warning::code).distinct().toList();
    var out = new StringBuilder();
    out.append("Kvitto: protokollet behöver kompletteras\n\n");
    out.append("Anslag kunde bara läsa protokollet delvis och har därför inte satt upp något anslag och inte"
        + " skickat några beslut.\n\n");
    out.append("Fil: ").append(minutes.sourceKey()).append('\n');
    out.append("Organ: ").append(minutes.organ() == null ? "–" : minutes.organ()).append('\n');
    out.append("Sammanträdesdatum: ").append(minutes.meetingDate() == null ? "–" : minutes.meetingDate()).append("\n\n");
    out.append("Det här saknas\n");
    missing.forEach(code -> out.append("  - ").append(MISSING_IN_SWEDISH.getOrDefault(code, code)).append('\n'));
    out.append('\n');
    out.append("Så kompletterar du\n");
    out.append("Ladda upp samma fil igen med metadata för det som saknas:\n");
    if (missing.stream().anyMatch(code -> code.startsWith("ORGAN_"))) {
      out.append("  organ = organets kortnamn, ett av: ").append(String.join(", ",
          setup.organs().stream().map(o -> o.slug() + " (" + o.name() + ")").toList())).append('\n');
    }
    if (missing.stream().anyMatch(code -> code.startsWith("MEETING_DATE_"))) {
      out.append("  meeting-date = sammanträdesdatum skrivet ÅÅÅÅ-MM-DD\n");
    }
    if (missing.contains(MissingFacts.PARAGRAPHS_NOT_FOUND)) {
      out.append("Paragraferna går inte att komplettera så: ladda upp det justerade protokollet med sin text, inte en"
          + " skannad bild.\n");
    }
    out.append("\nAnslag läser då protokollet igen och sätter upp anslaget.\n");
    var subject = "Kvitto: protokollet " + minutes.sourceKey() + " behöver kompletteras";
    return message(clerkAddress, subject, out.toString());
  }

  private static final Map<String, String> MISSING_IN_SWEDISH = Map.of(
      MissingFacts.ORGAN_NOT_FOUND, "Organ: hittades inte i protokollet.",
      MissingFacts.ORGAN_IN_DOUBT, "Organ: protokollet anger flera olika organ, och inget valdes.",
      MissingFacts.MEETING_DATE_NOT_FOUND, "Sammanträdesdatum: hittades inte i protokollet.",
      MissingFacts.MEETING_DATE_IN_DOUBT, "Sammanträdesdatum: protokollet anger flera olika datum, och inget valdes.",
      MissingFacts.PARAGRAPHS_NOT_FOUND, "Paragrafer: inga paragrafrubriker (§) hittades.");

  private static void describeMinutes(StringBuilder out, MinutesRecord minutes) {
    out.append("Organ: ").append(minutes.organ()).append('\n');
    out.append("Sammanträdesdatum: ").append(minutes.meetingDate()).append('\n');
    if (minutes.supersedes() != null) {
      out.append("Rättad version: ").append(minutes.version())
          .append(" (ersätter den tidigare uppladdningen; oförändrade paragrafer skickas inte igen)\n");
    }
    if (minutes.paragraphRange() != null) {
      out.append("Paragrafer: § ").append(minutes.paragraphRange().from()).append('-')
          .append(minutes.paragraphRange().to()).append('\n');
    }
    if (minutes.storagePlace() != null) {
      out.append("Förvaringsplats: ").append(minutes.storagePlace()).append('\n');
    }
  }

  /** The send-outs of decisions, in paragraph order: not the clerk's own mails. */
  private static List<SendOut> decisionSendOuts(List<SendOut> sendOuts) {
    return sendOuts.stream().filter(s -> !s.kind().isClerkMail())
        .sorted(Comparator.comparingInt(SendOut::paragraph)).toList();
  }

  private static String names(SendOut sendOut) {
    return String.join(", ", sendOut.recipientNames()) + (sendOut.qualifier() == null ? "" : " (" + sendOut.qualifier() + ")");
  }

  private static MailMessage message(String clerkAddress, String subject, String text) {
    if (!MailHeaders.isValidAddress(clerkAddress)) {
      throw new IllegalArgumentException("Not a valid e-mail address: '" + MailHeaders.text(clerkAddress) + "'");
    }
    var html = "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>" + Markup.escape(subject)
        + "</title></head><body><pre style=\"font-family: inherit; white-space: pre-wrap\">" + Markup.escape(text)
        + "</pre></body></html>";
    return new MailMessage(clerkAddress, null, MailHeaders.text(subject), text, html);
  }
}
