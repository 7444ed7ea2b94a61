package se.anslag.local;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import se.anslag.cli.ProjectRoot;

/**
 * The local workflow on the sample's posting day with the sample setup loaded: started before each
 * test, stopped after it, so that no test leaves an emulator running.
 */
final class SampleWorkflow implements BeforeEachCallback, AfterEachCallback {
  static final Path ROOT = ProjectRoot.find();
  static final LocalDate ADJUSTED_ON = LocalDate.of(2024, 2, 19);
  static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);

  private LocalWorkflow workflow;

  @Override
  public void beforeEach(ExtensionContext context) {
    workflow = LocalWorkflow.start(ROOT, LocalWorkflow.clockAt(POSTED_ON), System.err);
    workflow.loadSetup(ROOT.resolve("local/setup/sample-setup.yaml"));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (workflow != null) {
      workflow.close();
    }
  }

  LocalWorkflow get() {
    return workflow;
  }
}
