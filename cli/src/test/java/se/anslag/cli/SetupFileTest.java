package se.anslag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.anslag.domain.Board;
import se.anslag.domain.ReviewPolicy;
import se.anslag.domain.TakedownPolicy;
import se.anslag.setup.DirectoryEntry;
import se.anslag.setup.Organ;

/**
 * Reading the municipality setup file: the sample loads, and each kind of problem is named with its
 * entry.
 */
class SetupFileTest {
  @TempDir Path dir;

  /** A valid setup; each test breaks one entry of it. */
  private static final String VALID = """
      boards:
        - id: ludvika
          name: Ludvika kommun
      organs:
        - name: Gemensamma servicenämnden
          slug: gemensamma-servicenamnden
          boards: [ludvika]
          clerk: gsn.sekreterare@ludvika.example.org
          takedownPolicy: next-day
      recipients:
        - name: Kommunstyrelsen
          addresses: [kommunstyrelsen@ludvika.example.org]
        - name: Akten
          caseFile: true
      """;

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("setup.yaml"), yaml, StandardCharsets.UTF_8);
  }

  @Test
  void theSampleSetupLoadsWithItsBoardsOrganAndDirectory() {
    var file = ProjectRoot.find().resolve("local/setup/sample-setup.yaml");

    var setup = SetupFile.read(file);

    assertThat(setup.boards()).extracting(Board::id).containsExactly("ludvika", "smedjebacken");
    assertThat(setup.organs()).singleElement().satisfies(organ -> {
      assertThat(organ.name()).isEqualTo("Gemensamma servicenämnden");
      assertThat(organ.boardIds()).containsExactly("ludvika", "smedjebacken");
      assertThat(organ.takedownPolicy()).isEqualTo(TakedownPolicy.NEXT_DAY);
      assertThat(organ.clerkAddress()).isEqualTo("gsn.sekreterare@ludvika.example.org");
      assertThat(organ.reviewPolicy()).as("the sample publishes at once").isEqualTo(ReviewPolicy.NONE);
    });
    assertThat(setup.organNamed("GSN")).map(Organ::slug).contains("gemensamma-servicenamnden");
    assertThat(setup.directory()).hasSize(9);
    assertThat(setup.directory()).filteredOn(DirectoryEntry::caseFile).extracting(DirectoryEntry::name)
        .containsExactly("Akten");
  }

  @Test
  void theValidSetupOfTheseTestsLoads() throws IOException {
    var file = write(VALID);

    var setup = SetupFile.read(file);

    assertThat(setup.organs()).extracting(Organ::name).containsExactly("Gemensamma servicenämnden");
    assertThat(setup.directory()).extracting(DirectoryEntry::name).containsExactly("Kommunstyrelsen", "Akten");
  }

  @Test
  void anOrganWithoutAReviewSettingIsReviewedAndOneWithAnUnknownOneIsRefused() throws IOException {
    assertThat(SetupFile.read(write(VALID)).organs()).singleElement()
        .extracting(Organ::reviewPolicy).isEqualTo(ReviewPolicy.REQUIRED);
    assertThat(SetupFile.read(write(VALID.replace("takedownPolicy: next-day", "takedownPolicy: next-day\n    review: none")))
        .organs()).singleElement().extracting(Organ::reviewPolicy).isEqualTo(ReviewPolicy.NONE);

    var file = write(VALID.replace("takedownPolicy: next-day", "takedownPolicy: next-day\n    review: sometimes"));

    assertThatThrownBy(() -> SetupFile.read(file))
        .isInstanceOf(AnslagCli.CommandFailure.class)
        .hasMessageContaining("organ 'Gemensamma servicenämnden' has review 'sometimes'; use required or none");
  }

  @Test
  void anOrganNamingAnUnknownBoardIsRefusedNamingOrganAndBoard() throws IOException {
    var file = write(VALID.replace("boards: [ludvika]", "boards: [ludvika, borlange]"));

    assertThatThrownBy(() -> SetupFile.read(file))
        .isInstanceOf(AnslagCli.CommandFailure.class)
        .hasMessageContaining("setup.yaml")
        .hasMessageContaining("organ 'Gemensamma servicenämnden'")
        .hasMessageContaining("board 'borlange'");
  }

  @Test
  void aRecipientWithABadAddressIsRefusedNamingRecipientAndAddress() throws IOException {
    var file = write(VALID.replace("kommunstyrelsen@ludvika.example.org", "kommunstyrelsen.ludvika.example.org"));

    assertThatThrownBy(() -> SetupFile.read(file))
        .isInstanceOf(AnslagCli.CommandFailure.class)
        .hasMessageContaining("recipient 'Kommunstyrelsen'")
        .hasMessageContaining("'kommunstyrelsen.ludvika.example.org'")
        .hasMessageContaining("not a valid e-mail address");
  }

  @Test
  void anOrganWithABadClerkAddressIsRefusedNamingTheOrgan() throws IOException {
    var file = write(VALID.replace("clerk: gsn.sekreterare@ludvika.example.org", "clerk: gsn sekreterare"));

    assertThatThrownBy(() -> SetupFile.read(file))
        .isInstanceOf(AnslagCli.CommandFailure.class)
        .hasMessageContaining("organ 'Gemensamma servicenämnden'")
        .hasMessageContaining("'gsn sekreterare'");
  }

  @Test
  void anUnknownTakedownPolicyIsRefusedNamingTheOrganAndTheChoices() throws IOException {
    var file = write(VALID.replace("takedownPolicy: next-day", "takedownPolicy: next-week"));

    assertThatThrownBy(() -> SetupFile.read(file))
        .isInstanceOf(AnslagCli.CommandFailure.class)
        .hasMessageContaining("organ 'Gemensamma servicenämnden'")
        .hasMessageContaining("'next-week'")
        .hasMessageContaining("next-day or same-day");
  }

  @Test
  void anOrganSlugThatIsNotASlugIsRefusedNamingOrganAndSlug() throws IOException {
    // The slug goes into object keys and links: a slash or a dot there would reach outside the organ's folder.
    for (var slug : new String[] {"gsn/../admin", "Gemensamma", "gsn.html", "gsn--x", "-gsn", "gsn nämnd"}) {
      var file = write(VALID.replace("slug: gemensamma-servicenamnden", "slug: \"" + slug + "\""));

      assertThatThrownBy(() -> SetupFile.read(file))
          .isInstanceOf(AnslagCli.CommandFailure.class)
          .hasMessageContaining("organ 'Gemensamma servicenämnden' has slug '" + slug + "', which is not a slug");
    }
  }

  @Test
  void aBoardIdThatIsNotASlugIsRefusedNamingBoardAndId() throws IOException {
    var file = write(VALID.replace("id: ludvika", "id: Ludvika/x"));

    assertThatThrownBy(() -> SetupFile.read(file))
        .isInstanceOf(AnslagCli.CommandFailure.class)
        .hasMessageContaining("board 'Ludvika kommun' has id 'Ludvika/x', which is not a slug");
  }
}
