package se.anslag.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.anslag.domain.ReviewPolicy;
import se.anslag.domain.TakedownPolicy;

/** The organ's slug goes into S3 keys and links, so only a plain slug is taken. */
class OrganTest {

  private static Organ organ(String slug) {
    return new Organ(slug, "Gemensamma servicenämnden", List.of(), List.of("ludvika"), "c@example.org",
        TakedownPolicy.NEXT_DAY, false, ReviewPolicy.REQUIRED);
  }

  @Test
  void aSlugIsTakenAsItIs() {
    assertThat(organ("gemensamma-servicenamnden").slug()).isEqualTo("gemensamma-servicenamnden");
  }

  @Test
  void aSlugThatWouldReachOutsideItsFolderOrIsNoSlugIsRefused() {
    for (var slug : List.of("../ludvika", "gsn/x", "GSN", "gsn.html", "", "gsn-")) {
      assertThatThrownBy(() -> organ(slug)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Organ slug must be a slug (a-z, 0-9, hyphens): " + slug);
    }
    assertThatThrownBy(() -> organ(null)).isInstanceOf(NullPointerException.class).hasMessage("slug");
  }
}
