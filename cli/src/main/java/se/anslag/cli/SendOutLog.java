package se.anslag.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.Notice;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.SwedishTime;

/** The send-out log of one set of minutes, as `anslag status` prints it: a header, a table, totals. */
final class SendOutLog {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SwedishTime.ZONE);
  private static final List<String> COLUMNS = List.of("§", "Recipient", "Qualifier", "Address", "Status", "Time", "Detail");

  private SendOutLog() {}

  /** One line of the table, every cell as printed. */
  record Row(String paragraph, String recipient, String qualifier, String address, String status, String time,
      String detail) {
    List<String> cells() {
      return List.of(paragraph, recipient, qualifier, address, status, time, detail);
    }
  }

  static String format(MinutesRecord minutes, List<Notice> notices, List<SendOut> sendOuts) {
    var text = new StringBuilder();
    text.append("Minutes ").append(minutes.id(), 0, Math.min(12, minutes.id().length())).append("  ")
        .append(minutes.organ() == null ? "(organ not read)" : minutes.organ())
        .append(", meeting of ").append(orDash(minutes.meetingDate())).append("  ").append(minutes.status()).append('\n');
    text.append("Uploaded ").append(TIME.format(minutes.receivedAt())).append(" as ").append(minutes.sourceKey())
        .append("; adjusted on ").append(orDash(minutes.adjustedOn()));
    postedOn(notices).ifPresent(posted -> text.append("; posted ").append(posted));
    notices.stream().findFirst().ifPresent(notice -> text.append("; last appeal day ")
        .append(notice.dates().lastAppealDay()).append("; taken down ").append(notice.dates().takedownOn()));
    text.append('\n');
    if (minutes.statusDetail() != null) {
      text.append(minutes.status()).append(": ").append(minutes.statusDetail()).append('\n');
    }
    text.append('\n');
    if (sendOuts.isEmpty()) {
      text.append("No send-outs.\n");
      return text.toString();
    }
    text.append(table(rows(sendOuts)));
    text.append('\n').append("Totals: ").append(String.join(", ", totals(sendOuts).entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey()).toList())).append('\n');
    return text.toString();
  }

  /** The rows in paragraph order, the clerk's mails (paragraph 0) last. */
  static List<Row> rows(List<SendOut> sendOuts) {
    return sendOuts.stream()
        .sorted(Comparator.comparing((SendOut s) -> s.kind().isClerkMail()).thenComparing(SendOut::paragraph))
        .map(s -> new Row(s.kind().isClerkMail() ? "-" : Integer.toString(s.paragraph()),
            String.join(", ", s.recipientNames()),
            s.kind().isClerkMail() ? s.kind().name().toLowerCase() : orDash(s.qualifier()),
            address(s), s.status().name(), TIME.format(s.updatedAt()), s.detail() == null ? "" : s.detail()))
        .toList();
  }

  static String address(SendOut sendOut) {
    return switch (sendOut.kind()) {
      case CASE_FILE -> "case file";
      case UNRESOLVED -> "-";
      case EMAIL, RECEIPT, SUMMARY -> sendOut.address();
      // Not shown: the send-out names the subscription, and the address is none of the log's.
      case SUBSCRIPTION_CONFIRMATION, SUBSCRIBER_NOTICE -> "subscriber " + sendOut.subscriptionId().substring(0, 12);
    };
  }

  /** Counts per status in the enum's order, only the statuses present. */
  static Map<SendOutStatus, Integer> totals(List<SendOut> sendOuts) {
    var counts = new EnumMap<SendOutStatus, Integer>(SendOutStatus.class);
    sendOuts.forEach(s -> counts.merge(s.status(), 1, Integer::sum));
    return new LinkedHashMap<>(counts);
  }

  static String table(List<Row> rows) {
    var widths = new int[COLUMNS.size()];
    var all = new ArrayList<List<String>>();
    all.add(COLUMNS);
    rows.forEach(row -> all.add(row.cells()));
    for (var cells : all) {
      for (int i = 0; i < cells.size(); i++) {
        widths[i] = Math.max(widths[i], cells.get(i).length());
      }
    }
    var text = new StringBuilder();
    for (var cells : all) {
      var line = new StringBuilder();
      for (int i = 0; i < cells.size(); i++) {
        // The last column is not padded, so no line ends in blanks.
        line.append(i == cells.size() - 1 ? cells.get(i) : pad(cells.get(i), widths[i]) + "  ");
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  /** The whole log as plain data for `--json`. */
  static Map<String, Object> asJson(MinutesRecord minutes, List<Notice> notices, List<SendOut> sendOuts) {
    var header = new LinkedHashMap<String, Object>();
    header.put("id", minutes.id());
    header.put("organ", minutes.organ());
    header.put("meetingDate", minutes.meetingDate());
    header.put("status", minutes.status());
    header.put("statusDetail", minutes.statusDetail());
    header.put("receivedAt", minutes.receivedAt());
    header.put("sourceKey", minutes.sourceKey());
    header.put("adjustedOn", minutes.adjustedOn());
    header.put("postedOn", postedOn(notices).orElse(null));
    header.put("lastAppealDay", notices.stream().findFirst().map(n -> n.dates().lastAppealDay()).orElse(null));
    header.put("takedownOn", notices.stream().findFirst().map(n -> n.dates().takedownOn()).orElse(null));
    var rows = new ArrayList<Map<String, Object>>();
    for (var s : sendOuts.stream().sorted(Comparator.comparing((SendOut s) -> s.kind().isClerkMail())
        .thenComparing(SendOut::paragraph)).toList()) {
      var row = new LinkedHashMap<String, Object>();
      row.put("paragraph", s.paragraph());
      row.put("recipientNames", s.recipientNames());
      row.put("qualifier", s.qualifier());
      row.put("kind", s.kind());
      row.put("address", s.kind() == SendOutKind.EMAIL || s.kind().isClerkMail() ? s.address() : null);
      row.put("status", s.status());
      row.put("updatedAt", s.updatedAt());
      row.put("attempts", s.attempts());
      row.put("detail", s.detail());
      rows.add(row);
    }
    var json = new LinkedHashMap<String, Object>();
    json.put("minutes", header);
    json.put("sendOuts", rows);
    json.put("totals", totals(sendOuts));
    return json;
  }

  private static java.util.Optional<LocalDate> postedOn(List<Notice> notices) {
    return notices.stream().map(Notice::postedOnThisBoard).max(Comparator.naturalOrder());
  }

  private static String pad(String cell, int width) {
    return cell + " ".repeat(width - cell.length());
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }
}
