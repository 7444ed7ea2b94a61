package se.anslag.local.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.anslag.cli.ProjectRoot;
import se.anslag.local.cloud.SamTemplate;

/**
 * The CloudFront Function in front of the board, run as deployed: its code is read from
 * template.yaml's SiteIndexFunction and run in Node, in a context with nothing but the language
 * (as CloudFront's cloudfront-js-2.0 runtime has nothing of Node's), on viewer-request events
 * shaped as CloudFront sends them.
 */
class SiteIndexFunctionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOTICE = "/ludvika/anslag/gemensamma-servicenamnden/2024-02-14";

  @TempDir static Path directory;
  private static String code;

  @BeforeAll
  static void readTheFunctionFromTheTemplate() {
    var template = SamTemplate.read(ProjectRoot.find().resolve("template.yaml"));
    var function = template.resource("SiteIndexFunction");
    assertThat(function.type()).isEqualTo("AWS::CloudFront::Function");
    assertThat(function.property("FunctionConfig").path("Runtime").asText()).isEqualTo("cloudfront-js-2.0");
    code = function.property("FunctionCode").asText();
  }

  private static List<JsonNode> run(String... uris) throws Exception {
    Path harness = directory.resolve("viewer-requests.js");
    try (InputStream source = SiteIndexFunctionTest.class.getResourceAsStream("/cloudfront/viewer-requests.js")) {
      Files.write(harness, source.readAllBytes());
    }
    Process node = new ProcessBuilder("node", harness.toString()).redirectErrorStream(true).start();
    try (var stdin = node.getOutputStream()) {
      stdin.write(JSON.writeValueAsBytes(JSON.createObjectNode().put("code", code)
          .set("uris", JSON.valueToTree(List.of(uris)))));
    }
    byte[] output = node.getInputStream().readAllBytes();
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
    return List.copyOf(JSON.readTree(output).valueStream().toList());
  }

  @Test
  void anAddressEndingInASlashGetsItsIndexPage() throws Exception {
    var results = run(NOTICE + "/", "/ludvika/", "/ludvika/organ/gemensamma-servicenamnden/", "/");

    assertThat(results).extracting(result -> result.path("uri").asText()).containsExactly(
        NOTICE + "/index.html", "/ludvika/index.html", "/ludvika/organ/gemensamma-servicenamnden/index.html",
        "/index.html");
    // The request goes on to the origin unchanged otherwise.
    assertThat(results.getFirst().path("method").asText()).isEqualTo("GET");
    assertThat(results.getFirst().path("headers").path("host").path("value").asText())
        .isEqualTo("d111111abcdef8.cloudfront.net");
  }

  @Test
  void anAddressWithoutItsTrailingSlashIsRedirectedToIt() throws Exception {
    var results = run(NOTICE, "/ludvika");

    assertThat(results).allSatisfy(result -> assertThat(result.path("statusCode").asInt()).isEqualTo(301));
    assertThat(results).extracting(result -> result.path("headers").path("location").path("value").asText())
        .containsExactly(NOTICE + "/", "/ludvika/");
  }

  /** The filter form's addresses and where they must lead, shared with SiteServerFilterFormTest. */
  static List<String[]> filterFormCases() throws java.io.IOException {
    try (InputStream list = SiteIndexFunctionTest.class.getResourceAsStream("/cloudfront/filter-form.txt")) {
      return new String(list.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split(" -> ", 2))
          .toList();
    }
  }

  @Test
  void theFilterFormIsRedirectedToThePageRenderedForItsChoice() throws Exception {
    var cases = filterFormCases();

    var results = run(cases.stream().map(c -> c[0]).toArray(String[]::new));

    assertThat(results).allSatisfy(result -> assertThat(result.path("statusCode").asInt()).isEqualTo(302));
    assertThat(results).extracting(result -> result.path("headers").path("location").path("value").asText())
        .containsExactlyElementsOf(cases.stream().map(c -> c[1]).toList());
  }

  @Test
  void aPathNamedSokBelowABoardPageIsNotTheForm() throws Exception {
    var results = run("/ludvika/organ/sok/index.html", "/ludvika/anslag/sok/2024-02-14/");

    assertThat(results).extracting(result -> result.path("uri").asText())
        .containsExactly("/ludvika/organ/sok/index.html", "/ludvika/anslag/sok/2024-02-14/index.html");
  }

  @Test
  void filesAreServedAsTheyAre() throws Exception {
    var uris = new String[] {"/index.html", "/ludvika/anslag.json", "/ludvika/anslag.atom", NOTICE + "/index.html",
        NOTICE + "/protokoll.pdf", "/style.css"};

    var results = run(uris);

    assertThat(results).extracting(result -> result.path("uri").asText()).containsExactly(uris);
  }

  @Test
  void theCodeIsWithinCloudFrontsSizeLimit() {
    // CloudFront Functions take at most 10 KB of code.
    assertThat(code.getBytes(StandardCharsets.UTF_8).length).isLessThan(10 * 1024);
  }
}
