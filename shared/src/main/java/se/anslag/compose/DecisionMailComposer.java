package se.anslag.compose;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import se.anslag.format.Markup;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.Notice;
import se.anslag.domain.Paragraph;
import se.anslag.domain.SendOut;

/** The extract of one paragraph (protokollsutdrag) as a Swedish e-mail. */
public final class DecisionMailComposer {
  /** Before any qualifier: "Rättelse: För kännedom: Protokollsutdrag: …". */
  public static final String CORRECTION_PREFIX = "Rättelse: ";

  @Inject
  public DecisionMailComposer() {
    ExtractPdf.prime(); // at init, so that the first mail's PDF does not wait for the fonts and PDFBox
  }

  /**
   * The mail of one extract, with the extract as a PDF attachment.
   *
   * @param certifiedOn the day the extract is made, printed in its Utdragsbestyrkande line
   */
  public MailMessage compose(MinutesRecord minutes, Paragraph paragraph, SendOut sendOut, Notice notice,
      Optional<String> clerkAddress, LocalDate certifiedOn) {
    return compose(minutes, paragraph, sendOut, notice, clerkAddress, certifiedOn, false);
  }

  /**
   * The mail of one extract; a correction (the paragraph changed in a corrected upload of the
   * minutes) has its subject prefixed "Rättelse: " and says that it replaces the earlier extract.
   */
  public MailMessage compose(MinutesRecord minutes, Paragraph paragraph, SendOut sendOut, Notice notice,
      Optional<String> clerkAddress, LocalDate certifiedOn, boolean correction) {
    if (!MailHeaders.isValidAddress(sendOut.target())) {
      throw new IllegalArgumentException("Not a valid e-mail address: '" + MailHeaders.text(sendOut.target()) + "'");
    }
    var subject = MailHeaders.text((correction ? CORRECTION_PREFIX : "") + qualifierPrefix(sendOut.qualifier())
        + "Protokollsutdrag: " + minutes.organ() + " "
        + minutes.meetingDate() + " § " + paragraph.number() + " " + paragraph.title());
    var replyTo = clerkAddress.filter(MailHeaders::isValidAddress).orElse(null);
    var pdf = new MailAttachment(attachmentName(minutes, paragraph), "application/pdf",
        pdf(minutes, paragraph, sendOut, notice, certifiedOn, correction));
    return new MailMessage(sendOut.target(), replyTo, subject, text(minutes, paragraph, sendOut, notice, correction),
        html(minutes, paragraph, sendOut, notice, correction), List.of(pdf));
  }

  /** What a correction says first, in the mail and in the extract. */
  public static String correctionNotice(MinutesRecord minutes, Paragraph paragraph) {
    return "Rättelse: protokollet har rättats (version " + minutes.version() + "). Detta utdrag ersätter det utdrag av § "
        + paragraph.number() + " som skickades tidigare.";
  }

  /** For example {@code protokollsutdrag-2024-02-14-paragraf-3.pdf}. */
  public static String attachmentName(MinutesRecord minutes, Paragraph paragraph) {
    return "protokollsutdrag-" + minutes.meetingDate() + "-paragraf-" + paragraph.number() + ".pdf";
  }

  /** The line that certifies the extract; the clerk's signature on paper, Anslag's here. */
  public static String certification(LocalDate certifiedOn) {
    return "Utdragsbestyrkande: Utdraget överensstämmer med protokollet. Anslag, " + certifiedOn;
  }

  /** The extract as a PDF: the header, the decision, the whole paragraph, the notice dates, the certification. */
  public byte[] pdf(MinutesRecord minutes, Paragraph paragraph, SendOut sendOut, Notice notice, LocalDate certifiedOn) {
    return pdf(minutes, paragraph, sendOut, notice, certifiedOn, false);
  }

  private byte[] pdf(MinutesRecord minutes, Paragraph paragraph, SendOut sendOut, Notice notice, LocalDate certifiedOn,
      boolean correction) {
    var blocks = new ArrayList<ExtractPdf.Block>();
    blocks.add(new ExtractPdf.Title("Protokollsutdrag"));
    if (correction) {
      blocks.add(new ExtractPdf.Text(correctionNotice(minutes, paragraph)));
    }
    blocks.add(new ExtractPdf.Field("Organ", minutes.organ()));
    blocks.add(new ExtractPdf.Field("Sammanträdesdatum", String.valueOf(minutes.meetingDate())));
    blocks.add(new ExtractPdf.Field("Paragraf", "§ " + paragraph.number()));
    if (paragraph.caseNumber() != null) {
      blocks.add(new ExtractPdf.Field("Dnr", paragraph.caseNumber()));
    }
    blocks.add(new ExtractPdf.Field("Ärende", paragraph.title()));
    var forwardTo = forwardTo(sendOut.qualifier());
    if (forwardTo != null) {
      blocks.add(new ExtractPdf.Text("Detta utdrag ska vidarebefordras till " + forwardTo + "."));
    }
    blocks.add(new ExtractPdf.Heading("Beslut"));
    blocks.add(new ExtractPdf.Text(paragraph.decision() == null
        ? "(Beslutet redovisas inte i utdraget.)" : paragraph.decision()));
    if (paragraph.text() != null && !paragraph.text().isBlank()) {
      blocks.add(new ExtractPdf.Heading("Paragrafen i sin helhet"));
      blocks.add(new ExtractPdf.Text(paragraph.text()));
    }
    blocks.add(new ExtractPdf.Heading("Anslag"));
    blocks.add(new ExtractPdf.Field("Protokollet justerat", String.valueOf(minutes.adjustedOn())));
    blocks.add(new ExtractPdf.Field("Tillkännagivet på anslagstavlan", String.valueOf(notice.dates().postedOn())));
    blocks.add(new ExtractPdf.Field("Sista dag för överklagande", String.valueOf(notice.dates().lastAppealDay())));
    blocks.add(new ExtractPdf.Field("Anslaget tas ned", String.valueOf(notice.dates().takedownOn())));
    if (minutes.storagePlace() != null) {
      blocks.add(new ExtractPdf.Field("Förvaringsplats för protokollet", minutes.storagePlace()));
    }
    blocks.add(new ExtractPdf.Heading("Så överklagar du"));
    blocks.add(new ExtractPdf.Text(appealAdvice(notice)));
    blocks.add(new ExtractPdf.Heading("Utdragsbestyrkande"));
    blocks.add(new ExtractPdf.Text(certification(certifiedOn)));
    return ExtractPdf.render("Protokollsutdrag " + minutes.organ() + " " + minutes.meetingDate() + " § "
        + paragraph.number(), blocks);
  }

  /** The extract as plain text, also what is filed in the case record. */
  public String text(MinutesRecord minutes, Paragraph paragraph, SendOut sendOut, Notice notice) {
    return text(minutes, paragraph, sendOut, notice, false);
  }

  /** The extract as plain text; a correction starts by saying what it replaces. */
  public String text(MinutesRecord minutes, Paragraph paragraph, SendOut sendOut, Notice notice, boolean correction) {
    var out = new StringBuilder();
    if (correction) {
      out.append(correctionNotice(minutes, paragraph)).append("\n\n");
    }
    out.append("Protokollsutdrag\n\n");
    out.append("Organ: ").append(minutes.organ()).append('\n');
    out.append("Sammanträdesdatum: ").append(minutes.meetingDate()).append('\n');
    out.append("Paragraf: § ").append(paragraph.number()).append('\n');
    if (paragraph.caseNumber() != null) {
      out.append("Diarienummer: ").append(paragraph.caseNumber()).append('\n');
    }
    out.append("Ärende: ").append(paragraph.title()).append("\n\n");
    var forwardTo = forwardTo(sendOut.qualifier());
    if (forwardTo != null) {
      out.append("Detta utdrag ska vidarebefordras till ").append(forwardTo).append(".\n\n");
    }
    out.append("Beslut\n").append(paragraph.decision() == null ? "(Beslutet redovisas inte i utdraget.)" : paragraph.decision())
        .append("\n\n");
    if (paragraph.text() != null && !paragraph.text().isBlank()) {
      out.append("Paragrafen i sin helhet\n").append(paragraph.text().strip()).append("\n\n");
    }
    out.append("Anslag\n");
    out.append("Protokollet justerades ").append(minutes.adjustedOn())
        .append(" och tillkännagavs på kommunens anslagstavla ").append(notice.dates().postedOn()).append(".\n");
    if (minutes.storagePlace() != null) {
      out.append("Förvaringsplats för protokollet: ").append(minutes.storagePlace()).append('\n');
    }
    out.append("Sista dag för överklagande: ").append(notice.dates().lastAppealDay()).append("\n\n");
    out.append("Så överklagar du\n").append(appealAdvice(notice)).append('\n');
    return out.toString();
  }

  private String html(MinutesRecord minutes, Paragraph paragraph, SendOut sendOut, Notice notice, boolean correction) {
    var out = new StringBuilder();
    out.append("<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>")
        .append(Markup.escape("Protokollsutdrag § " + paragraph.number())).append("</title></head><body>");
    if (correction) {
      out.append("<p><strong>").append(Markup.escape(correctionNotice(minutes, paragraph))).append("</strong></p>");
    }
    out.append("<h1>Protokollsutdrag</h1><dl>");
    row(out, "Organ", minutes.organ());
    row(out, "Sammanträdesdatum", String.valueOf(minutes.meetingDate()));
    row(out, "Paragraf", "§ " + paragraph.number());
    if (paragraph.caseNumber() != null) {
      row(out, "Diarienummer", paragraph.caseNumber());
    }
    row(out, "Ärende", paragraph.title());
    out.append("</dl>");
    var forwardTo = forwardTo(sendOut.qualifier());
    if (forwardTo != null) {
      out.append("<p><strong>Detta utdrag ska vidarebefordras till ").append(Markup.escape(forwardTo)).append(".</strong></p>");
    }
    out.append("<h2>Beslut</h2>").append(paragraphs(paragraph.decision() == null
        ? "(Beslutet redovisas inte i utdraget.)" : paragraph.decision()));
    if (paragraph.text() != null && !paragraph.text().isBlank()) {
      out.append("<h2>Paragrafen i sin helhet</h2>").append(paragraphs(paragraph.text()));
    }
    out.append("<h2>Anslag</h2><p>Protokollet justerades ").append(minutes.adjustedOn())
        .append(" och tillkännagavs på kommunens anslagstavla ").append(notice.dates().postedOn()).append(".</p><dl>");
    if (minutes.storagePlace() != null) {
      row(out, "Förvaringsplats för protokollet", minutes.storagePlace());
    }
    row(out, "Sista dag för överklagande", String.valueOf(notice.dates().lastAppealDay()));
    out.append("</dl><h2>Så överklagar du</h2><p>").append(Markup.escape(appealAdvice(notice))).append("</p></body></html>");
    return out.toString();
  }

  private static String appealAdvice(Notice notice) {
    return "Beslutet kan överklagas genom laglighetsprövning hos förvaltningsrätten enligt 13 kap. kommunallagen "
        + "(2017:725). Överklagandet ska ha kommit in inom tre veckor från den dag då det tillkännagavs på "
        + "kommunens anslagstavla att protokollet justerats, det vill säga senast "
        + notice.dates().lastAppealDay() + ".";
  }

  private static String qualifierPrefix(String qualifier) {
    if (qualifier == null) {
      return "";
    }
    if (qualifier.equalsIgnoreCase("för kännedom")) {
      return "För kännedom: ";
    }
    if (qualifier.equalsIgnoreCase("för åtgärd")) {
      return "För åtgärd: ";
    }
    return "";
  }

  private static String forwardTo(String qualifier) {
    return qualifier != null && qualifier.startsWith("fvb till ") ? qualifier.substring("fvb till ".length()) : null;
  }

  private static void row(StringBuilder out, String label, String value) {
    out.append("<dt>").append(Markup.escape(label)).append("</dt><dd>").append(Markup.escape(value)).append("</dd>");
  }

  private static String paragraphs(String text) {
    var out = new StringBuilder();
    for (var block : text.strip().split("\\n\\s*\\n")) {
      out.append("<p>").append(Markup.escape(block.strip()).replace("\n", "<br>")).append("</p>");
    }
    return out.toString();
  }

}
