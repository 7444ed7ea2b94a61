package se.anslag.local;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import se.anslag.cli.AnslagCli;
import se.anslag.cli.LocalStackFile;
import se.anslag.cli.ProjectRoot;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.Paragraph;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.SwedishTime;
import se.anslag.local.cloud.DrainReport;
import se.anslag.setup.Organ;

/** `anslag demo`: the whole workflow on this machine, then the boards served until Ctrl-C. */
@Command(name = "demo", description = {
    "Run the whole workflow on this machine: start the local emulators, create what template.yaml declares,",
    "load the sample setup, subscribe an address to the first board and confirm it, upload FILE as a clerk",
    "would, run the functions as Lambda would, print what happened (the subscriber's notice mail too), then",
    "serve the notice boards and the clerk desk until Ctrl-C."})
final class DemoCommand implements Callable<Integer> {
  static final String SAMPLE_MINUTES = "shared/src/test/resources/samples/gsn-2024-02-14.pdf";
  /** The account of an organ whose setup names no clerk address. */
  static final String DEMO_CLERK = "namndsekreterare@anslag.example.org";

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Minutes to upload (default: the sample PDF).")
  Path file;

  @Option(names = "--adjusted-on", description = "Adjustment date (default: the one printed, else the upload date).")
  LocalDate adjustedOn;

  @Option(names = "--posted-on", description = "Posting date; the local clock starts on that day (default: today).")
  LocalDate postedOn;

  @Option(names = "--organ", description = "The organ's slug in the setup, for minutes that do not print it readably.")
  String organ;

  @Option(names = "--meeting-date", description = "The meeting date, for minutes that do not print it readably.")
  LocalDate meetingDate;

  @Option(names = "--setup", description = "Municipality setup file (default: local/setup/sample-setup.yaml).")
  Path setup;

  @Option(names = "--port", defaultValue = "8080", description = "Port for the notice boards and the clerk desk on 127.0.0.1 (default 8080).")
  int port;

  @Option(names = "--review", description = {"Every organ reviews before publishing (review: required): the demo",
      "prints what the clerk desk's review shows and publishes as the organ's clerk through the desk's API."})
  boolean review;

  @Option(names = "--no-serve", description = "Exit after the workflow instead of serving the boards and the desk.")
  boolean noServe;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var root = ProjectRoot.find();
    var minutesFile = file != null ? file.toAbsolutePath() : root.resolve(SAMPLE_MINUTES);
    if (!Files.isRegularFile(minutesFile)) {
      throw new AnslagCli.CommandFailure(2, minutesFile + ": no such file");
    }
    var setupFile = setup != null ? setup.toAbsolutePath() : root.resolve("local/setup/sample-setup.yaml");
    Clock clock = postedOn != null ? LocalWorkflow.clockAt(postedOn) : SwedishTime.systemClock();
    // The emulator stamps uploads with the real time; in a demo set on the posting day the clerk
    // uploads that day, so that is the upload date the adjustment date defaults to.
    var adjustedOrUploadDay = adjustedOn != null || postedOn == null ? adjustedOn : postedOn;

    out.println("Starting the local AWS emulators and creating the resources of template.yaml...");
    out.flush();
    // The desk's origin must be known when the protocols bucket gets its CORS rule.
    try (var workflow = LocalWorkflow.start(root, LocalDesk.parameters(port), clock, System.err)) {
      DemoSubscription.linkMailsTo(workflow, port);
      workflow.loadSetup(setupFile);
      out.println("Loaded the municipality setup from " + root.relativize(setupFile));
      if (review) {
        workflow.requireReviewByEveryOrgan();
        out.println("Every organ reviews before publishing (--review)");
      }
      var subscriber = DemoSubscription.subscribeAndConfirm(workflow, out);
      var key = workflow.upload(minutesFile, metadata(adjustedOrUploadDay));
      out.println("Uploaded " + minutesFile.getFileName() + " to the protocols bucket as " + key);
      out.flush();
      var drained = workflow.process();
      var read = workflow.minutesFromUpload(key);
      if (read.isPresent() && read.get().status() == MinutesStatus.AWAITING_REVIEW) {
        // Awaiting review means the organ was read and is in the setup.
        var organOfMinutes = workflow.stores().setup().loadSetup().organ(read.get().organSlug()).orElseThrow();
        if (DemoReview.reviewAndPublish(workflow, read.get(), clerkOf(organOfMinutes), out)) {
          drained = workflow.process();
        }
      }
      boolean succeeded = report(out, workflow, key, drained);
      subscriber.ifPresent(s -> s.reportNoticeMail(out));
      if (noServe) {
        return succeeded ? 0 : 1;
      }
      var organ = workflow.minutesFromUpload(key).map(MinutesRecord::organSlug).orElse(null);
      serve(out, root, workflow, port, organ);
      return succeeded ? 0 : 1;
    }
  }

  /** The organ's clerk as the desk knows them: the setup's clerk address, else the demo's. */
  private static String clerkOf(Organ organ) {
    return organ.clerkAddress() == null ? DEMO_CLERK : organ.clerkAddress();
  }

  /** The upload's metadata as the clerk gives it: the dates, and the facts the minutes may not print. */
  private java.util.Map<String, String> metadata(LocalDate adjustedOrUploadDay) {
    var metadata = new java.util.HashMap<String, String>();
    if (adjustedOrUploadDay != null) {
      metadata.put("adjusted-on", adjustedOrUploadDay.toString());
    }
    if (postedOn != null) {
      metadata.put("posted-on", postedOn.toString());
    }
    if (organ != null) {
      metadata.put("organ", organ);
    }
    if (meetingDate != null) {
      metadata.put("meeting-date", meetingDate.toString());
    }
    return metadata;
  }

  /**
   * Serves the boards and the clerk desk until Ctrl-C, with a clerk account for each clerk address
   * of the setup (only the one of {@code organSlug}, when given) in the Cognito emulator.
   */
  static void serve(PrintWriter out, Path root, LocalWorkflow workflow, int port, String organSlug)
      throws Exception {
    var desk = LocalDesk.start(workflow, port, System.err);
    var accounts = new java.util.ArrayList<String>();
    var organsByClerk = new java.util.TreeMap<String, java.util.List<String>>();
    for (var organ : workflow.stores().setup().loadSetup().organs()) {
      if (organSlug == null || organ.slug().equals(organSlug)) {
        var clerk = clerkOf(organ);
        organsByClerk.computeIfAbsent(clerk, c -> new java.util.ArrayList<>()).add(organ.slug());
      }
    }
    organsByClerk.forEach((email, organs) -> {
      var account = desk.createClerk(email, organs);
      accounts.add(String.format("%s  password %s  (%s)", account.email(), account.password(), String.join(", ", organs)));
    });
    // Ctrl-C ends the JVM while this thread waits, so the hook itself stops everything.
    var stopped = new CountDownLatch(1);
    // The clerk's commands (status, resend, redrive) find this running stack through the file.
    var stackFile = LocalStackFile.defaultPath(root);
    workflow.stackFile().write(stackFile);
    // The local cloud's own hook stops the emulators.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LocalStackFile.delete(stackFile);
      desk.close();
      stopped.countDown();
    }));
    out.println();
    out.println("Notice boards:  " + desk.siteAddress());
    out.println("Clerk desk:     " + desk.deskAddress());
    accounts.forEach(account -> out.println("  sign in as    " + account));
    out.println("Sent mail:      " + workflow.cloud().sesStore().resolve("/"));
    out.println("In another terminal: ./anslag status   (also resend, redrive; see ./anslag help status)");
    out.println("Press Ctrl-C to stop; every emulator stops with it.");
    out.flush();
    stopped.await();
  }

  /** Prints what happened in a clerk's words; true when every step succeeded. */
  private static boolean report(PrintWriter out, LocalWorkflow workflow, String key, DrainReport drained) {
    var found = workflow.minutesFromUpload(key);
    out.println();
    if (found.isEmpty()) {
      out.println("FAILED: the upload was never processed (" + drained + ")");
      return false;
    }
    MinutesRecord minutes = found.get();
    if (minutes.status() == MinutesStatus.REJECTED) {
      out.println("REJECTED: " + minutes.statusDetail());
      out.println("The upload is kept as it was; correct the file or the setup and upload again.");
      return false;
    }
    if (minutes.status() == MinutesStatus.NEEDS_CLERK) {
      out.println("NEEDS THE CLERK: " + minutes.statusDetail());
      out.println("Nothing was posted or sent. Give the missing facts, e.g. ./anslag demo FILE --organ SLUG"
          + " --meeting-date YYYY-MM-DD.");
      return false;
    }
    var stores = workflow.stores();
    var paragraphs = stores.minutes().paragraphs(minutes.id());
    var notices = stores.notices().notices(minutes.id());
    var sendOuts = stores.sendOuts().sendOuts(minutes.id());
    var setup = stores.setup().loadSetup();

    out.printf("Minutes of %s, meeting of %s, § %s (%d paragraphs read)%n", minutes.organ(), minutes.meetingDate(),
        minutes.paragraphRange() == null ? "?" : minutes.paragraphRange().from() + "-" + minutes.paragraphRange().to(),
        paragraphs.size());
    out.printf("Kept at:          %s%n", minutes.storagePlace() == null ? "(not stated)" : minutes.storagePlace());
    out.printf("Adjusted on:      %s%n", minutes.adjustedOn());
    var first = notices.stream().max(Comparator.comparing(Notice::postedOnThisBoard)).orElseThrow();
    for (var notice : notices) {
      out.printf("Notice posted:    %s on the board of %s%n", notice.postedOnThisBoard(),
          setup.board(notice.boardId()).map(b -> b.name()).orElse(notice.boardId()));
    }
    out.printf("Last appeal day:  %s%n", first.dates().lastAppealDay());
    out.printf("Taken down on:    %s (%s)%n", first.dates().takedownOn(),
        first.policy().name().equals("SAME_DAY") ? "at the end of the last appeal day" : "the day after the last appeal day");
    if (minutes.warnings().isEmpty()) {
      out.println("Warnings:         none");
    } else {
      minutes.warnings().forEach(w -> out.printf("Warning:          %s (%s)%n", w.message(), w.code()));
    }
    out.println();
    out.println("Decisions sent out:");
    for (Paragraph paragraph : paragraphs) {
      out.printf("  § %d %s%n", paragraph.number(), paragraph.title());
      sendOuts.stream().filter(s -> s.paragraph() == paragraph.number()).forEach(s -> out.printf(
          "      %-45s %-44s %s%s%n", String.join(", ", s.recipientNames())
              + (s.qualifier() == null ? "" : " (" + s.qualifier() + ")"),
          s.kind().name().equals("CASE_FILE") ? "case file" : s.target().startsWith("unresolved:") ? "-" : s.target(),
          s.status(), s.detail() == null || s.status() == SendOutStatus.FILED ? "" : "  " + s.detail()));
    }
    out.println();
    out.println("Mail to the organ's clerk:");
    var clerkMails = sendOuts.stream().filter(s -> s.kind().isClerkMail()).toList();
    if (clerkMails.isEmpty()) {
      out.println("  none (the organ has no clerk address in the setup)");
    }
    clerkMails.forEach(s -> out.printf("      %-45s %-44s %s%s%n",
        s.kind() == SendOutKind.RECEIPT ? "receipt: what was read and planned" : "summary: once every send-out settled",
        s.address(), s.status(), s.detail() == null ? "" : "  " + s.detail()));
    var counts = new java.util.EnumMap<SendOutStatus, Integer>(SendOutStatus.class);
    sendOuts.stream().filter(s -> !s.kind().isClerkMail()).forEach(s -> counts.merge(s.status(), 1, Integer::sum));
    out.printf("Decisions: %d sent, %d filed, %d failed, %d unresolved, %d not finished%n",
        counts.getOrDefault(SendOutStatus.SENT, 0), counts.getOrDefault(SendOutStatus.FILED, 0),
        counts.getOrDefault(SendOutStatus.FAILED, 0), counts.getOrDefault(SendOutStatus.UNRESOLVED, 0),
        counts.getOrDefault(SendOutStatus.PENDING, 0) + counts.getOrDefault(SendOutStatus.SENDING, 0));
    if (drained.deadLettered() > 0) {
      out.println("Dead-letter queues hold " + drained.deadLettered() + " message(s): " + drained.deadLetters());
    }
    boolean allSettled = sendOuts.stream().allMatch(s -> s.status() == SendOutStatus.SENT || s.status() == SendOutStatus.FILED);
    return minutes.status() == MinutesStatus.DISPATCHED && allSettled && drained.deadLettered() == 0;
  }

}
