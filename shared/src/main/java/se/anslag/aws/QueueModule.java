package se.anslag.aws;

import dagger.Binds;
import dagger.Module;
import se.anslag.ports.WorkQueue;

/** The work queue on SQS behind the port, for the functions that queue send-outs or board runs. */
@Module(includes = SqsModule.class)
public interface QueueModule {
  @Binds
  WorkQueue workQueue(SqsWorkQueues queues);
}
