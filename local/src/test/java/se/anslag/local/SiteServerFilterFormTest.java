package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The local site leads the board's filter form where CloudFront's SiteIndexFunction does: the same list of
 * addresses and redirects as SiteIndexFunctionTest, so the two cannot drift apart unnoticed.
 */
class SiteServerFilterFormTest {

  @Test
  void theFilterFormLeadsWhereTheCloudFrontFunctionLeadsIt() throws Exception {
    String list;
    try (InputStream in = getClass().getResourceAsStream("/cloudfront/filter-form.txt")) {
      list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    var cases = list.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    assertThat(cases).hasSizeGreaterThan(5);
    for (var line : cases) {
      var parts = line.split(" -> ", 2);
      int question = parts[0].indexOf('?');
      var path = question < 0 ? parts[0] : parts[0].substring(0, question);
      var query = question < 0 ? null : parts[0].substring(question + 1);

      assertThat(SiteServer.filterPage(path, query)).as(parts[0]).hasValue(parts[1]);
    }
  }

  @Test
  void otherAddressesAreServedAsFiles() {
    assertThat(SiteServer.filterPage("/ludvika/organ/sok/index.html", null)).isEmpty();
    assertThat(SiteServer.filterPage("/ludvika/index.html", "typ=protokoll")).isEmpty();
  }
}
