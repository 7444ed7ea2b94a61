package se.anslag.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.anslag.domain.Paragraph;
import se.anslag.domain.RecipientLine;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;

/** What a corrected upload changes: unchanged paragraphs, and the send-outs that are not sent again. */
class CorrectionsTest {
  private static final Instant SENT_AT = Instant.parse("2024-02-20T08:05:00Z");
  private static final Instant NOW = Instant.parse("2024-02-21T10:00:00Z");
  private static final RecipientLine KS = new RecipientLine("Kommunstyrelsen", null, "Kommunstyrelsen");
  private static final RecipientLine IT = new RecipientLine("IT-chef", null, "IT-chef");

  private static Paragraph paragraph(int number, String decision, RecipientLine... recipients) {
    var text = "§ " + number + " Dnr 2024/5\nTitel\nBeslut\n" + decision + "\n______\nBeslut skickas till\n"
        + String.join("\n", List.of(recipients).stream().map(RecipientLine::raw).toList());
    return new Paragraph(number, "2024/5", "Titel", decision, text, List.of(recipients));
  }

  private static SendOut sendOut(String minutesId, int paragraph, String target, SendOutStatus status) {
    return new SendOut(minutesId, paragraph, target, SendOutKind.EMAIL, List.of("X"), null, status, 1, null,
        SENT_AT, SENT_AT, null);
  }

  @Test
  void whitespaceAloneDoesNotChangeAParagraph() {
    var earlier = paragraph(3, "Nämnden godkänner\nförslaget.", KS);
    var corrected = new Paragraph(3, " 2024/5", "Titel ", "Nämnden  godkänner förslaget.",
        earlier.text().replace("\n", "\n\n  "), earlier.recipients());

    assertThat(Corrections.unchanged(earlier, corrected)).isTrue();
  }

  @Test
  void anotherDecisionChangesAParagraph() {
    assertThat(Corrections.unchanged(paragraph(3, "Godkänns.", KS), paragraph(3, "Avslås.", KS))).isFalse();
  }

  @Test
  void anAddedRecipientLineLeavesTheParagraphUnchanged() {
    assertThat(Corrections.unchanged(paragraph(6, "Noteras.", KS), paragraph(6, "Noteras.", KS, IT))).isTrue();
  }

  @Test
  void aParagraphMissingFromTheEarlierVersionIsACorrection() {
    assertThat(Corrections.isCorrection(Optional.empty(), paragraph(7, "Nytt."))).isTrue();
    assertThat(Corrections.isCorrection(Optional.of(paragraph(7, "Nytt.")), paragraph(7, "Nytt."))).isFalse();
  }

  @Test
  void unchangedParagraphsAlreadySentAreRecordedUnchangedAndTheRestStaysPending() {
    var earlier = List.of(paragraph(3, "Godkänns.", KS), paragraph(6, "Noteras.", KS));
    var corrected = List.of(paragraph(3, "Avslås.", KS), paragraph(6, "Noteras.", KS, IT));
    var planned = List.of(
        sendOut("v2", 3, "ks@example.org", SendOutStatus.PENDING),
        sendOut("v2", 6, "ks@example.org", SendOutStatus.PENDING),
        sendOut("v2", 6, "it@example.org", SendOutStatus.PENDING));
    var earlierSendOuts = List.of(
        sendOut("v1", 3, "ks@example.org", SendOutStatus.SENT),
        sendOut("v1", 6, "ks@example.org", SendOutStatus.DELIVERED));

    var result = Corrections.plan(planned, 1, earlier, corrected, earlierSendOuts, NOW);

    assertThat(result).extracting(s -> s.paragraph() + " " + s.target() + " " + s.status()).containsExactly(
        "3 ks@example.org PENDING", "6 ks@example.org UNCHANGED", "6 it@example.org PENDING");
    assertThat(result.get(1).detail()).isEqualTo("sent with version 1 on " + SENT_AT);
  }

  @Test
  void aFailedEarlierSendOutOfAnUnchangedParagraphIsTriedAgain() {
    var paragraphs = List.of(paragraph(6, "Noteras.", KS));
    var planned = List.of(sendOut("v2", 6, "ks@example.org", SendOutStatus.PENDING));

    var result = Corrections.plan(planned, 1, paragraphs, paragraphs,
        List.of(sendOut("v1", 6, "ks@example.org", SendOutStatus.FAILED)), NOW);

    assertThat(result).singleElement().extracting(SendOut::status).isEqualTo(SendOutStatus.PENDING);
  }

  @Test
  void anEarlierSendOutNotYetSettledLeavesTheCorrectedOneToWaitForItsOutcome() {
    var paragraphs = List.of(paragraph(6, "Noteras.", KS, IT));
    var planned = List.of(sendOut("v2", 6, "ks@example.org", SendOutStatus.PENDING),
        sendOut("v2", 6, "it@example.org", SendOutStatus.PENDING));

    var result = Corrections.plan(planned, 1, paragraphs, paragraphs,
        List.of(sendOut("v1", 6, "ks@example.org", SendOutStatus.PENDING),
            sendOut("v1", 6, "it@example.org", SendOutStatus.SENDING)), NOW);

    assertThat(result).extracting(SendOut::status).containsExactly(SendOutStatus.PENDING, SendOutStatus.PENDING);
    assertThat(Corrections.carryOver(SendOutStatus.PENDING)).isEqualTo(Corrections.CarryOver.UNSETTLED);
    assertThat(Corrections.carryOver(SendOutStatus.SENDING)).isEqualTo(Corrections.CarryOver.UNSETTLED);
    assertThat(Corrections.carryOver(SendOutStatus.FAILED)).isEqualTo(Corrections.CarryOver.NOT_REACHED);
  }

  @Test
  void anUnchangedSendOutOfAnEarlierCorrectionKeepsNamingTheVersionThatSentIt() {
    var paragraphs = List.of(paragraph(6, "Noteras.", KS));
    var earlier = new SendOut("v2", 6, "ks@example.org", SendOutKind.EMAIL, List.of("X"), null,
        SendOutStatus.UNCHANGED, 0, null, SENT_AT, SENT_AT, "sent with version 1 on " + SENT_AT);

    var result = Corrections.plan(List.of(sendOut("v3", 6, "ks@example.org", SendOutStatus.PENDING)), 2,
        paragraphs, paragraphs, List.of(earlier), NOW);

    assertThat(result).singleElement().extracting(SendOut::detail).isEqualTo("sent with version 1 on " + SENT_AT);
  }
}
