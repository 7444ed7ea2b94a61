package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.anslag.cli.AnslagCli;
import se.anslag.cli.LocalStackFile;
import se.anslag.cli.ProjectRoot;
import se.anslag.domain.SendOutStatus;

/**
 * The clerk's commands `status`, `resend` and `redrive` against the local stack, found through the
 * local stack file as a running demo would write it.
 */
class ClerkCommandsIT {
  private static final Path ROOT = ProjectRoot.find();
  private static final Path SAMPLE_TEXT = ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt");
  private static final Path SAMPLE_SETUP = ROOT.resolve("local/setup/sample-setup.yaml");
  private static final LocalDate ADJUSTED_ON = LocalDate.of(2024, 2, 19);
  private static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);
  private static final String IT_CHEF = "it-chef@ludvika.example.org";
  private static final String REVISORERNA = "revisorerna@ludvika.example.org";

  private record Run(int exitCode, String out, String err) {}

  /** Each test loads the setup it needs: one of them loads it through the setup command. */
  @RegisterExtension static final SampleWorkflow sample = SampleWorkflow.withoutSetup();
  @TempDir Path temp;
  private LocalWorkflow workflow;
  private Path stackFile;

  @BeforeEach
  void writeTheStackFile() {
    workflow = sample.get();
    stackFile = temp.resolve("local-stack.json");
    workflow.stackFile().write(stackFile);
  }

  @Test
  void anUnresolvedRecipientIsSentOnceAfterTheDirectoryLearnsIt() throws IOException {
    workflow.loadSetup(setupWithoutItChef());
    workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);
    assertThat(workflow.process().deadLettered()).isZero();

    var before = run("status", "--stack-file", stackFile.toString());
    assertThat(before.exitCode()).isZero();
    assertThat(row(before.out(), "IT-chef")).contains("UNRESOLVED").contains("'IT-chef fvb till Samordningsgruppen'");

    var resend = run("resend", "--setup", SAMPLE_SETUP.toString(), "--stack-file", stackFile.toString());
    assertThat(resend.exitCode()).as(resend.err()).isZero();
    assertThat(resend.out()).contains("1 resolved, 0 still unresolved, 0 retried, 1 message(s) queued");
    assertThat(workflow.process().deadLettered()).isZero();

    assertThat(mailsTo(IT_CHEF)).isEqualTo(1);
    var after = run("status", "--stack-file", stackFile.toString()).out();
    assertThat(after.lines().filter(line -> line.contains("IT-chef")))
        .anySatisfy(line -> assertThat(line).contains(IT_CHEF).contains("SENT"))
        .anySatisfy(line -> assertThat(line).contains("RESOLVED").contains("Resolved as " + IT_CHEF));
    assertThat(after).doesNotContain("UNRESOLVED");
    var json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(run("status", "--json", "--stack-file", stackFile.toString()).out());
    assertThat(json.path("totals").path("RESOLVED").asInt()).isEqualTo(1);
    assertThat(json.path("sendOuts")).anySatisfy(row -> {
      assertThat(row.path("address").asText()).isEqualTo(IT_CHEF);
      assertThat(row.path("status").asText()).isEqualTo("SENT");
    });

    var again = run("resend", "--stack-file", stackFile.toString());
    assertThat(again.out()).contains("0 resolved, 0 still unresolved, 0 retried, 0 message(s) queued");
    workflow.process();
    assertThat(mailsTo(IT_CHEF)).isEqualTo(1);
  }

  @Test
  void aFailedSendOutRetriedAndDeadLetteredIsRedrivenAndSent() throws IOException {
    workflow.loadSetup(SAMPLE_SETUP);
    var key = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);
    assertThat(workflow.process().deadLettered()).isZero();
    var minutesId = workflow.minutesFromUpload(key).orElseThrow().id();
    int mailsBefore = mailsTo(REVISORERNA);
    var sent = workflow.stores().sendOuts().findSendOut(minutesId, 3, REVISORERNA).orElseThrow();
    workflow.stores().sendOuts().updateSendOut(sent.withStatus(SendOutStatus.FAILED, Instant.now(), "Rejected by hand", null));

    var resend = run("resend", minutesId.substring(0, 8), "--failed", "--stack-file", stackFile.toString());
    assertThat(resend.out()).contains("0 resolved, 0 still unresolved, 1 retried, 1 message(s) queued");
    // The queued message ends in the dead-letter queue, as after five failed receives.
    moveOneMessage(workflow.cloud().queueUrl("SendOutQueue"), workflow.cloud().queueUrl("SendOutDeadLetterQueue"));

    var redrive = run("redrive", "--queue", "SendOut", "--stack-file", stackFile.toString());
    assertThat(redrive.exitCode()).as(redrive.err()).isZero();
    assertThat(redrive.out()).contains("Moved 1 message(s)");
    var drained = workflow.process();

    assertThat(drained.deadLettered()).isZero();
    assertThat(mailsTo(REVISORERNA)).isEqualTo(mailsBefore + 1);
    assertThat(workflow.stores().sendOuts().findSendOut(minutesId, 3, REVISORERNA).orElseThrow().status())
        .isEqualTo(SendOutStatus.SENT);
  }

  @Test
  void theSetupCommandLoadsAFileIntoTheRunningStackAndRefusesABadOneWhole() throws IOException {
    // As a clerk's fix in the desk adds it: stored, not in the file.
    workflow.stores().setup().putDirectoryEntry(new se.anslag.setup.DirectoryEntry("Digitala rådet", List.of(),
        List.of("digitala.radet@ludvika.example.org"), false));

    var loaded = run("setup", SAMPLE_SETUP.toString(), "--stack-file", stackFile.toString());

    assertThat(loaded.exitCode()).as(loaded.err()).isZero();
    assertThat(loaded.out()).contains("2 boards, 1 organs, 9 recipients")
        .contains("Removed 1 recipient(s) that were stored but are not in the file").contains(": Digitala rådet");
    var setup = workflow.stores().setup().loadSetup();
    assertThat(setup.boards()).extracting(b -> b.id()).containsExactlyInAnyOrder("ludvika", "smedjebacken");
    assertThat(setup.organNamed("GSN")).isPresent();

    var bad = temp.resolve("bad-setup.yaml");
    Files.writeString(bad, Files.readString(SAMPLE_SETUP).replace("[ludvika, smedjebacken]", "[ludvika, falun]"));
    var refused = run("setup", bad.toString(), "--stack-file", stackFile.toString());

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("'falun'");
    assertThat(workflow.stores().setup().loadSetup().boards()).as("the stored setup stays").hasSize(2);
  }

  @Test
  void withoutAStackTheCommandsSayWhatIsMissing() {
    var status = run("status", "--stack-file", temp.resolve("absent.json").toString());

    assertThat(status.exitCode()).isEqualTo(2);
    assertThat(status.err().lines()).singleElement().asString().contains("absent.json").contains("./anslag demo");
  }

  private Path setupWithoutItChef() throws IOException {
    var text = Files.readString(SAMPLE_SETUP);
    var withoutItChef = text.replaceAll("(?m)^  - name: IT-chef\\n    addresses: \\[[^]]*\\]\\n?", "");
    assertThat(withoutItChef).isNotEqualTo(text).doesNotContain("IT-chef");
    var file = temp.resolve("setup-without-it-chef.yaml");
    Files.writeString(file, withoutItChef);
    return file;
  }

  private void moveOneMessage(String from, String to) {
    var sqs = workflow.cloud().sqs();
    var message = sqs.receiveMessage(b -> b.queueUrl(from).maxNumberOfMessages(1).waitTimeSeconds(1)).messages();
    assertThat(message).hasSize(1);
    sqs.sendMessage(b -> b.queueUrl(to).messageBody(message.getFirst().body()));
    sqs.deleteMessage(b -> b.queueUrl(from).receiptHandle(message.getFirst().receiptHandle()));
  }

  private int mailsTo(String address) {
    return (int) SesMailbox.mails(workflow.cloud()).stream().filter(mail -> mail.to().contains(address)).count();
  }

  private static String row(String table, String recipient) {
    return table.lines().filter(line -> line.contains(recipient)).findFirst().orElseThrow(
        () -> new AssertionError("no row for " + recipient + " in:\n" + table));
  }

  private static Run run(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    int exitCode = AnslagCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exitCode, out.toString(), err.toString());
  }
}
