package se.anslag.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import se.anslag.domain.Minutes;
import se.anslag.domain.Paragraph;
import se.anslag.domain.ParagraphRange;
import se.anslag.domain.PrintedNoticeDates;
import se.anslag.domain.RecipientLine;
import se.anslag.domain.Warning;

/** Small texts in the layouts real minutes use, each showing one or two variants. */
class LayoutVariantsTest {

  private final MinutesReader reader = new MinutesReader();

  /** Borås' transcript lost its header's organ: the decisions still name it, and the clerk is asked to check. */
  @Test
  void readsTheOrganFromItsDecisionsWhenNoTitleOrNoticeNamesIt() throws Exception {
    String text = """
        Tid och Plats 2013-08-29 Sessionssalen
        § 75 Godkännande av föredragningslista
        Upprättad föredragningslista godkänns utan tillägg och ändringar av ledamöterna.
        § 76 Information om integrationsarbetet
        Mångfaldsutvecklaren informerar om integrationsarbetet inom staden och förvaltningen.
        Tekniska nämnden beslutar att informationen läggs till handlingarna.
        """;

    Minutes minutes = reader.readText(text);

    assertThat(minutes.organ()).isEqualTo("Tekniska nämnden");
    assertThat(minutes.warnings()).extracting(Warning::code)
        .contains("ORGAN_FROM_DECISIONS").doesNotContain("ORGAN_NOT_FOUND");
  }

  /** One paragraph reports another organ's decision: with two deciders printed, the organ is the clerk's to supply. */
  @Test
  void takesNoOrganWhenTheDecisionsNameTwo() throws Exception {
    String text = """
        Tid och Plats 2013-08-29 Sessionssalen
        § 75 Remiss om hastigheter
        Kommunstyrelsen beslutade i maj att remittera förslaget till nämnden för yttrande.
        Tekniska nämnden beslutar att tillstyrka förslaget med de ändringar som förvaltningen föreslår.
        """;

    Minutes minutes = reader.readText(text);

    assertThat(minutes.organ()).isNull();
    assertThat(minutes.warnings()).extracting(Warning::code).contains("ORGAN_NOT_FOUND");
  }

  @Test
  void readsAPrefixedHeadingWithTheCaseNumberOnTheLineBefore() throws Exception {
    String text = """
        VIMMERBY KOMMUN
        SAMMANTRÄDESPROTOKOLL
        Organ och sammanträdesdatum Barn- och utbildningsnämnden 2016-05-24
        Justeringens plats och tid Vimmerby 31 maj 2016
        Paragrafer 81–82
        BEVIS OM ANSLAG
        Datum då anslaget sätts upp 2016-05-31 Datum då anslaget tas ned 2016-06-22
        Protokollets förvaringsplats Barn- och utbildningskontoret
        Justerandes sign
        Dnr BUN/2016:360
        BUN § 81
        Val av justerare
        Beslut
        Nämnden utser Anna Ek att justera protokollet.
        Exp: Tekniska enheten, Barn- och utbildningsnämnden
        Sida 2 av 5
        Justerandes sign Utdragsbestyrkande
        SAMMANTRÄDESPROTOKOLL
        Barn- och utbildningsnämnden 2016-05-24
        BUN § 82
        Skolskjutsar läsåret 2016/2017 (BUN/2016:12)
        Barn- och utbildningsnämndens beslut
        1. Riktlinjen antas.
        2. Den gäller från
        den 1 juli 2016.
        Beslutet skickas till
        – Diariet
        – Rektor, för kännedom
        – Kommunstyrelsen (för kännedom)
        3
        """;

    Minutes minutes = reader.readText(text);

    assertThat(minutes.organ()).isEqualTo("Barn- och utbildningsnämnden");
    assertThat(minutes.meetingDate()).isEqualTo(LocalDate.of(2016, 5, 24));
    assertThat(minutes.adjustedOn()).isEqualTo(LocalDate.of(2016, 5, 31));
    assertThat(minutes.paragraphRange()).isEqualTo(new ParagraphRange(81, 82));
    assertThat(minutes.storagePlace()).isEqualTo("Barn- och utbildningskontoret");
    assertThat(minutes.printedNotice())
        .isEqualTo(new PrintedNoticeDates(LocalDate.of(2016, 5, 31), null, LocalDate.of(2016, 6, 22)));
    assertThat(minutes.paragraphs())
        .extracting(Paragraph::number, Paragraph::caseNumber, Paragraph::title, Paragraph::decision)
        .containsExactly(
            tuple(81, "BUN/2016:360", "Val av justerare", "Nämnden utser Anna Ek att justera protokollet."),
            tuple(82, "BUN/2016:12", "Skolskjutsar läsåret 2016/2017",
                "1. Riktlinjen antas.\n2. Den gäller från den 1 juli 2016."));
    assertThat(minutes.paragraphs().get(0).recipients()).containsExactly(
        new RecipientLine("Tekniska enheten", null, "Tekniska enheten"),
        new RecipientLine("Barn- och utbildningsnämnden", null, "Barn- och utbildningsnämnden"));
    assertThat(minutes.paragraphs().get(1).recipients()).extracting(RecipientLine::name, RecipientLine::qualifier)
        .containsExactly(tuple("Diariet", null), tuple("Rektor", "för kännedom"), tuple("Kommunstyrelsen", "för kännedom"));
    assertThat(minutes.paragraphs().get(0).text()).doesNotContain("Sida 2", "Justerandes", "SAMMANTRÄDESPROTOKOLL")
        .doesNotContain("2016-05-24");
    assertThat(minutes.paragraphs().get(1).text()).doesNotContain("\n3");
    assertThat(minutes.warnings()).isEmpty();
  }

  @Test
  void readsANoticeBlockPrintedAfterTheParagraphs() throws Exception {
    String text = """
        Beslutsinstans Kommunstyrelsen
        Sammanträdesdatum 5 november 2013
        KS § 234 Dnr 191/2013
        Motion om cykelvägar
        Förslag till beslut
        Kommunstyrelsen föreslår att motionen bifalls.
        Kommunstyrelsens beslut
        Kommunstyrelsen föreslår kommunfullmäktige
        att avslå motionen.
        Expedieras till
        Kommunfullmäktige
        KS § 236 Dnr 12/2013
        Personalärende
        Ärendet redovisas inte med hänvisning till sekretess.
        Beslut skickas till
        Personalenheten
        ANSLAG/BEVIS
        Paragrafer §234 -§236
        Tid för anslag 2013-11-12 – 2013-12-04
        Sista dag för överklagande 2013-12-03
        Förvaringsplats för protokollet Kommunledningskontoret
        """;

    Minutes minutes = reader.readText(text);

    assertThat(minutes.organ()).isEqualTo("Kommunstyrelsen");
    assertThat(minutes.meetingDate()).isEqualTo(LocalDate.of(2013, 11, 5));
    assertThat(minutes.paragraphRange()).isEqualTo(new ParagraphRange(234, 236));
    assertThat(minutes.storagePlace()).isEqualTo("Kommunledningskontoret");
    assertThat(minutes.printedNotice()).isEqualTo(new PrintedNoticeDates(
        LocalDate.of(2013, 11, 12), LocalDate.of(2013, 12, 3), LocalDate.of(2013, 12, 4)));
    Paragraph motion = minutes.paragraphs().get(0);
    assertThat(motion.caseNumber()).isEqualTo("191/2013");
    assertThat(motion.decision()).isEqualTo("Kommunstyrelsen föreslår kommunfullmäktige att avslå motionen.");
    assertThat(motion.recipients()).extracting(RecipientLine::name).containsExactly("Kommunfullmäktige");
    Paragraph secret = minutes.paragraphs().get(1);
    assertThat(secret.decision()).isNull();
    assertThat(secret.text()).contains("Ärendet redovisas inte med hänvisning till sekretess.");
    assertThat(secret.recipients()).extracting(RecipientLine::name).containsExactly("Personalenheten");
    assertThat(secret.text()).doesNotContain("ANSLAG");
    assertThat(minutes.warnings()).contains(new Warning("MISSING_PARAGRAPH",
        "The minutes list § 234-236 but § 235 was not found in the text."));
    assertThat(minutes.warnings()).extracting(Warning::code)
        .containsExactlyInAnyOrder("MISSING_PARAGRAPH", "ADJUSTMENT_DATE_NOT_FOUND");
  }

  @Test
  void readsTitleAndCaseNumberOnTheHeadingLineAndWarnsAboutOrderAndDuplicates() throws Exception {
    String text = """
        Socialnämnden
        Sammanträdesprotokoll
        Plats och tid Sessionssalen, 2012-03-20 kl. 13.00
        Justerat den 2 april 2012
        Paragrafer 26 -- 29
        Anslaget uppsättes 2012-04-03 Anslaget nedtages 2012-04-25
        Förvaringsplats Socialkontoret
        SN § 26 Ekonomisk uppföljning Dnr 17/12
        Beslut
        Socialnämnden godkänner uppföljningen.
        Beslut sänds till
        Ekonomienheten (för kännedom)
        SN § 28 Ny taxa (SÄN/2012:3)
        Beslutsunderlag
        Tjänsteskrivelse 2012-03-01
        Protokollsutdrag till: Kommunfullmäktige, Ekonomienheten för åtgärd
        SN § 27 Information
        Beslut: Informationen noteras.
        SN § 27 Information igen
        Beslut: Noteras.
        Utdrag till
        Akten
        SN § 29 Övrigt
        Beslut
        Inga övriga frågor.
        """;

    Minutes minutes = reader.readText(text);

    assertThat(minutes.organ()).isEqualTo("Socialnämnden");
    assertThat(minutes.meetingDate()).isEqualTo(LocalDate.of(2012, 3, 20));
    assertThat(minutes.adjustedOn()).isEqualTo(LocalDate.of(2012, 4, 2));
    assertThat(minutes.paragraphRange()).isEqualTo(new ParagraphRange(26, 29));
    assertThat(minutes.printedNotice())
        .isEqualTo(new PrintedNoticeDates(LocalDate.of(2012, 4, 3), null, LocalDate.of(2012, 4, 25)));
    assertThat(minutes.paragraphs())
        .extracting(Paragraph::number, Paragraph::caseNumber, Paragraph::title)
        .containsExactly(
            tuple(26, "17/12", "Ekonomisk uppföljning"),
            tuple(28, "SÄN/2012:3", "Ny taxa"),
            tuple(27, null, "Information"),
            tuple(29, null, "Övrigt"));
    assertThat(minutes.paragraphs().get(0).recipients())
        .containsExactly(new RecipientLine("Ekonomienheten", "för kännedom", "Ekonomienheten (för kännedom)"));
    assertThat(minutes.paragraphs().get(1).recipients()).extracting(RecipientLine::name, RecipientLine::qualifier)
        .containsExactly(tuple("Kommunfullmäktige", null), tuple("Ekonomienheten", "för åtgärd"));
    assertThat(minutes.paragraphs().get(2).decision()).isEqualTo("Informationen noteras.");
    assertThat(minutes.warnings()).extracting(Warning::code).containsExactly(
        "PARAGRAPH_ORDER", "DUPLICATE_PARAGRAPH", "NO_DECISION", "NO_RECIPIENTS", "NO_RECIPIENTS");
    assertThat(minutes.warnings()).extracting(Warning::message).contains(
        "§ 27 comes after § 28 in the minutes.",
        "§ 28 has no decision (no \"Beslut\" section found).",
        "§ 29 has no recipients (no \"Beslut skickas till\" or similar list found).");
  }

  @Test
  void stripsBulletGlyphsAndJoinsBrokenWordsInTheDecision() throws Exception {
    String text = "Organ Kulturnämnden\nSammanträdesdatum 2024-05-02\n§ 7 Dnr KN 2024/55\nBidrag\nBeslut\n"
        + "\uF0B7 Nämnden beviljar bidrag till 2024-\n2025 års verksamhet.\n"
        + "\u2022 Bidraget betalas ut i risk- och\nkonsekvensordning.\nSkickas till\n\uF0B7 Föreningen\n";

    Paragraph paragraph = reader.readText(text).paragraphs().getFirst();

    assertThat(paragraph.caseNumber()).isEqualTo("KN 2024/55");
    assertThat(paragraph.decision()).isEqualTo(
        "Nämnden beviljar bidrag till 2024-2025 års verksamhet. Bidraget betalas ut i risk- och konsekvensordning.");
    assertThat(paragraph.recipients()).extracting(RecipientLine::name).containsExactly("Föreningen");
  }

  @Test
  void ignoresATableOfContentsBeforeTheParagraphs() throws Exception {
    String text = """
        Forum Miljönämnden
        Datum 2020-01-15
        Ärendelista
        § 1 Val av justerare
        § 2 Budget
        § 1 Val av justerare
        Beslut
        Eva Ros utses.
        Exp. Akten
        § 2 Budget
        Beslut
        Budgeten antas.
        Expediering
        Ekonomi
        """;

    Minutes minutes = reader.readText(text);

    assertThat(minutes.organ()).isEqualTo("Miljönämnden");
    assertThat(minutes.meetingDate()).isEqualTo(LocalDate.of(2020, 1, 15));
    assertThat(minutes.paragraphs()).extracting(Paragraph::number, Paragraph::decision)
        .containsExactly(tuple(1, "Eva Ros utses."), tuple(2, "Budgeten antas."));
    assertThat(minutes.paragraphs()).extracting(p -> p.recipients().getFirst().name()).containsExactly("Akten", "Ekonomi");
    // Only what the text does not print is named
    assertThat(minutes.warnings()).extracting(Warning::code).containsExactly(
        "PARAGRAPH_RANGE_NOT_FOUND", "ADJUSTMENT_DATE_NOT_FOUND", "STORAGE_PLACE_NOT_FOUND");
  }

  @Test
  void followsAParagraphThatContinuesOnTheNextPage() throws Exception {
    String text = "Organ Tekniska nämnden\nSammanträdesdatum 2023-09-12\nParagrafer § 40\n"
        + "TN § 40 Dnr TN 2023/88\nGatubelysning\nBeslut\nNämnden antar planen.\nBeslut skickas till\n"
        + "Gatuenheten\n\f\nJusterandes sign\nSida 4 (9)\nTN § 40 forts.\nStadsbyggnadskontoret för kännedom\n";

    Minutes minutes = reader.readText(text);

    assertThat(minutes.paragraphs()).singleElement().satisfies(p -> {
      assertThat(p.recipients()).extracting(RecipientLine::name)
          .containsExactly("Gatuenheten", "Stadsbyggnadskontoret");
      assertThat(p.text()).doesNotContain("forts", "Sida");
    });
    assertThat(minutes.warnings()).extracting(Warning::code)
        .containsExactly("ADJUSTMENT_DATE_NOT_FOUND", "STORAGE_PLACE_NOT_FOUND");
  }

  @Test
  void aBudgetSectionNamedAnslagDoesNotEndTheParagraphs() throws Exception {
    String text = "Organ Kommunfullmäktige\nSammanträdesdatum 2022-11-28\n§ 90 Dnr KS 2022/300\nBudget 2023\n"
        + "Anslag\nAnslagen fördelas enligt bilaga.\nBeslut\nBudgeten fastställs.\nBeslut skickas till\nAkten\n"
        + "§ 91 Dnr KS 2022/301\nSkattesats\nBeslut\nSkattesatsen är oförändrad.\nBeslut skickas till\nAkten\n";

    Minutes minutes = reader.readText(text);

    assertThat(minutes.paragraphs()).extracting(Paragraph::number, Paragraph::decision)
        .containsExactly(tuple(90, "Budgeten fastställs."), tuple(91, "Skattesatsen är oförändrad."));
  }

  /** Minutes up to the first recipient of § 26's list; the tests below go on from there. */
  private static final String SOCIALNAMNDEN_26_TO_EKONOMIENHETEN = """
        Socialnämnden
        Sammanträdesdatum 2012-03-20
        Justerat den 2 april 2012
        Paragrafer 26-27
        SN § 26 Ekonomisk uppföljning
        Beslut
        Socialnämnden godkänner uppföljningen.
        Beslut skickas till
        Ekonomienheten
        """;

  @Test
  void aRecipientListCutShortByALineOfTextIsWarnedAboutAndOneFollowedByProseIsNot() throws Exception {
    String text = SOCIALNAMNDEN_26_TO_EKONOMIENHETEN + """
        %s
        Revisorerna
        Akten
        SN § 27 Ny taxa
        Beslut
        Taxan fastställs.
        Beslut skickas till
        Kommunfullmäktige
        Ärendet har beretts av förvaltningen och behandlats i arbetsutskottet den 5 mars.
        """.formatted("Nämnden för " + "mycket långa namn och ".repeat(5) + "annat");

    Minutes minutes = reader.readText(text);

    assertThat(minutes.paragraphs().get(0).recipients()).extracting(RecipientLine::name).containsExactly("Ekonomienheten");
    assertThat(minutes.paragraphs().get(1).recipients()).extracting(RecipientLine::name)
        .containsExactly("Kommunfullmäktige");
    assertThat(minutes.warnings()).filteredOn(w -> w.code().equals("RECIPIENT_LIST_CUT")).singleElement()
        .extracting(Warning::message).isEqualTo("§ 26: the list of recipients stops at a line that reads as text"
            + " ('Nämnden för mycket långa namn och mycket långa namn och myc…'); the short lines after it are not"
            + " read as recipients. A recipient's name is at most 90 characters: check the list.");
  }

  @Test
  void proseOrAOneLineListAfterALongLineIsNoCutList() throws Exception {
    String text = SOCIALNAMNDEN_26_TO_EKONOMIENHETEN + """
        %s
        i kommunstyrelsen.
        SN § 27 Ny taxa
        Beslut
        Taxan fastställs.
        Expedieras: Kommunfullmäktige
        %s
        Bilaga 1
        """.formatted("Uppföljningen har tagits fram av förvaltningen och visar ett överskott som ska redovisas vidare",
        "Taxan gäller från och med den första juli och ersätter den taxa som fullmäktige beslutade om tidigare");

    Minutes minutes = reader.readText(text);

    assertThat(minutes.paragraphs()).extracting(p -> p.recipients().size()).containsExactly(1, 1);
    assertThat(minutes.warnings()).extracting(Warning::code).doesNotContain("RECIPIENT_LIST_CUT");
  }
}
