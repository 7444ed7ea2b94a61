package se.anslag.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The confirmation mail of a subscription: what it asks, until when, and that it can be ignored. */
class SubscriberMailComposerTest {

  private static final String LINK = "https://anslag.example.org/api/subscriptions/confirm?token=abc";

  @Test
  void theConfirmationMailSaysInSwedishThatItCanBeIgnoredByWhoeverDidNotAskForIt() {
    var mail = new SubscriberMailComposer().confirmation("anna@example.org",
        new SubscriberMailComposer.Followed("Ludvika kommun", "Kommunstyrelsen"), LINK,
        ZonedDateTime.of(2025, 1, 23, 9, 30, 0, 0, ZoneId.of("Europe/Stockholm")));

    assertThat(mail.subject()).isEqualTo("Bekräfta din prenumeration på anslagen från Kommunstyrelsen på Ludvika kommun");
    for (var body : new String[] {mail.text(), mail.html()}) {
      assertThat(body).contains("Någon, förhoppningsvis du, har bett att få e-post om nya anslagen från "
              + "Kommunstyrelsen på Ludvika kommun.",
          "Länken gäller till 23 januari 2025 kl. 09:30.",
          "Om du inte har bett om det här behöver du inte göra något: utan bekräftelse får adressen inga fler brev"
              + " och tas bort.");
    }
    assertThat(mail.text()).contains(LINK);
    assertThat(mail.html()).contains("<a href=\"" + LINK + "\">Bekräfta prenumerationen</a>");
    assertThat(mail.extraHeaders()).as("nothing to unsubscribe from before confirming")
        .doesNotContainKey("List-Unsubscribe");
  }
}
