package se.anslag.ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.Board;
import se.anslag.domain.ReviewPolicy;
import se.anslag.domain.TakedownPolicy;
import se.anslag.setup.DirectoryEntry;
import se.anslag.setup.MunicipalSetup;
import se.anslag.setup.Organ;

/**
 * The sample minutes (Gemensamma servicenämnden 2024-02-14) and the setup that reaches every
 * recipient they print, as local/setup/sample-setup.yaml has it, with every port in memory: what the
 * services' unit tests start from.
 */
public final class SampleWorld {
  public static final String PROTOCOLS = "protocols";
  public static final String ARCHIVE = "archive";
  public static final String SITE = "site";
  public static final String CLERK = "gsn.sekreterare@ludvika.example.org";
  /** 09:00 in Stockholm on the posting day. */
  public static final Instant POSTING_MORNING = Instant.parse("2024-02-20T08:00:00Z");
  public static final AnslagConfig CONFIG = AnslagConfig.fromEnvironment(Map.of(
      "TABLE_NAME", "table", "PROTOCOLS_BUCKET", PROTOCOLS, "ARCHIVE_BUCKET", ARCHIVE, "SITE_BUCKET", SITE,
      "SEND_OUT_QUEUE_URL", "send-outs", "BOARD_REFRESH_QUEUE_URL", "board", "MAIL_FROM", "anslag@example.org",
      "MAILER_PARALLELISM", "4"));

  public static final MunicipalSetup SETUP = new MunicipalSetup(
      List.of(new Board("ludvika", "Ludvika kommun"), new Board("smedjebacken", "Smedjebackens kommun")),
      List.of(new Organ("gemensamma-servicenamnden", "Gemensamma servicenämnden", List.of("GSN"),
          List.of("ludvika", "smedjebacken"), CLERK, TakedownPolicy.NEXT_DAY, false,
          ReviewPolicy.NONE)),
      List.of(
          new DirectoryEntry("Kommunstyrelsen", List.of("KS"), List.of("kommunstyrelsen@ludvika.example.org"), false),
          new DirectoryEntry("Samverkande kommuner", List.of(),
              List.of("registrator@ludvika.example.org", "registrator@smedjebacken.example.org"), false),
          new DirectoryEntry("Samverkande kommuners fullmäktige", List.of(),
              List.of("kommunfullmaktige@ludvika.example.org", "kommunfullmaktige@smedjebacken.example.org"), false),
          new DirectoryEntry("Ekonomienheten", List.of(), List.of("ekonomienheten@ludvika.example.org"), false),
          new DirectoryEntry("Kommunstyrelsens förvaltnings verksamhetscontroller", List.of("Verksamhetscontroller"),
              List.of("verksamhetscontroller@ludvika.example.org"), false),
          new DirectoryEntry("Revisorerna", List.of(), List.of("revisorerna@ludvika.example.org"), false),
          new DirectoryEntry("Digitaliseringsrådet", List.of(), List.of("digitaliseringsradet@ludvika.example.org"), false),
          new DirectoryEntry("IT-chef", List.of(), List.of("it-chef@ludvika.example.org"), false),
          new DirectoryEntry("Akten", List.of("Diariet", "Registrator"), List.of(), true)));

  public final InMemoryRecords records = new InMemoryRecords();
  public final InMemorySubscriptions subscriptions = new InMemorySubscriptions();
  /** The subscription settings of the sample: the site of its mail links. */
  public static final se.anslag.config.SubscriptionConfig SUBSCRIPTIONS =
      new se.anslag.config.SubscriptionConfig(java.util.Map.of("SITE_URL", "https://anslag.example.se"));
  public final InMemoryObjects objects = new InMemoryObjects();
  public final RecordingWorkQueue queue = new RecordingWorkQueue();
  public final RecordingMailSender mail = new RecordingMailSender();
  public final TestClock clock = new TestClock(POSTING_MORNING);

  public SampleWorld() {
    records.replaceSetup(SETUP);
  }

  /** The sample minutes as text, as the clerk exported them. */
  public static String sampleText() {
    try {
      return Files.readString(Path.of("src/test/resources/samples/gsn-2024-02-14.txt"), StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  /** Uploads minutes to the protocols bucket as a clerk would, adjusted 2024-02-19, posted 2024-02-20. */
  public void upload(String key, String text) {
    upload(key, text, Map.of("adjusted-on", "2024-02-19", "posted-on", "2024-02-20"));
  }

  public void upload(String key, String text, Map<String, String> metadata) {
    objects.upload(PROTOCOLS, key, text.getBytes(StandardCharsets.UTF_8), metadata,
        clock.instant().minus(Duration.ofMinutes(1)));
  }
}
