package se.anslag.ports;

import java.util.ArrayList;
import java.util.List;
import se.anslag.domain.DeskRequest;
import se.anslag.domain.SendOutMessage;

/** A work queue for unit tests: keeps what was queued, in order. */
public final class RecordingWorkQueue implements WorkQueue {
  private final List<SendOutMessage> sendOuts = new ArrayList<>();
  private final List<String> boardRefreshes = new ArrayList<>();
  private final List<DeskRequest> deskRequests = new ArrayList<>();

  @Override
  public synchronized void enqueueSendOuts(List<SendOutMessage> messages) {
    sendOuts.addAll(messages);
  }

  @Override
  public synchronized void requestBoardRefresh(String reason, String minutesId) {
    boardRefreshes.add(reason);
  }

  @Override
  public synchronized void handToIntake(DeskRequest request) {
    deskRequests.add(request);
  }

  public synchronized List<DeskRequest> deskRequests() {
    return List.copyOf(deskRequests);
  }

  public synchronized List<SendOutMessage> sendOuts() {
    return List.copyOf(sendOuts);
  }

  /** Takes what was queued so far, as a consumer would. */
  public synchronized List<SendOutMessage> takeSendOuts() {
    var taken = List.copyOf(sendOuts);
    sendOuts.clear();
    return taken;
  }

  public synchronized List<String> boardRefreshes() {
    return List.copyOf(boardRefreshes);
  }
}
