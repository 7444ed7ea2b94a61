package se.anslag.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import se.anslag.cli.ProjectRoot;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.local.cloud.LocalHttpApi;

/**
 * What the clerk desk's three heavy answers cost, through the template's HTTP API (the JWT
 * authorizer, the function, DynamoDB): the review of minutes of many §§ and recipients, the same
 * minutes' send-out page once every decision went out, and the list when the organ has 1,000 sets of
 * minutes. Prints figures; asserts nothing.
 */
@Command(name = "benchmark-desk", description = {
    "Measure the clerk desk's review, send-out and list answers: their size and time through the HTTP API."})
final class DeskBenchmark implements Callable<Integer> {
  private static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);
  private static final String ORGAN = "gemensamma-servicenamnden";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--paragraphs", defaultValue = "100", description = "Paragraphs of the reviewed minutes (default 100).")
  int paragraphs;

  @Option(names = "--recipients", defaultValue = "10", description = "Recipients of each paragraph (default 10).")
  int recipients;

  @Option(names = "--listed", defaultValue = "1000", description = "Sets of minutes of the organ for the list (default 1000).")
  int listed;

  @Option(names = "--runs", defaultValue = "10", description = "Requests measured of each kind, after 2 not measured (default 10).")
  int runs;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var root = ProjectRoot.find();
    var work = Files.createTempDirectory("anslag-benchmark-desk-");
    try (var workflow = LocalWorkflow.start(root, Map.of(), LocalWorkflow.clockAt(POSTED_ON), System.err)) {
      workflow.loadSetup(SyntheticMinutes.writeSetup(root, work, recipients));
      workflow.requireReviewByEveryOrgan();
      var file = Files.writeString(work.resolve("desk-benchmark.txt"),
          SyntheticMinutes.text(LocalDate.of(2024, 2, 14), paragraphs, recipients), StandardCharsets.UTF_8);
      var key = workflow.upload(file, LocalDate.of(2024, 2, 19), null);
      workflow.process();
      var minutes = workflow.minutesFromUpload(key).orElseThrow();
      if (minutes.status() != MinutesStatus.AWAITING_REVIEW) {
        out.println("The minutes were not read for review: " + minutes.status() + " " + minutes.statusDetail());
        return 1;
      }
      var clerk = LocalDesk.createClerk(workflow, "benchmark@ludvika.example.org", List.of(ORGAN));
      var token = LocalDesk.signIn(workflow, clerk);
      var api = new LocalHttpApi(workflow.cloud(), workflow.lambda(), LocalDesk.API, Clock.systemUTC(), System.err);
      out.printf("Clerk desk benchmark: minutes of %d §§ x %d recipients, a list of %d minutes of the organ;"
          + " %d requests of each kind after 2 not measured, through the local HTTP API (authorizer, function,"
          + " DynamoDB emulator)%n", paragraphs, recipients, listed, runs);

      var path = "/api/desk/minutes/" + minutes.id();
      report(out, "review (awaiting review)", measure(api, "GET", path, null, token));

      var published = api.handle(LocalDesk.apiRequest("POST", path + "/publish", null, token, "{}"));
      if (published.status() != 202) {
        out.println("Publishing failed: " + published.status());
        return 1;
      }
      long sendingStart = System.nanoTime();
      workflow.process();
      out.printf("(publishing and sending the %d decisions took %.1f s)%n", paragraphs * recipients,
          (System.nanoTime() - sendingStart) / 1e9);
      report(out, "send-out page (published, settled)", measure(api, "GET", path, null, token));

      addMinutesOfTheOrgan(workflow, listed - 1);
      var first = measure(api, "GET", "/api/desk/minutes", null, token);
      report(out, "list, first page of " + listed, first);
      // A page deep in the list costs as the first: each organ's partition continues from the cursor.
      var cursor = cursorAfterPages(api, token, 20);
      report(out, "list, page 21 of " + listed, measure(api, "GET", "/api/desk/minutes", "before="
          + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8), token));
      return 0;
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private record Measured(int status, int bytes, double[] millis) {}

  private Measured measure(LocalHttpApi api, String method, String path, String query, String token) {
    for (int i = 0; i < 2; i++) {
      api.handle(LocalDesk.apiRequest(method, path, query, token, null));
    }
    var millis = new double[runs];
    LocalHttpApi.Response last = null;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      last = api.handle(LocalDesk.apiRequest(method, path, query, token, null));
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return new Measured(last.status(), last.body().length, millis);
  }

  private static void report(java.io.PrintWriter out, String what, Measured measured) {
    var m = measured.millis();
    out.printf("  %-36s HTTP %d, %,9d bytes of JSON; ms min/median/max %.0f/%.0f/%.0f%n", what + ":", measured.status(),
        measured.bytes(), m[0], m[m.length / 2], m[m.length - 1]);
    out.flush();
  }

  /** Older minutes of the organ, as the list's index holds them: rejected uploads, one a day back from 2023. */
  private static void addMinutesOfTheOrgan(LocalWorkflow workflow, int count) {
    var store = workflow.stores().minutes();
    var start = Instant.parse("2020-01-01T08:00:00Z");
    for (int i = 0; i < count; i++) {
      store.putMinutes(new MinutesRecord(String.format("%064x", 0xbe4c000L + i), "bucket", "desk/" + i + ".pdf",
          start.plusSeconds(3600L * i), "Gemensamma servicenämnden", ORGAN, LocalDate.of(2020, 1, 1).plusDays(i),
          null, null, null, MinutesStatus.REJECTED, "Inte ett protokoll.", List.of()));
    }
  }

  private String cursorAfterPages(LocalHttpApi api, String token, int pages) throws Exception {
    String cursor = null;
    for (int i = 0; i < pages; i++) {
      var answer = api.handle(LocalDesk.apiRequest("GET", "/api/desk/minutes", cursor == null ? null
          : "before=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8), token, null));
      cursor = JSON.readTree(answer.body()).path("next").asText(null);
      if (cursor == null) {
        throw new IllegalStateException("the list ended after " + (i + 1) + " pages");
      }
    }
    return cursor;
  }
}
