package se.anslag.function.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.Map;
import javax.inject.Named;
import javax.inject.Singleton;
import se.anslag.aws.ConfigModule;
import se.anslag.aws.QueueModule;
import se.anslag.board.BoardSite;
import se.anslag.publish.BoardPublisher;
import se.anslag.storage.StorageModule;

/**
 * The Dagger component of NoticeBoardFunction: the board publisher (which queues the subscriber mails
 * of new notices) and JSON, built once per execution environment.
 */
@Singleton
@Component(modules = {ConfigModule.class, StorageModule.class, QueueModule.class, NoticeBoardComponent.SiteModule.class})
interface NoticeBoardComponent {
  BoardPublisher publisher();

  ObjectMapper json();

  BoardSite site();

  @Component.Builder
  interface Builder {
    @BindsInstance
    Builder environment(@Named("environment") Map<String, String> environment);

    @BindsInstance
    Builder clock(Clock clock);

    NoticeBoardComponent build();
  }

  @Module
  final class SiteModule {
    private SiteModule() {}

    @Provides
    @Singleton
    static BoardSite site() {
      return new BoardSite();
    }
  }
}
