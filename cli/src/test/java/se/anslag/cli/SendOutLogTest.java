package se.anslag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.TakedownPolicy;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;

/** The send-out log as `anslag status` prints it: header, rows in order, totals, a rejected upload. */
class SendOutLogTest {
  private static final String ID = "3fa5148c9e2a" + "0".repeat(52);
  /** 08:05 UTC is 09:05 in Stockholm in February. */
  private static final Instant AT = Instant.parse("2024-02-20T08:05:00Z");
  private static final MinutesRecord MINUTES = new MinutesRecord(ID, "protocols", "uploads/gsn.pdf", AT,
      "Gemensamma servicenämnden", "gemensamma-servicenamnden", LocalDate.of(2024, 2, 14), null, null,
      LocalDate.of(2024, 2, 19), MinutesStatus.DISPATCHED, null, List.of());
  private static final List<Notice> NOTICES = List.of(new Notice(ID, "ludvika", LocalDate.of(2024, 2, 20),
      new NoticeDates(LocalDate.of(2024, 2, 20), LocalDate.of(2024, 3, 12), LocalDate.of(2024, 3, 13)),
      TakedownPolicy.NEXT_DAY, false));

  private static SendOut sendOut(int paragraph, String target, SendOutKind kind, String name, String qualifier,
      SendOutStatus status, String detail) {
    return new SendOut(ID, paragraph, target, kind, List.of(name), qualifier, status, 1, null, AT, AT, detail);
  }

  private static final List<SendOut> SEND_OUTS = List.of(
      sendOut(6, "unresolved:it-chef", SendOutKind.UNRESOLVED, "IT-chef", null, SendOutStatus.UNRESOLVED,
          "The recipient directory has no entry for 'IT-chef'"),
      sendOut(1, "kommunstyrelsen@ludvika.example.org", SendOutKind.EMAIL, "Kommunstyrelsen", "för kännedom",
          SendOutStatus.SENT, null),
      sendOut(1, SendOut.CASE_FILE_TARGET, SendOutKind.CASE_FILE, "Akten", null, SendOutStatus.FILED, null),
      sendOut(0, "receipt:gsn@ludvika.example.org", SendOutKind.RECEIPT, "Gemensamma servicenämnden, sekreterare",
          null, SendOutStatus.SENT, null));

  @Test
  void theHeaderNamesOrganMeetingStatusAndTheDates() {
    var text = SendOutLog.format(MINUTES, NOTICES, SEND_OUTS);

    assertThat(text.lines().limit(2)).containsExactly(
        "Minutes 3fa5148c9e2a  Gemensamma servicenämnden, meeting of 2024-02-14  DISPATCHED",
        "Uploaded 2024-02-20 09:05 as uploads/gsn.pdf; adjusted on 2024-02-19; posted 2024-02-20;"
            + " last appeal day 2024-03-12; taken down 2024-03-13");
  }

  @Test
  void rowsComeInParagraphOrderWithTheClerksMailLastAndColumnsAligned() {
    var table = SendOutLog.table(SendOutLog.rows(SEND_OUTS)).lines().toList();

    assertThat(table).containsExactly(
        "§  Recipient                               Qualifier     Address                              Status      Time              Detail",
        "1  Kommunstyrelsen                         för kännedom  kommunstyrelsen@ludvika.example.org  SENT        2024-02-20 09:05",
        "1  Akten                                   -             case file                            FILED       2024-02-20 09:05",
        "6  IT-chef                                 -             -                                    UNRESOLVED  2024-02-20 09:05  The recipient directory has no entry for 'IT-chef'",
        "-  Gemensamma servicenämnden, sekreterare  receipt       gsn@ludvika.example.org              SENT        2024-02-20 09:05");
  }

  @Test
  void totalsCountEachStatusPresent() {
    var text = SendOutLog.format(MINUTES, NOTICES, SEND_OUTS);

    assertThat(text.lines().toList().getLast()).isEqualTo("Totals: 2 SENT, 1 FILED, 1 UNRESOLVED");
  }

  @Test
  void aRejectedUploadShowsItsReasonAndNoTable() {
    var rejected = MINUTES.withStatus(MinutesStatus.REJECTED, "The organ 'X' is not in the municipality's setup");

    var text = SendOutLog.format(rejected, List.of(), List.of());

    assertThat(text).contains("REJECTED: The organ 'X' is not in the municipality's setup").contains("No send-outs.")
        .doesNotContain("last appeal day");
  }
}
