package se.anslag.ports;

import java.util.ArrayList;
import java.util.List;
import se.anslag.domain.RecipientFix;
import se.anslag.domain.ReviewDecision;
import se.anslag.domain.SendOutMessage;

/** A work queue for unit tests: keeps what was queued, in order. */
public final class RecordingWorkQueue implements WorkQueue {
  private final List<SendOutMessage> sendOuts = new ArrayList<>();
  private final List<String> boardRefreshes = new ArrayList<>();
  private final List<ReviewDecision> reviews = new ArrayList<>();
  private final List<RecipientFix> recipientFixes = new ArrayList<>();

  @Override
  public synchronized void enqueueSendOuts(List<SendOutMessage> messages) {
    sendOuts.addAll(messages);
  }

  @Override
  public synchronized void requestBoardRefresh(String reason, String minutesId) {
    boardRefreshes.add(reason);
  }

  @Override
  public synchronized void requestReview(ReviewDecision decision) {
    reviews.add(decision);
  }

  @Override
  public synchronized void requestRecipientFix(RecipientFix fix) {
    recipientFixes.add(fix);
  }

  public synchronized List<RecipientFix> recipientFixes() {
    return List.copyOf(recipientFixes);
  }

  public synchronized List<ReviewDecision> reviews() {
    return List.copyOf(reviews);
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
