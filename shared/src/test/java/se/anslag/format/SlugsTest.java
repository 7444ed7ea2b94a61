package se.anslag.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Slugs made from Swedish names, and what counts as one. */
class SlugsTest {

  @Test
  void swedishLettersBecomeAsciiAndSpacesHyphens() {
    assertThat(Slugs.slug("Gemensamma servicenämnden")).isEqualTo("gemensamma-servicenamnden");
    assertThat(Slugs.slug("Barn- och utbildningsnämnden")).isEqualTo("barn-och-utbildningsnamnden");
    assertThat(Slugs.slug("Kommunstyrelsens arbetsutskott (KSAU)")).isEqualTo("kommunstyrelsens-arbetsutskott-ksau");
    assertThat(Slugs.slug("Överförmyndarnämnden Å Ä Ö é")).isEqualTo("overformyndarnamnden-a-a-o-e");
  }

  @Test
  void hostileTextLeavesOnlySlugCharacters() {
    assertThat(Slugs.slug("../../<script>alert('x')</script>")).isEqualTo("script-alert-x-script");
    assertThat(Slugs.slug("javascript:alert(1)")).isEqualTo("javascript-alert-1");
    assertThat(Slugs.slug("  --  ")).isEmpty();
    assertThat(Slugs.slug(null)).isEmpty();
  }

  @Test
  void slugOfSlugIsTheSameAndLengthIsCapped() {
    assertThat(Slugs.slug("gemensamma-servicenamnden")).isEqualTo("gemensamma-servicenamnden");
    String longSlug = Slugs.slug("nämnd ".repeat(40));
    assertThat(longSlug).hasSizeLessThanOrEqualTo(80).doesNotEndWith("-");
    assertThat(Slugs.isSlug(longSlug)).isTrue();
  }

  @Test
  void recognisesSlugs() {
    assertThat(Slugs.isSlug("ludvika")).isTrue();
    assertThat(Slugs.isSlug("smedjebackens-kommun")).isTrue();
    assertThat(Slugs.isSlug("Ludvika")).isFalse();
    assertThat(Slugs.isSlug("../x")).isFalse();
    assertThat(Slugs.isSlug("a--b")).isFalse();
    assertThat(Slugs.isSlug("")).isFalse();
  }
}
