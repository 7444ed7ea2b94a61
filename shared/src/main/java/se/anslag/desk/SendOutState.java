package se.anslag.desk;

import se.anslag.domain.SendOutStatus;

/** A send-out's status as the clerk reads it on the desk. */
final class SendOutState {
  private SendOutState() {}

  static String swedish(SendOutStatus status) {
    return switch (status) {
      case PENDING -> "Väntar";
      case SENDING -> "Skickas";
      case SENT -> "Skickat";
      case FILED -> "Diariefört";
      case FAILED -> "Misslyckades";
      case UNRESOLVED -> "Okänd mottagare";
      case RESOLVED -> "Mottagaren rättad";
      case UNCHANGED -> "Oförändrat, redan skickat";
      case DELIVERED -> "Levererat";
      case BOUNCED -> "Studsade";
      case COMPLAINED -> "Markerat som skräppost";
      // A subscriber's mail whose subscription ended, or a send-out stopped by a withdrawal: the detail says which.
      case CANCELLED -> "Inte skickat, stoppat";
    };
  }
}
