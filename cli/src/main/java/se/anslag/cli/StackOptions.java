package se.anslag.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the clerk's commands find the stack: a running `anslag demo` (its local stack file), or
 * AWS with the resources named explicitly and the standard AWS environment (AWS_REGION, the
 * default credentials chain). Names cannot be looked up from a CloudFormation stack name here:
 * that would need the CloudFormation SDK in the command line for this alone.
 */
final class StackOptions {
  @Option(names = "--stack-file", paramLabel = "FILE",
      description = "Local stack file of a running demo (default: .anslag/local-stack.json in the repository).")
  Path stackFile;

  @Option(names = "--table", paramLabel = "NAME", description = "AWS: the DynamoDB table of the stack.")
  String table;

  @Option(names = "--send-out-queue", paramLabel = "URL", description = "AWS: the URL of the stack's SendOutQueue.")
  String sendOutQueue;

  @Option(names = "--region", description = "AWS: the region (default: AWS_REGION).")
  String region;

  /** Connects to the stack these options name; exit status 2 with one line when none is named or running. */
  Stack connect() {
    return connect(System.getenv(), false);
  }

  /** {@code awsNamedElsewhere}: the command has options of its own that name AWS resources. */
  Stack connect(Map<String, String> processEnvironment, boolean awsNamedElsewhere) {
    if (table != null || sendOutQueue != null || awsNamedElsewhere) {
      var environment = new HashMap<>(processEnvironment);
      if (region != null) {
        environment.put("AWS_REGION", region);
      }
      if (environment.get("AWS_REGION") == null) {
        throw new AnslagCli.CommandFailure(2, "no AWS region: set AWS_REGION or give --region");
      }
      putIfPresent(environment, "TABLE_NAME", table);
      putIfPresent(environment, "SEND_OUT_QUEUE_URL", sendOutQueue);
      return Stack.on(environment, Map.of("SendOutQueue", sendOutQueue == null ? "" : sendOutQueue),
          "AWS (" + environment.get("AWS_REGION") + ")");
    }
    var file = stackFile != null ? stackFile : defaultStackFile();
    if (file == null || !Files.isRegularFile(file)) {
      throw new AnslagCli.CommandFailure(2, "no stack to talk to: no " + (file == null ? LocalStackFile.RELATIVE_PATH : file)
          + " (start ./anslag demo in another terminal) and no --table/--send-out-queue for AWS");
    }
    var local = LocalStackFile.read(file);
    if (ProcessHandle.of(local.pid()).map(process -> !process.isAlive()).orElse(true)) {
      throw new AnslagCli.CommandFailure(2, file + " was written by a demo (pid " + local.pid()
          + ") that is no longer running: start ./anslag demo again");
    }
    return Stack.on(local.environment(), local.queues(), "the local demo (" + file + ")");
  }

  private static Path defaultStackFile() {
    try {
      return LocalStackFile.defaultPath(ProjectRoot.find());
    } catch (AnslagCli.CommandFailure outsideTheRepository) {
      return null;
    }
  }

  private static void putIfPresent(Map<String, String> environment, String name, String value) {
    if (value != null) {
      environment.put(name, value);
    }
  }
}
