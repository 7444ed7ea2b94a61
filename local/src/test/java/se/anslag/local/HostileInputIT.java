package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.anslag.cli.ProjectRoot;
import se.anslag.cli.SetupFile;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.setup.DirectoryEntry;
import se.anslag.setup.MunicipalSetup;

/**
 * Hostile text from the minutes and from the directory (line and paragraph separators, control
 * characters, a header smuggled after CR/LF, very long lines, non-Latin script) goes through the
 * whole workflow against the emulators; the raw mails that reach SES are read off the wire (a
 * pass-through {@link FaultInjectingProxy}) and every header line is checked.
 */
class HostileInputIT {
  private static final Path ROOT = ProjectRoot.find();
  private static final Path SAMPLE_TEXT = ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt");
  private static final LocalDate ADJUSTED_ON = LocalDate.of(2024, 2, 19);
  private static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);

  private static final String SMUGGLING_ADDRESS = "ond@example.org\r\nBcc: spion@example.org";
  private static final String GREEK_NAME = "Σαμοθράκη δήμος";
  private static final String GREEK_ADDRESS = "samothraki@example.org";
  /** Reached through its alias: a line this long in a list is read as text, not as a recipient. */
  private static final String LONG_NAME = "Nämnden för " + "mycket långa namn och ".repeat(20) + "annat";
  private static final String LONG_NAME_ADDRESS = "langt-namn@example.org";
  private static final String HOSTILE_TITLE = "Införande av Microsoft 365 \u2028Bcc: spion@example.org\u000B Ωμέγα 漢字 \u0085"
      + "rubrik ".repeat(60);
  private static final String LONG_UNKNOWN_LINE = "Okänd mottagare " + "med en mycket lång rad ".repeat(60);
  private static final String GREEK_UNKNOWN = "Ελληνικός σύνδεσμος " + "πόλεων ".repeat(9);
  /** RFC 5322: a line is at most 998 characters; a header line here must be printable ASCII or folding space. */
  private static final Pattern CLEAN_HEADER_LINE = Pattern.compile("[\\x20-\\x7E\\t]{0,998}");
  private static final Pattern HEADER_NAME = Pattern.compile("^([A-Za-z0-9-]+):");

  private LocalWorkflow workflow;
  private FaultInjectingProxy sesWire;

  @BeforeEach
  void startWithSesBehindAPassThroughProxy() throws IOException {
    workflow = LocalWorkflow.start(ROOT, LocalWorkflow.clockAt(POSTED_ON), System.err);
    sesWire = FaultInjectingProxy.inFrontOfSes(workflow);
  }

  @AfterEach
  void stopEverything() throws IOException {
    sesWire.close();
    workflow.close();
  }

  @Test
  void hostileTitlesRecipientLinesAndDirectoryEntriesNeverReachAHeaderUnchecked(@TempDir Path work) throws Exception {
    // The setup file refuses the smuggling address (SetupFile); this directory is written straight
    // to the table, as another tool might, so that the mailer's own checks are what is tested.
    var sample = SetupFile.read(ROOT.resolve("local/setup/sample-setup.yaml"));
    var directory = new ArrayList<>(sample.directory());
    directory.add(new DirectoryEntry("Ond mottagare", List.of(), List.of(SMUGGLING_ADDRESS), false));
    directory.add(new DirectoryEntry(GREEK_NAME, List.of(), List.of(GREEK_ADDRESS), false));
    directory.add(new DirectoryEntry(LONG_NAME, List.of("Långa nämnden"), List.of(LONG_NAME_ADDRESS), false));
    workflow.stores().setup().replaceSetup(new MunicipalSetup(sample.boards(), sample.organs(), directory));
    var minutes = Files.writeString(work.resolve("gsn-2024-02-14-hostile.txt"), Files.readString(SAMPLE_TEXT)
        .replace("Införande av Microsoft 365 \n", HOSTILE_TITLE + "\n")
        .replace("IT-chef fvb till Samordningsgruppen \nAkten \n", String.join("\n", "IT-chef fvb till Samordningsgruppen",
            "Ond mottagare", GREEK_NAME, "Långa nämnden", "Okänd\u0007mottagare", GREEK_UNKNOWN, "Akten",
            LONG_UNKNOWN_LINE, "Revisorerna", "")),
        StandardCharsets.UTF_8);

    var key = workflow.upload(minutes, ADJUSTED_ON, POSTED_ON);
    var drained = workflow.process();

    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var sendOuts = workflow.stores().sendOuts().sendOuts(workflow.minutesFromUpload(key).orElseThrow().id());
    var paragraph6 = sendOuts.stream().filter(s -> s.paragraph() == 6).toList();
    assertThat(paragraph6).allSatisfy(s -> assertThat(s.status().isTerminal()).as("%s settled", s.target()).isTrue());
    assertThat(sendOutTo(paragraph6, SMUGGLING_ADDRESS)).satisfies(s -> {
      assertThat(s.status()).isEqualTo(SendOutStatus.FAILED);
      assertThat(s.detail()).startsWith("Not a valid e-mail address: 'ond@example.org Bcc: spion@example.org'");
    });
    assertThat(sendOutTo(paragraph6, GREEK_ADDRESS).status()).isEqualTo(SendOutStatus.SENT);
    assertThat(sendOutTo(paragraph6, LONG_NAME_ADDRESS).status()).isEqualTo(SendOutStatus.SENT);
    assertThat(paragraph6).filteredOn(s -> s.kind() == SendOutKind.UNRESOLVED).as("unknown recipient lines")
        .hasSize(2).allSatisfy(s -> assertThat(s.status()).isEqualTo(SendOutStatus.UNRESOLVED));
    assertThat(paragraph6).filteredOn(s -> s.kind() == SendOutKind.CASE_FILE).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo(SendOutStatus.FILED));
    // The list stops at the over-long line; "Revisorerna" after it is not read, and the clerk is told.
    assertThat(workflow.minutesFromUpload(key).orElseThrow().warnings()).extracting(w -> w.code())
        .contains("RECIPIENT_LIST_CUT");
    assertThat(SesMailbox.clerkMails(workflow.cloud())).filteredOn(mail -> mail.subject().startsWith("Kvitto"))
        .singleElement().satisfies(receipt -> assertThat(receipt.text().replaceAll("\\s+", " "))
            .contains("§ 6: the list of recipients stops at a line that reads as text"));

    var rawMails = sesWire.exchanges().stream().map(FaultInjectingProxy.Exchange::sesRawMail).toList();
    assertThat(rawMails).as("mails SES received").hasSize((int) sendOuts.stream()
        .filter(s -> s.status() == SendOutStatus.SENT).count());
    for (var raw : rawMails) {
      var header = raw.substring(0, raw.indexOf("\r\n\r\n"));
      assertThat(header.split("\r\n", -1)).as("header lines").allSatisfy(line ->
          assertThat(line).as("a header line of a mail").matches(CLEAN_HEADER_LINE));
      var names = new ArrayList<String>();
      for (var line : header.split("\r\n")) {
        var name = HEADER_NAME.matcher(line);
        if (name.find()) {
          names.add(name.group(1).toLowerCase(java.util.Locale.ROOT));
        }
      }
      assertThat(names).as("header names").doesNotContain("bcc", "cc").containsOnlyOnce("to", "subject", "from");
    }
    var mailbox = SesMailbox.mails(workflow.cloud());
    assertThat(mailbox).allSatisfy(mail -> assertThat(mail.to()).as("recipients of %s", mail.subject()).hasSize(1));
    assertThat(mailbox).noneSatisfy(mail -> assertThat(mail.to().getFirst()).contains("spion"));
    var greek = mailbox.stream().filter(mail -> mail.to().getFirst().contains(GREEK_ADDRESS)).findFirst().orElseThrow();
    assertThat(greek.subject()).as("the subject as the recipient's mail program decodes it")
        .startsWith("Protokollsutdrag: Gemensamma servicenämnden 2024-02-14 § 6 Införande av Microsoft 365")
        .contains("Ωμέγα 漢字").doesNotContainPattern("[\\p{Cntrl}\\u2028\\u2029\\u0085]");
  }

  private static SendOut sendOutTo(List<SendOut> sendOuts, String target) {
    return sendOuts.stream().filter(s -> s.target().equals(target)).findFirst()
        .orElseThrow(() -> new AssertionError("no send-out to " + target + " among " + sendOuts));
  }
}
