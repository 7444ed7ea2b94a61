package se.anslag.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.anslag.domain.Board;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.TakedownPolicy;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.Paragraph;
import se.anslag.domain.ParagraphRange;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.Warning;
import se.anslag.ports.SampleWorld;
import se.anslag.setup.MunicipalSetup;

/** The clerk's receipt and summary mails: what they list and how. */
class ClerkMailComposerTest {
  private static final Instant NOW = Instant.parse("2024-02-20T08:00:00Z");
  private static final String CLERK = "gsn.sekreterare@ludvika.example.org";
  private static final MinutesRecord MINUTES = new MinutesRecord("abc123", "bucket", "uploads/gsn.pdf", NOW,
      "Gemensamma servicenämnden", "gemensamma-servicenamnden", LocalDate.of(2024, 2, 14), new ParagraphRange(1, 2),
      "kanslienheten, stadshuset Ludvika", LocalDate.of(2024, 2, 19), MinutesStatus.DISPATCHED, null,
      List.of(new Warning("LATE_POSTING", "Anslaget sattes upp efter den 21 februari.")));
  private static final NoticeDates DATES =
      new NoticeDates(LocalDate.of(2024, 2, 20), LocalDate.of(2024, 3, 12), LocalDate.of(2024, 3, 13));
  private static final List<Notice> NOTICES = List.of(
      new Notice("abc123", "ludvika", LocalDate.of(2024, 2, 20), DATES, TakedownPolicy.NEXT_DAY, false),
      new Notice("abc123", "smedjebacken", LocalDate.of(2024, 2, 20), DATES, TakedownPolicy.NEXT_DAY, false));
  private static final MunicipalSetup SETUP = new MunicipalSetup(
      List.of(new Board("ludvika", "Ludvika kommun"), new Board("smedjebacken", "Smedjebackens kommun")),
      List.of(), List.of());
  private static final List<Paragraph> PARAGRAPHS = List.of(
      new Paragraph(1, "2024/7", "Begäran om överflyttning av investeringsmedel", "Beslut.", "Text.", List.of()),
      new Paragraph(2, "2024/6", "Bokslut 2023", "Beslut.", "Text.", List.of()));

  private final ClerkMailComposer composer = new ClerkMailComposer();

  private static SendOut sendOut(int paragraph, String target, SendOutKind kind, String name, SendOutStatus status,
      String detail) {
    return new SendOut("abc123", paragraph, target, kind, List.of(name), null, status, 1, null, NOW, NOW, detail);
  }

  private static final List<SendOut> SEND_OUTS = List.of(
      sendOut(1, "ks@example.org", SendOutKind.EMAIL, "Kommunstyrelsen", SendOutStatus.SENT, null),
      sendOut(1, SendOut.CASE_FILE_TARGET, SendOutKind.CASE_FILE, "Akten", SendOutStatus.FILED, null),
      sendOut(2, "revisorerna@example.org", SendOutKind.EMAIL, "Revisorerna", SendOutStatus.FAILED,
          "Address rejected by SES"),
      sendOut(2, "unresolved:digitaliseringsradet", SendOutKind.UNRESOLVED, "Digitaliseringsrådet",
          SendOutStatus.UNRESOLVED, "The recipient directory has no entry for 'Digitaliseringsrådet'"),
      SendOut.toClerk("abc123", SendOutKind.RECEIPT, CLERK, "Gemensamma servicenämnden", NOW));

  @Test
  void receiptListsWhatWasReadTheDatesWarningsPlannedSendOutsAndUnknownRecipients() {
    var mail = composer.receipt(CLERK, MINUTES, PARAGRAPHS, NOTICES, SEND_OUTS, SETUP);

    assertThat(mail.to()).isEqualTo(CLERK);
    assertThat(mail.subject()).isEqualTo("Kvitto: Gemensamma servicenämnden 2024-02-14 mottaget");
    assertThat(mail.text()).contains("Organ: Gemensamma servicenämnden", "Sammanträdesdatum: 2024-02-14",
        "§ 1 Dnr 2024/7: Begäran om överflyttning av investeringsmedel", "§ 2 Dnr 2024/6: Bokslut 2023",
        "Protokollet justerat: 2024-02-19", "Anslaget på Ludvika kommun: 2024-02-20",
        "Anslaget på Smedjebackens kommun: 2024-02-20", "Sista dag för överklagande: 2024-03-12",
        "Anslaget tas ned: 2024-03-13", "- Anslaget sattes upp efter den 21 februari.",
        "Planerade utskick (3)", "§ 1 Kommunstyrelsen: ks@example.org", "§ 1 Akten: diarieförs i akten",
        "§ 2 Revisorerna: revisorerna@example.org",
        "Mottagare som inte finns i mottagarregistret (1)", "§ 2 Digitaliseringsrådet");
    assertThat(mail.text()).doesNotContain("receipt:");
    assertThat(mail.html()).contains("Digitaliseringsrådet").doesNotContain("<script");
  }

  @Test
  void summaryCountsEachOutcomeAndNamesTheFailedAndUnresolved() {
    var mail = composer.summary(CLERK, MINUTES, SEND_OUTS);

    assertThat(mail.subject()).isEqualTo("Sammanfattning: Gemensamma servicenämnden 2024-02-14 utskick klart");
    assertThat(mail.text()).contains("Skickade: 1\n", "Diarieförda: 1\n", "Misslyckade: 1\n", "Okända mottagare: 1\n",
        "§ 2 Revisorerna (revisorerna@example.org): Address rejected by SES", "Okända mottagare\n  § 2 Digitaliseringsrådet");
  }

  @Test
  void summaryOfAFlawlessSendOutSaysSo() {
    var mail = composer.summary(CLERK, MINUTES, SEND_OUTS.subList(0, 2));

    assertThat(mail.text()).contains("Skickade: 1\n", "Misslyckade: 0\n", "Alla beslut har skickats eller diarieförts.")
        .doesNotContain("Misslyckade utskick");
  }

  @Test
  void receiptOfRejectedMinutesGivesTheReason() {
    var rejected = MINUTES.withStatus(MinutesStatus.REJECTED,
        "The upload's metadata posted-on is 'i morgon', not a date written YYYY-MM-DD");

    var mail = composer.receipt(CLERK, rejected, List.of(), List.of(), List.of(), SETUP);

    assertThat(mail.subject()).isEqualTo("Kvitto: protokollet uploads/gsn.pdf kunde inte tas emot");
    assertThat(mail.text()).contains("Skäl: The upload's metadata posted-on is 'i morgon'", "Fil: uploads/gsn.pdf")
        .doesNotContain("Planerade utskick");
  }

  @Test
  void receiptOfAFileTooLargeToReadSaysSoInSwedishWithTheLimit() {
    var unread = new MinutesRecord("abc123", "bucket", "uploads/stort.pdf", NOW, null, null, null, null, null,
        null, MinutesStatus.REJECTED, "The file is 30 MB; files larger than 20 MB are not accepted.",
        List.of(new Warning("FILE_TOO_LARGE", "The file was not read")));

    var mail = composer.receipt(CLERK, unread, List.of(), List.of(), List.of(), SETUP);

    assertThat(mail.subject()).isEqualTo("Kvitto: protokollet uploads/stort.pdf kunde inte tas emot");
    assertThat(mail.text()).contains("Skäl: The file is 30 MB; files larger than 20 MB are not accepted.",
        "Filen är större än 20 MB och har därför inte lästs alls.").doesNotContain("Organ:");
  }

  @Test
  void receiptOfMinutesReadInPartNamesEachMissingFactAndHowToSupplyIt() {
    var readInPart = new MinutesRecord("abc123", "bucket", "uploads/protokoll.pdf", NOW, null, null, null, null, null,
        null, MinutesStatus.NEEDS_CLERK, "The minutes could be read only in part: ...",
        List.of(new Warning("ORGAN_IN_DOUBT", "The minutes print 'Kommunstyrelsen' and 'Tekniska nämnden' ..."),
            new Warning("MEETING_DATE_NOT_FOUND", "No meeting date was found ..."),
            new Warning("STORAGE_PLACE_NOT_FOUND", "No storage place was found ...")));
    var setup = new MunicipalSetup(SETUP.boards(), List.of(SampleWorld.SETUP.organs().getFirst()), List.of());

    var mail = composer.receipt(CLERK, readInPart, List.of(), List.of(), List.of(), setup);

    assertThat(mail.subject()).isEqualTo("Kvitto: protokollet uploads/protokoll.pdf behöver kompletteras");
    assertThat(mail.text())
        .contains("inte satt upp något anslag och inte skickat några beslut")
        .contains("Organ: protokollet anger flera olika organ")
        .contains("Sammanträdesdatum: hittades inte i protokollet")
        .contains("organ = organets kortnamn, ett av: gemensamma-servicenamnden (Gemensamma servicenämnden)")
        .contains("meeting-date = sammanträdesdatum skrivet ÅÅÅÅ-MM-DD")
        .doesNotContain("Förvaringsplats", "Paragraferna går inte", "Planerade utskick");
  }

  @Test
  void aClerkAddressThatIsNoAddressIsRefused() {
    assertThatThrownBy(() -> composer.summary("clerk@example.org\r\nBcc: x@example.org", MINUTES, SEND_OUTS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
