package se.anslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.anslag.board.BoardSite;
import se.anslag.domain.SendOutMessage;
import se.anslag.ports.SampleWorld;
import se.anslag.ports.WorkQueue;
import se.anslag.publish.BoardPublisher;
import se.anslag.reader.MinutesReader;

/**
 * The board run that intake asks for may start at once, while intake is still finishing: it must
 * find the new notice then, not at the nightly run. The work queue here runs the board the moment
 * the refresh is requested, the earliest a board function could start.
 */
class BoardRefreshRaceTest {
  private static final String NOTICE_PAGE = "ludvika/anslag/gemensamma-servicenamnden/2024-02-14/index.html";

  private final SampleWorld world = new SampleWorld();
  private final BoardPublisher board = new BoardPublisher(world.records, world.records, world.records,
      world.objects, SampleWorld.CONFIG, new BoardSite(), world.clock,
      new se.anslag.publish.NoticeMailings(world.subscriptions, world.records, world.queue, world.clock));
  private final List<Boolean> noticeUpAfterEachRun = new ArrayList<>();

  /** Queues send-outs as the recording queue does, and runs the board as soon as a refresh is asked for. */
  private final WorkQueue boardStartingAtOnce = new WorkQueue() {
    @Override
    public void enqueueSendOuts(List<SendOutMessage> messages) {
      world.queue.enqueueSendOuts(messages);
    }

    @Override
    public void requestBoardRefresh(String reason, String minutesId) {
      board.publish(minutesId == null ? List.of() : List.of(minutesId));
      noticeUpAfterEachRun.add(world.objects.list(SampleWorld.SITE).containsKey(NOTICE_PAGE));
    }

    @Override
    public void handToIntake(se.anslag.domain.DeskRequest request) {
      world.queue.handToIntake(request);
    }
  };

  @Test
  void theBoardRunThatIntakeAsksForShowsTheNewNotice() {
    world.upload("uploads/gsn.txt", SampleWorld.sampleText());

    new ProtocolIntake(world.objects, world.records, world.records, world.records, world.records,
        new MinutesReader(), boardStartingAtOnce, world.clock).receive(new UploadEvent(SampleWorld.PROTOCOLS,
        "uploads/gsn.txt"));

    assertThat(noticeUpAfterEachRun).as("the notice on the board after the run intake asked for")
        .isNotEmpty().containsOnly(true);
  }

  @Test
  void theBoardRunShowsTheNewNoticeBeforeTheBoardIndexHasIt() {
    world.upload("uploads/gsn.txt", SampleWorld.sampleText());
    world.records.holdBoardIndex();

    new ProtocolIntake(world.objects, world.records, world.records, world.records, world.records,
        new MinutesReader(), boardStartingAtOnce, world.clock).receive(new UploadEvent(SampleWorld.PROTOCOLS,
        "uploads/gsn.txt"));

    assertThat(world.records.noticesOnBoard("ludvika")).as("the board index, lagging").isEmpty();
    assertThat(noticeUpAfterEachRun).isNotEmpty().containsOnly(true);
  }

  @Test
  void anUploadIntakeHadDispatchedAsksForTheBoardRunAgainInCaseItDiedBeforeAsking() {
    world.upload("uploads/gsn.txt", SampleWorld.sampleText());
    var intake = new ProtocolIntake(world.objects, world.records, world.records, world.records, world.records,
        new MinutesReader(), world.queue, world.clock);
    intake.receive(new UploadEvent(SampleWorld.PROTOCOLS, "uploads/gsn.txt"));

    var again = intake.receive(new UploadEvent(SampleWorld.PROTOCOLS, "uploads/gsn.txt"));

    assertThat(again.alreadyProcessed()).isTrue();
    assertThat(world.queue.boardRefreshes()).hasSize(2);
  }
}
