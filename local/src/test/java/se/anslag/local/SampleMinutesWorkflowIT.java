package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;

/**
 * The sample minutes, as text and as PDF, from upload to sent decisions and both notice boards,
 * on the local emulators with the real handlers.
 */
class SampleMinutesWorkflowIT {
  private static final LocalDate ADJUSTED_ON = LocalDate.of(2024, 2, 19);
  private static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);
  private static final String ORGAN = "Gemensamma servicenämnden";
  private static final String CLERK = "gsn.sekreterare@ludvika.example.org";
  private static final String NOTICE_PAGE = "anslag/gemensamma-servicenamnden/2024-02-14/index.html";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The table of domain.md: § -> case number, title, recipients (qualifiers apart). */
  private record Expected(int number, String caseNumber, String title, List<String> recipients) {}

  private static final List<Expected> PARAGRAPHS = List.of(
      new Expected(1, "2024/7", "Begäran om överflyttning av investeringsmedel 2023-2024",
          List.of("Kommunstyrelsen", "Samverkande kommuner", "Ekonomienheten", "Akten")),
      new Expected(2, "2024/6", "Bokslut 2023",
          List.of("Samverkande kommuners fullmäktige", "Digitaliseringsrådet", "Akten")),
      new Expected(3, "2024/5", "Driftbudget och fördelningsnyckel 2025",
          List.of("Kommunstyrelsen", "Kommunstyrelsens förvaltnings verksamhetscontroller", "Samverkande kommuner",
              "Revisorerna", "Ekonomienheten", "Akten")),
      new Expected(4, "2024/8", "Investeringsbudget 2025",
          List.of("Kommunstyrelsen", "Kommunstyrelsens förvaltnings verksamhetscontroller", "Revisorerna",
              "Ekonomienheten", "Akten")),
      new Expected(5, "2024/2", "Information från verksamheten", List.of("Akten")),
      new Expected(6, "2024/9", "Införande av Microsoft 365", List.of("IT-chef", "Akten")));

  /** The sample setup's addresses for each recipient. */
  private static final Map<String, List<String>> ADDRESSES = Map.of(
      "Kommunstyrelsen", List.of("kommunstyrelsen@ludvika.example.org"),
      "Samverkande kommuner", List.of("registrator@ludvika.example.org", "registrator@smedjebacken.example.org"),
      "Samverkande kommuners fullmäktige",
      List.of("kommunfullmaktige@ludvika.example.org", "kommunfullmaktige@smedjebacken.example.org"),
      "Ekonomienheten", List.of("ekonomienheten@ludvika.example.org"),
      "Kommunstyrelsens förvaltnings verksamhetscontroller", List.of("verksamhetscontroller@ludvika.example.org"),
      "Revisorerna", List.of("revisorerna@ludvika.example.org"),
      "Digitaliseringsrådet", List.of("digitaliseringsradet@ludvika.example.org"),
      "IT-chef", List.of("it-chef@ludvika.example.org"));

  @RegisterExtension static final SampleWorkflow sample = new SampleWorkflow();
  private LocalWorkflow workflow;

  @BeforeEach
  void useTheSampleWorkflow() {
    workflow = sample.get();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gsn-2024-02-14.txt", "gsn-2024-02-14.pdf"})
  void sampleMinutesGoFromUploadToSentDecisionsAndBothBoards(String sample) throws Exception {
    var key = workflow.upload(SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/" + sample), ADJUSTED_ON, POSTED_ON);
    var drained = workflow.process();

    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var minutes = workflow.minutesFromUpload(key).orElseThrow();
    assertThat(minutes.status()).isEqualTo(MinutesStatus.DISPATCHED);
    assertThat(minutes.organ()).isEqualTo(ORGAN);
    assertThat(minutes.meetingDate()).isEqualTo(LocalDate.of(2024, 2, 14));
    assertThat(minutes.paragraphRange().from()).isEqualTo(1);
    assertThat(minutes.paragraphRange().to()).isEqualTo(6);
    assertThat(minutes.storagePlace()).contains("kanslienheten, stadshuset Ludvika");
    assertThat(minutes.adjustedOn()).isEqualTo(ADJUSTED_ON);
    assertThat(minutes.warnings()).isEmpty();

    assertParagraphsAsInTheDomainTable(minutes.id());
    assertNoticesOnBothBoards(workflow.stores().notices().notices(minutes.id()));
    var sendOuts = workflow.stores().sendOuts().sendOuts(minutes.id());
    assertOneSendOutPerParagraphAndAddress(sendOuts);
    assertMailsInTheSesEmulator(sendOuts);
    assertReceiptAndSummaryToTheClerk(sendOuts);
    assertExtractsFiledNotMailed(sendOuts);
    assertBoardsListTheNotice();

    // The day before takedown the notice is still up; on the takedown day the schedule removes it.
    workflow.runDailySchedule(LocalDate.of(2024, 3, 12));
    for (var board : List.of("ludvika", "smedjebacken")) {
      assertThat(siteText(board + "/index.html")).contains(NOTICE_PAGE.replace("index.html", ""));
    }
    workflow.runDailySchedule(LocalDate.of(2024, 3, 13));
    for (var board : List.of("ludvika", "smedjebacken")) {
      assertThat(siteText(board + "/index.html")).doesNotContain("2024-03-12");
      assertThat(siteText(board + "/" + NOTICE_PAGE)).contains("Anslaget är nedtaget").doesNotContain("Bokslut 2023");
    }
    assertThat(workflow.stores().notices().notices(minutes.id())).allMatch(Notice::takenDown);
  }

  private void assertParagraphsAsInTheDomainTable(String minutesId) {
    var paragraphs = workflow.stores().minutes().paragraphs(minutesId);
    assertThat(paragraphs).hasSize(6);
    for (int i = 0; i < PARAGRAPHS.size(); i++) {
      var expected = PARAGRAPHS.get(i);
      var actual = paragraphs.get(i);
      assertThat(actual.number()).isEqualTo(expected.number());
      assertThat(actual.caseNumber()).as("§ %d case number", expected.number()).isEqualTo(expected.caseNumber());
      assertThat(actual.title()).as("§ %d title", expected.number()).isEqualTo(expected.title());
      assertThat(actual.recipients()).extracting(r -> r.name()).as("§ %d recipients", expected.number())
          .containsExactlyElementsOf(expected.recipients());
      assertThat(actual.decision()).as("§ %d decision", expected.number()).isNotBlank();
    }
    assertThat(paragraphs.get(5).recipients().getFirst().forwardTo()).isEqualTo("Samordningsgruppen");
  }

  private static void assertNoticesOnBothBoards(List<Notice> notices) {
    assertThat(notices).extracting(Notice::boardId).containsExactlyInAnyOrder("ludvika", "smedjebacken");
    for (var notice : notices) {
      assertThat(notice.postedOnThisBoard()).isEqualTo(POSTED_ON);
      assertThat(notice.dates()).isEqualTo(
          new NoticeDates(POSTED_ON, LocalDate.of(2024, 3, 12), LocalDate.of(2024, 3, 13)));
      assertThat(notice.takenDown()).isFalse();
    }
  }

  private static void assertOneSendOutPerParagraphAndAddress(List<SendOut> sendOuts) {
    var expected = new ArrayList<String>();
    for (var paragraph : PARAGRAPHS) {
      for (var recipient : paragraph.recipients()) {
        ADDRESSES.getOrDefault(recipient, List.of()).forEach(a -> expected.add(paragraph.number() + " " + a));
      }
    }
    var mailed = sendOuts.stream().filter(s -> s.kind() == SendOutKind.EMAIL).toList();
    assertThat(mailed).extracting(s -> s.paragraph() + " " + s.target()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(mailed).allSatisfy(s -> {
      assertThat(s.status()).isEqualTo(SendOutStatus.SENT);
      assertThat(s.sesMessageId()).isNotBlank();
      assertThat(s.attempts()).isEqualTo(1);
    });
  }

  private void assertMailsInTheSesEmulator(List<SendOut> sendOuts) throws IOException, InterruptedException {
    var emails = sesStore().path("emails");
    var mailed = sendOuts.stream().filter(s -> s.kind() == SendOutKind.EMAIL).toList();
    assertThat(emails.size()).as("mails in the SES emulator: the decisions, the receipt and the summary")
        .isEqualTo(mailed.size() + 2);
    for (var sendOut : mailed) {
      var paragraph = PARAGRAPHS.get(sendOut.paragraph() - 1);
      var matching = new ArrayList<JsonNode>();
      emails.forEach(mail -> {
        if (mail.path("destination").path("to").get(0).asText().equals(sendOut.target())
            && mail.path("subject").asText().contains("§ " + sendOut.paragraph() + " ")) {
          matching.add(mail);
        }
      });
      assertThat(matching).as("mails of § %d to %s", sendOut.paragraph(), sendOut.target()).hasSize(1);
      var mail = matching.getFirst();
      assertThat(mail.path("destination").path("to")).hasSize(1);
      assertThat(mail.path("subject").asText())
          .endsWith("Protokollsutdrag: " + ORGAN + " 2024-02-14 § " + paragraph.number() + " " + paragraph.title());
      var decision = workflow.stores().minutes().paragraph(sendOut.minutesId(), sendOut.paragraph()).orElseThrow().decision();
      assertThat(mail.path("body").path("text").asText()).contains(decision).contains("Sista dag för överklagande: 2024-03-12");
      assertThat(mail.path("replyTo").get(0).asText()).isEqualTo(CLERK);
      // Sent as raw MIME: the emulator parses it back into subject, bodies and attachments.
      assertThat(mail.path("body").path("html").asText()).contains("<h2>Beslut</h2>");
      var attachments = mail.path("attachments");
      assertThat(attachments).as("attachments of § %d to %s", sendOut.paragraph(), sendOut.target()).hasSize(1);
      assertThat(attachments.get(0).path("filename").asText())
          .isEqualTo("protokollsutdrag-2024-02-14-paragraf-" + sendOut.paragraph() + ".pdf");
      assertThat(attachments.get(0).path("contentType").asText()).isEqualTo("application/pdf");
      var pdf = Base64.getDecoder().decode(attachments.get(0).path("content").asText());
      assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
        assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " "))
            .as("the extract of § %d, read back", sendOut.paragraph())
            .contains("Paragraf: § " + paragraph.number(), "Ärende: " + paragraph.title(), "Utdragsbestyrkande:");
      }
      if ("för kännedom".equals(sendOut.qualifier())) {
        assertThat(mail.path("subject").asText()).startsWith("För kännedom: ");
      }
    }
  }

  private void assertReceiptAndSummaryToTheClerk(List<SendOut> sendOuts) throws IOException, InterruptedException {
    var clerkSendOuts = sendOuts.stream().filter(s -> s.kind().isClerkMail()).toList();
    // The receipt's key names the upload it answers (from the event's sequencer here, its version on AWS).
    assertThat(clerkSendOuts).extracting(SendOut::kind, SendOut::address, SendOut::status, SendOut::attempts)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(SendOutKind.RECEIPT, CLERK, SendOutStatus.SENT, 1),
            org.assertj.core.groups.Tuple.tuple(SendOutKind.SUMMARY, CLERK, SendOutStatus.SENT, 1));
    assertThat(clerkSendOuts).extracting(SendOut::target).anyMatch(target -> target.matches("receipt:[0-9a-f]{16}:" + CLERK))
        .contains("summary:" + CLERK);
    var toClerk = new ArrayList<JsonNode>();
    sesStore().path("emails").forEach(mail -> {
      if (mail.path("destination").path("to").get(0).asText().equals(CLERK)) {
        toClerk.add(mail);
      }
    });
    assertThat(toClerk).extracting(mail -> mail.path("subject").asText()).containsExactlyInAnyOrder(
        "Kvitto: " + ORGAN + " 2024-02-14 mottaget", "Sammanfattning: " + ORGAN + " 2024-02-14 utskick klart");
    var receipt = toClerk.stream().filter(m -> m.path("subject").asText().startsWith("Kvitto")).findFirst().orElseThrow();
    var receiptText = receipt.path("body").path("text").asText();
    for (var paragraph : PARAGRAPHS) {
      assertThat(receiptText).contains("§ " + paragraph.number() + " Dnr " + paragraph.caseNumber() + ": " + paragraph.title());
    }
    assertThat(receiptText).contains("Planerade utskick (24)", "Sista dag för överklagande: 2024-03-12",
        "Anslaget på Smedjebackens kommun: 2024-02-20", "Mottagare som inte finns i mottagarregistret (0)");
    var summary = toClerk.stream().filter(m -> m.path("subject").asText().startsWith("Sammanfattning")).findFirst()
        .orElseThrow();
    assertThat(summary.path("body").path("text").asText())
        .contains("Skickade: 18", "Diarieförda: 6", "Misslyckade: 0", "Okända mottagare: 0");
  }

  private void assertExtractsFiledNotMailed(List<SendOut> sendOuts) throws IOException, InterruptedException {
    var filed = sendOuts.stream().filter(s -> s.kind() == SendOutKind.CASE_FILE).toList();
    assertThat(filed).hasSize(6).allMatch(s -> s.status() == SendOutStatus.FILED);
    var archived = workflow.cloud().s3().listObjectsV2(b -> b.bucket(workflow.cloud().physicalId("ArchiveBucket")))
        .contents().stream().map(o -> o.key()).collect(Collectors.toSet());
    assertThat(archived).hasSize(6).contains("case-files/2024_7/2024-02-14-gemensamma-servicenamnden-paragraf-1.txt");
    sesStore().path("emails").forEach(mail ->
        assertThat(mail.path("destination").path("to").toString().toLowerCase()).doesNotContain("akten"));
  }

  private void assertBoardsListTheNotice() {
    for (var board : List.of("ludvika", "smedjebacken")) {
      var index = siteText(board + "/index.html");
      assertThat(index).contains(ORGAN).contains("2024-02-20").contains("2024-03-12").contains("2024-03-13");
      assertThat(siteText(board + "/" + NOTICE_PAGE)).contains("2024-02-20").contains("2024-03-12")
          .contains("2024-03-13").contains("Bokslut 2023");
    }
  }

  private String siteText(String key) {
    return new String(workflow.siteFile(key).orElseThrow(() -> new AssertionError("no site file " + key)),
        StandardCharsets.UTF_8);
  }

  private JsonNode sesStore() throws IOException, InterruptedException {
    try (var http = HttpClient.newHttpClient()) {
      var response = http.send(HttpRequest.newBuilder(workflow.cloud().sesStore()).build(),
          HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    }
  }

}
