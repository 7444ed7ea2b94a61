package se.anslag.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import se.anslag.aws.DeadLetterRedrive;

/** `anslag redrive`: a dead-letter queue's messages back to their source queue. */
@Command(name = "redrive", description = {
    "Move the messages of a dead-letter queue back to the queue they came from, and print how many.",
    "On AWS give --queue-url and --dead-letter-queue-url (the local demo knows its queues)."})
final class RedriveCommand implements Callable<Integer> {
  /** The queues of template.yaml that have a dead-letter queue, by the short name the option takes. */
  enum QueueName { SendOut, Intake, BoardRefresh, DeliveryEvents }

  @Spec CommandSpec spec;

  @Mixin StackOptions stackOptions;

  @Option(names = "--queue", defaultValue = "SendOut",
      description = "SendOut, Intake, BoardRefresh or DeliveryEvents (default: ${DEFAULT-VALUE}).")
  QueueName queue;

  @Option(names = "--queue-url", paramLabel = "URL", description = "AWS: the source queue's URL.")
  String queueUrl;

  @Option(names = "--dead-letter-queue-url", paramLabel = "URL", description = "AWS: its dead-letter queue's URL.")
  String deadLetterQueueUrl;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    // Redrive needs no table: the queue URLs alone name an AWS stack.
    try (var stack = stackOptions.connect(System.getenv(), queueUrl != null || deadLetterQueueUrl != null)) {
      var source = queueUrl != null ? queueUrl : stack.queueUrl(queue + "Queue").orElse(null);
      var deadLetters = deadLetterQueueUrl != null ? deadLetterQueueUrl
          : stack.queueUrl(queue + "DeadLetterQueue").orElse(null);
      if (source == null || deadLetters == null) {
        throw new AnslagCli.CommandFailure(2, "the URLs of the " + queue + " queues are not known here: give --queue-url"
            + " and --dead-letter-queue-url");
      }
      int moved = DeadLetterRedrive.redrive(stack.sqs(), deadLetters, source);
      out.printf("Moved %d message(s) from %sDeadLetterQueue back to %sQueue%n", moved, queue, queue);
      out.flush();
      return 0;
    }
  }
}
