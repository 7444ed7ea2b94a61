package se.anslag.compose;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import javax.inject.Inject;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.Notice;
import se.anslag.domain.Paragraph;
import se.anslag.format.Markup;

/**
 * The mails to a subscriber of the board, in Swedish: the confirmation of a request, and one mail per
 * new notice. A notice mail carries RFC 8058's List-Unsubscribe and List-Unsubscribe-Post headers and
 * the same link in its text.
 */
public final class SubscriberMailComposer {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("sv-SE"));
  private static final DateTimeFormatter UNTIL =
      DateTimeFormatter.ofPattern("d MMMM yyyy 'kl.' HH:mm", Locale.forLanguageTag("sv-SE"));

  @Inject
  public SubscriberMailComposer() {}

  /** What the subscription follows, in words: "anslagen från X på Y" or "anslagen på Y". */
  public record Followed(String boardName, String organName) {
    String words() {
      return organName == null ? "anslagen på " + boardName : "anslagen från " + organName + " på " + boardName;
    }
  }

  public MailMessage confirmation(String address, Followed followed, String confirmUrl, ZonedDateTime validUntil) {
    var subject = "Bekräfta din prenumeration på " + followed.words();
    var text = """
        Hej!

        Någon, förhoppningsvis du, har bett att få e-post om nya %s.

        Följ länken för att bekräfta prenumerationen:
        %s

        Länken gäller till %s. Om du inte har bett om det här behöver du inte göra något: utan bekräftelse \
        får adressen inga fler brev och tas bort.
        """.formatted(followed.words(), confirmUrl, UNTIL.format(validUntil));
    var html = html(subject, "<p>Hej!</p>\n<p>Någon, förhoppningsvis du, har bett att få e-post om nya "
        + Markup.escape(followed.words()) + ".</p>\n<p><a href=\"" + Markup.escape(confirmUrl)
        + "\">Bekräfta prenumerationen</a></p>\n<p>Länken gäller till " + Markup.escape(UNTIL.format(validUntil))
        + ". Om du inte har bett om det här behöver du inte göra något: utan bekräftelse får adressen inga fler brev"
        + " och tas bort.</p>");
    return new MailMessage(valid(address), null, MailHeaders.text(subject), text, html, List.of(), java.util.Map.of());
  }

  /**
   * @param notice the notice on the subscribed board
   * @param noticeUrl the notice's page on the board
   * @param redact the board's own filter of what may not be public (identity numbers): a subscriber mail
   *     shows no more than the board does
   */
  public MailMessage notice(String address, Followed followed, MinutesRecord minutes, List<Paragraph> paragraphs,
      Notice notice, String noticeUrl, String unsubscribeUrl, java.util.function.UnaryOperator<String> redact) {
    var what = "Protokoll från " + minutes.organ() + "s sammanträde " + DAY.format(minutes.meetingDate());
    var subject = "Nytt anslag: " + what;
    var facts = new LinkedHashMap<String, String>();
    facts.put("Organ", minutes.organ());
    facts.put("Vad", "Justerat protokoll från sammanträdet " + DAY.format(minutes.meetingDate())
        + (minutes.paragraphRange() == null ? ""
            : ", § " + minutes.paragraphRange().from() + "–" + minutes.paragraphRange().to()));
    if (minutes.adjustedOn() != null) {
      facts.put("Justerat", DAY.format(minutes.adjustedOn()));
    }
    facts.put("Anslaget sattes upp", DAY.format(notice.postedOnThisBoard()));
    facts.put("Sista dag att överklaga", DAY.format(notice.dates().lastAppealDay()));
    facts.put("Anslaget tas ned", DAY.format(notice.dates().takedownOn()));
    if (minutes.storagePlace() != null) {
      facts.put("Protokollet finns hos", minutes.storagePlace());
    }
    // What the public board shows, and no more.
    facts.replaceAll((label, value) -> redact.apply(value));
    var text = new StringBuilder("Ett nytt anslag har satts upp på ").append(followed.boardName()).append(".\n\n");
    facts.forEach((label, value) -> text.append(label).append(": ").append(value).append('\n'));
    if (!paragraphs.isEmpty()) {
      text.append("\nÄrenden:\n");
      paragraphs.forEach(p -> text.append("§ ").append(p.number()).append(' ').append(title(p, redact)).append('\n'));
    }
    text.append("\nLäs anslaget: ").append(noticeUrl).append('\n');
    text.append("\nDu får det här brevet för att du prenumererar på ").append(followed.words()).append(".\n");
    text.append("Avsluta prenumerationen: ").append(unsubscribeUrl).append('\n');

    var body = new StringBuilder("<p>Ett nytt anslag har satts upp på ").append(Markup.escape(followed.boardName()))
        .append(".</p>\n<dl>\n");
    facts.forEach((label, value) -> body.append("<dt>").append(Markup.escape(label)).append("</dt><dd>")
        .append(Markup.escape(value)).append("</dd>\n"));
    body.append("</dl>\n");
    if (!paragraphs.isEmpty()) {
      body.append("<h2>Ärenden</h2>\n<ul>\n");
      paragraphs.forEach(p -> body.append("<li>§ ").append(p.number()).append(' ').append(Markup.escape(title(p, redact)))
          .append("</li>\n"));
      body.append("</ul>\n");
    }
    body.append("<p><a href=\"").append(Markup.escape(noticeUrl)).append("\">Läs anslaget</a></p>\n");
    body.append("<p>Du får det här brevet för att du prenumererar på ").append(Markup.escape(followed.words()))
        .append(". <a href=\"").append(Markup.escape(unsubscribeUrl)).append("\">Avsluta prenumerationen</a></p>");
    var headers = new LinkedHashMap<String, String>();
    headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
    headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    return new MailMessage(valid(address), null, MailHeaders.text(subject), text.toString(),
        html(subject, body.toString()), List.of(), headers);
  }

  private static String valid(String address) {
    if (!MailHeaders.isValidAddress(address)) {
      // Never the address itself in the message: it ends up in a log line.
      throw new IllegalArgumentException("The subscription's address is not a valid e-mail address");
    }
    return address;
  }

  private static String html(String title, String body) {
    return "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>" + Markup.escape(title)
        + "</title></head><body>\n" + body + "\n</body></html>";
  }

  private static String title(Paragraph paragraph, java.util.function.UnaryOperator<String> redact) {
    return paragraph.title() == null ? "" : redact.apply(paragraph.title());
  }

  static String day(LocalDate date) {
    return DAY.format(date);
  }
}
