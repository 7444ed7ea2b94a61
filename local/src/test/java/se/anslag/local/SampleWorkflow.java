package se.anslag.local;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import se.anslag.cli.ProjectRoot;

/**
 * One local workflow for a test class, on the sample's posting day with the sample setup loaded:
 * started before the class's first test and stopped after its last, so that no test leaves an
 * emulator running. Before every test but the first the workflow is reset (every item, object,
 * message, mail and clerk gone, the functions built anew on the posting day's clock) and the setup
 * loaded again, so each test starts from what a fresh workflow gives it, whatever ran before.
 * Register it on a static field: {@code @RegisterExtension static final SampleWorkflow sample = ...}.
 */
final class SampleWorkflow implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  static final Path ROOT = ProjectRoot.find();
  static final Path SAMPLE_SETUP = ROOT.resolve("local/setup/sample-setup.yaml");
  static final LocalDate ADJUSTED_ON = LocalDate.of(2024, 2, 19);
  static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);

  private final boolean loadsTheSampleSetup;
  private LocalWorkflow workflow;
  private boolean fresh;

  /** With the sample setup loaded before each test. */
  SampleWorkflow() {
    this(true);
  }

  private SampleWorkflow(boolean loadsTheSampleSetup) {
    this.loadsTheSampleSetup = loadsTheSampleSetup;
  }

  /** For tests of loading a setup: the table holds none before each test. */
  static SampleWorkflow withoutSetup() {
    return new SampleWorkflow(false);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    workflow = LocalWorkflow.start(ROOT, LocalWorkflow.clockAt(POSTED_ON), System.err);
    fresh = true;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!fresh) {
      workflow.reset(LocalWorkflow.clockAt(POSTED_ON));
    }
    fresh = false;
    if (loadsTheSampleSetup) {
      workflow.loadSetup(SAMPLE_SETUP);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (workflow != null) {
      workflow.close();
    }
  }

  LocalWorkflow get() {
    return workflow;
  }
}
