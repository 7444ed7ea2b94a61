package se.anslag.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.TakedownPolicy;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.Paragraph;
import se.anslag.domain.ParagraphRange;
import se.anslag.domain.RecipientLine;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;

/** The decision mail: subject, qualifiers, correction notice, text and HTML extract. */
class DecisionMailComposerTest {
  private static final Instant NOW = Instant.parse("2024-02-20T08:00:00Z");
  private static final MinutesRecord MINUTES = new MinutesRecord("abc123", "bucket", "key", NOW,
      "Gemensamma servicenämnden", "gemensamma-servicenamnden", LocalDate.of(2024, 2, 14), new ParagraphRange(1, 6),
      "kanslienheten, stadshuset Ludvika", LocalDate.of(2024, 2, 19), MinutesStatus.DISPATCHED, null, List.of());
  private static final Notice NOTICE = new Notice("abc123", "ludvika", LocalDate.of(2024, 2, 20),
      new NoticeDates(LocalDate.of(2024, 2, 20), LocalDate.of(2024, 3, 12), LocalDate.of(2024, 3, 13)),
      TakedownPolicy.NEXT_DAY, false);

  private static final LocalDate CERTIFIED_ON = LocalDate.of(2024, 2, 20);

  private final DecisionMailComposer composer = new DecisionMailComposer();

  private static Paragraph paragraph(String title, String decision) {
    return new Paragraph(3, "2024/5", title, decision, "Beslut\n" + decision + "\n\nBeskrivning av ärendet\nText.",
        List.of(new RecipientLine("Kommunstyrelsen", "för kännedom", "Kommunstyrelsen för kännedom")));
  }

  private static SendOut sendOut(String target, String qualifier) {
    return new SendOut("abc123", 3, target, SendOutKind.EMAIL, List.of("Kommunstyrelsen"), qualifier,
        SendOutStatus.SENDING, 1, null, NOW, NOW, null);
  }

  @Test
  void subjectNamesOrganMeetingParagraphAndTitleWithTheQualifierFirst() {
    var mail = composer.compose(MINUTES, paragraph("Driftbudget och fördelningsnyckel 2025", "Godkänns."),
        sendOut("ks@example.org", "för kännedom"), NOTICE, Optional.of("clerk@example.org"), CERTIFIED_ON);

    assertThat(mail.subject()).isEqualTo(
        "För kännedom: Protokollsutdrag: Gemensamma servicenämnden 2024-02-14 § 3 Driftbudget och fördelningsnyckel 2025");
    assertThat(mail.to()).isEqualTo("ks@example.org");
    assertThat(mail.replyTo()).isEqualTo("clerk@example.org");
  }

  @Test
  void aCorrectionPrefixesRattelseBeforeTheQualifierAndSaysItReplacesTheEarlierExtract() {
    var corrected = MINUTES.asVersion(2, "old123");

    var mail = composer.compose(corrected, paragraph("Driftbudget", "Avslås."), sendOut("ks@example.org", "för kännedom"),
        NOTICE, Optional.empty(), CERTIFIED_ON, true);

    assertThat(mail.subject()).isEqualTo(
        "Rättelse: För kännedom: Protokollsutdrag: Gemensamma servicenämnden 2024-02-14 § 3 Driftbudget");
    assertThat(mail.text()).startsWith("Rättelse: protokollet har rättats (version 2). Detta utdrag ersätter det"
        + " utdrag av § 3 som skickades tidigare.");
    assertThat(mail.html()).contains("Detta utdrag ersätter det utdrag av § 3 som skickades tidigare.");
  }

  @Test
  void actionQualifierPrefixesTheSubjectAndNoQualifierLeavesItBare() {
    var forAction = composer.compose(MINUTES, paragraph("T", "D."), sendOut("a@example.org", "för åtgärd"), NOTICE,
        Optional.empty(), CERTIFIED_ON);
    var plain = composer.compose(MINUTES, paragraph("T", "D."), sendOut("a@example.org", null), NOTICE, Optional.empty(), CERTIFIED_ON);

    assertThat(forAction.subject()).startsWith("För åtgärd: Protokollsutdrag: ");
    assertThat(plain.subject()).startsWith("Protokollsutdrag: ");
    assertThat(plain.replyTo()).isNull();
  }

  @Test
  void bodyCarriesTheDecisionFirstThenTheNoticeAndHowToAppeal() {
    var mail = composer.compose(MINUTES, paragraph("T", "Nämnden godkänner förslaget."), sendOut("a@example.org", null),
        NOTICE, Optional.empty(), CERTIFIED_ON);

    assertThat(mail.text()).contains("Diarienummer: 2024/5")
        .contains("Beslut\nNämnden godkänner förslaget.")
        .contains("tillkännagavs på kommunens anslagstavla 2024-02-20")
        .contains("Förvaringsplats för protokollet: kanslienheten, stadshuset Ludvika")
        .contains("Sista dag för överklagande: 2024-03-12")
        .contains("laglighetsprövning hos förvaltningsrätten");
    assertThat(mail.text().indexOf("Nämnden godkänner")).isLessThan(mail.text().indexOf("Sista dag"));
    assertThat(mail.html()).contains("<html lang=\"sv\">").contains("Nämnden godkänner förslaget.");
  }

  @Test
  void forwardingRecipientIsToldWhomToForwardTo() {
    var mail = composer.compose(MINUTES, paragraph("T", "D."), sendOut("it-chef@example.org", "fvb till Samordningsgruppen"),
        NOTICE, Optional.empty(), CERTIFIED_ON);

    assertThat(mail.text()).contains("Detta utdrag ska vidarebefordras till Samordningsgruppen.");
    assertThat(mail.subject()).startsWith("Protokollsutdrag: ");
  }

  @Test
  void lineBreaksAndControlCharactersInTheTitleNeverReachTheSubjectHeader() {
    var hostile = "Budget\r\nBcc: victim@example.org\u0000\u2028X-Evil: 1";

    var mail = composer.compose(MINUTES, paragraph(hostile, "D."), sendOut("a@example.org", null), NOTICE, Optional.empty(), CERTIFIED_ON);

    assertThat(mail.subject()).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u0000").doesNotContain("\u2028");
    assertThat(mail.subject()).contains("Budget Bcc: victim@example.org X-Evil: 1");
  }

  @Test
  void overlongTitleIsCutToALengthAHeaderCanCarry() {
    var mail = composer.compose(MINUTES, paragraph("Ä".repeat(5000), "D."), sendOut("a@example.org", null), NOTICE,
        Optional.empty(), CERTIFIED_ON);

    assertThat(mail.subject().length()).isLessThanOrEqualTo(MailHeaders.MAX_SUBJECT_LENGTH);
    assertThat(mail.subject()).endsWith("…");
  }

  @Test
  void markupInTheMinutesIsEscapedInTheHtmlPart() {
    var mail = composer.compose(MINUTES, paragraph("<script>alert(1)</script>", "Beslut <b>fet</b> & \"citat\""),
        sendOut("a@example.org", null), NOTICE, Optional.empty(), CERTIFIED_ON);

    assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;").contains("&lt;b&gt;fet&lt;/b&gt; &amp;");
  }

  @Test
  void anAddressWithALineBreakOrNoDomainIsRefusedNotMended() {
    assertThatThrownBy(() -> composer.compose(MINUTES, paragraph("T", "D."),
        sendOut("a@example.org\r\nBcc: b@example.org", null), NOTICE, Optional.empty(), CERTIFIED_ON))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a valid e-mail address")
        .hasMessageNotContaining("\n");
    assertThat(MailHeaders.isValidAddress("nobody")).isFalse();
    assertThat(MailHeaders.isValidAddress("registrator@smedjebacken.example.org")).isTrue();
  }

  @Test
  void aHostileClerkAddressIsLeftOutOfReplyTo() {
    var mail = composer.compose(MINUTES, paragraph("T", "D."), sendOut("a@example.org", null), NOTICE,
        Optional.of("clerk@example.org\nBcc: x@example.org"), CERTIFIED_ON);

    assertThat(mail.replyTo()).isNull();
  }
}
