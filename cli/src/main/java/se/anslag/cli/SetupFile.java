package se.anslag.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import se.anslag.compose.MailHeaders;
import se.anslag.domain.Board;
import se.anslag.domain.ReviewPolicy;
import se.anslag.domain.TakedownPolicy;
import se.anslag.format.Slugs;
import se.anslag.setup.DirectoryEntry;
import se.anslag.setup.MunicipalSetup;
import se.anslag.setup.Organ;

/** The municipality setup file (YAML): boards, organs and the recipient directory. */
public final class SetupFile {
  private static final String SLUG_RULE = "a slug: lowercase letters a-z, digits and single inner hyphens, at most"
      + " 80 characters";
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  record BoardEntry(@JsonProperty(required = true) String id, @JsonProperty(required = true) String name) {}

  record OrganEntry(@JsonProperty(required = true) String name, @JsonProperty(required = true) String slug,
      List<String> aliases, @JsonProperty(required = true) List<String> boards, String clerk, String takedownPolicy,
      Boolean publishMinutesDocument, String review) {}

  record RecipientEntry(@JsonProperty(required = true) String name, List<String> aliases, List<String> addresses,
      Boolean caseFile) {}

  record Content(List<BoardEntry> boards, List<OrganEntry> organs, List<RecipientEntry> recipients) {}

  private SetupFile() {}

  /** Reads and checks the file; every problem names the entry it is in. */
  public static MunicipalSetup read(Path file) {
    Content content;
    try {
      content = YAML.readValue(file.toFile(), Content.class);
    } catch (JsonMappingException invalid) {
      throw new AnslagCli.CommandFailure(2, file + ": " + invalid.getOriginalMessage()
          + (invalid.getLocation() == null ? "" : " (line " + invalid.getLocation().getLineNr() + ")"));
    } catch (IOException unreadable) {
      throw new AnslagCli.CommandFailure(2, file + ": cannot be read: " + unreadable.getMessage());
    }
    var problems = new ArrayList<String>();
    // Board ids and organ slugs go into object keys and links: only slugs are taken.
    var boards = new ArrayList<Board>();
    for (var board : orEmpty(content.boards())) {
      if (Slugs.isSlug(board.id())) {
        boards.add(new Board(board.id(), board.name()));
      } else {
        problems.add("board '" + board.name() + "' has id '" + board.id() + "', which is not " + SLUG_RULE);
      }
    }
    var boardIds = new HashSet<String>();
    boards.forEach(board -> boardIds.add(board.id()));
    var organs = new ArrayList<Organ>();
    for (var organ : orEmpty(content.organs())) {
      for (var board : organ.boards()) {
        if (!boardIds.contains(board)) {
          problems.add("organ '" + organ.name() + "' names board '" + board + "', which is not under boards");
        }
      }
      if (organ.clerk() != null && !MailHeaders.isValidAddress(organ.clerk())) {
        problems.add("organ '" + organ.name() + "' has clerk '" + organ.clerk() + "', not a valid e-mail address");
      }
      String writtenPolicy = organ.takedownPolicy() == null ? TakedownPolicy.NEXT_DAY.written : organ.takedownPolicy();
      TakedownPolicy policy = TakedownPolicy.ofWritten(writtenPolicy).orElseGet(() -> {
        problems.add("organ '" + organ.name() + "' has takedownPolicy '" + organ.takedownPolicy()
            + "'; use next-day or same-day");
        return TakedownPolicy.NEXT_DAY;
      });
      String writtenReview = organ.review() == null ? ReviewPolicy.REQUIRED.written : organ.review();
      ReviewPolicy review = ReviewPolicy.ofWritten(writtenReview).orElseGet(() -> {
        problems.add("organ '" + organ.name() + "' has review '" + organ.review() + "'; use required or none");
        return ReviewPolicy.REQUIRED;
      });
      if (Slugs.isSlug(organ.slug())) {
        organs.add(new Organ(organ.slug(), organ.name(), orEmpty(organ.aliases()), organ.boards(), organ.clerk(),
            policy, Boolean.TRUE.equals(organ.publishMinutesDocument()), review));
      } else {
        problems.add("organ '" + organ.name() + "' has slug '" + organ.slug() + "', which is not " + SLUG_RULE);
      }
    }
    var directory = new ArrayList<DirectoryEntry>();
    for (var recipient : orEmpty(content.recipients())) {
      var addresses = orEmpty(recipient.addresses());
      boolean caseFile = Boolean.TRUE.equals(recipient.caseFile());
      addresses.stream().filter(a -> !MailHeaders.isValidAddress(a)).forEach(a ->
          problems.add("recipient '" + recipient.name() + "' has '" + a + "', not a valid e-mail address"));
      if (!caseFile && addresses.isEmpty()) {
        problems.add("recipient '" + recipient.name() + "' has no addresses and is not caseFile: true");
        continue;
      }
      directory.add(new DirectoryEntry(recipient.name(), orEmpty(recipient.aliases()), addresses, caseFile));
    }
    if (!problems.isEmpty()) {
      throw new AnslagCli.CommandFailure(2, file + ": " + String.join("; ", problems));
    }
    return new MunicipalSetup(boards, organs, directory);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
