package se.anslag.subscriptions;

import se.anslag.format.Markup;

/**
 * The pages the subscription routes answer with: Swedish, plain HTML, no script, every value escaped.
 * None shows an address: what the page says does not depend on whether one is known.
 */
final class SubscriptionPages {
  private SubscriptionPages() {}

  static String page(String title, String body) {
    return """
        <!DOCTYPE html>
        <html lang="sv">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>%s</title>
        </head>
        <body>
        <main>
        <h1>%s</h1>
        %s
        <p><a href="/">Till anslagstavlorna</a></p>
        </main>
        </body>
        </html>
        """.formatted(Markup.escape(title), Markup.escape(title), body);
  }

  static String paragraph(String text) {
    return "<p>" + Markup.escape(text) + "</p>";
  }

  /** The same page for a new, a pending and a confirmed address. */
  static String requested(Subscriptions.Followed followed) {
    return page("Kontrollera din e-post", paragraph("Om adressen inte redan prenumererar på " + what(followed)
        + " skickar vi ett e-brev med en länk. Prenumerationen börjar först när du har följt länken.")
        + paragraph("Kommer inget brev? Titta i skräpposten, eller anmäl dig igen om en stund."));
  }

  static String confirmed(Subscriptions.Followed followed) {
    return page("Prenumerationen är bekräftad", paragraph("Du får nu ett e-brev för varje nytt anslag om "
        + what(followed) + ". Varje brev har en länk för att avsluta prenumerationen."));
  }

  static String expired() {
    return page("Länken har slutat gälla", paragraph("Länken för att bekräfta prenumerationen gällde i ett dygn"
        + " och har slutat gälla. Ingen prenumeration har startats. Anmäl dig igen från anslagstavlan så får du"
        + " en ny länk."));
  }

  static String unknownConfirmation() {
    return page("Länken är okänd", paragraph("Länken för att bekräfta en prenumeration är okänd: den kan redan"
        + " vara använd, ersatt av en nyare länk eller felskriven. Anmäl dig igen från anslagstavlan om du vill"
        + " prenumerera."));
  }

  static String unsubscribeForm(String token, Subscriptions.Followed followed) {
    return page("Avsluta prenumerationen", paragraph("Vill du inte längre få e-brev om " + what(followed) + "?")
        + "<form method=\"post\" action=\"/api/subscriptions/unsubscribe?token=" + Markup.escape(token) + "\">\n"
        + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n"
        + "<button type=\"submit\">Avsluta prenumerationen</button>\n</form>");
  }

  static String unsubscribed() {
    return page("Prenumerationen är avslutad", paragraph("Du får inga fler e-brev från den här prenumerationen,"
        + " och adressen är borttagen från den."));
  }

  static String unknownUnsubscribe() {
    return page("Ingen prenumeration", paragraph("Länken hör inte till någon pågående prenumeration: den kan"
        + " redan vara avslutad."));
  }

  static String invalidAddress() {
    return page("Adressen kan inte användas", paragraph("Skriv en hel e-postadress, till exempel"
        + " namn@exempel.se, och försök igen."));
  }

  static String unknownBoard() {
    return page("Anslagstavlan finns inte", paragraph("Formuläret nämner en anslagstavla eller en nämnd som"
        + " inte finns här."));
  }

  static String limited() {
    return page("För många anmälningar", paragraph("Det har kommit för många anmälningar på kort tid. Försök"
        + " igen om en timme."));
  }

  static String notFound() {
    return page("Sidan finns inte", paragraph("Det finns ingen sådan sida."));
  }

  static String what(Subscriptions.Followed followed) {
    return followed.organName() == null ? "anslagen på " + followed.boardName()
        : "anslagen från " + followed.organName() + " på " + followed.boardName();
  }
}
