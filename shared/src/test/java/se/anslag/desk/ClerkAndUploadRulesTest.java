package se.anslag.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claims the desk reads after API Gateway's authorizer, and the files it takes. */
class ClerkAndUploadRulesTest {

  @Test
  void groupsArriveAsApiGatewayWritesArrayClaims() {
    // API Gateway's payload 2.0 gives ["a","b"] as "[a b]" (measured; see LocalJwtAuthorizer).
    assertThat(Clerk.groups("[gemensamma-servicenamnden byggnadsnamnden]"))
        .containsExactlyInAnyOrder("gemensamma-servicenamnden", "byggnadsnamnden");
    assertThat(Clerk.groups("[kommunstyrelsen]")).containsExactly("kommunstyrelsen");
    assertThat(Clerk.groups(null)).isEmpty();
    assertThat(Clerk.groups("[]")).isEmpty();
  }

  @Test
  void onlyAnIdTokenWithSubjectAndAddressNamesAClerk() {
    var clerk = Clerk.fromClaims(Map.of("token_use", "id", "sub", "s-1", "email", "a@example.org",
        "cognito:groups", "[kommunstyrelsen]"));
    assertThat(clerk.mayActFor("kommunstyrelsen")).isTrue();
    assertThat(clerk.mayActFor("byggnadsnamnden")).isFalse();
    assertThat(clerk.mayActFor(null)).isFalse();
    assertThatThrownBy(() -> Clerk.fromClaims(Map.of("token_use", "access", "sub", "s-1", "email", "a@example.org")))
        .isInstanceOf(Clerk.NotAClerkToken.class).hasMessageContaining("token_use");
    assertThatThrownBy(() -> Clerk.fromClaims(Map.of("token_use", "id", "sub", "s-1")))
        .isInstanceOf(Clerk.NotAClerkToken.class);
    assertThatThrownBy(() -> Clerk.fromClaims(Map.of())).isInstanceOf(Clerk.NotAClerkToken.class);
  }

  @Test
  void pdfAndTextAreTakenByNameAndAnUncontradictingType() {
    assertThat(UploadRules.check("Protokoll KS.PDF", 1000, "application/pdf").contentType()).isEqualTo("application/pdf");
    assertThat(UploadRules.check("protokoll.txt", 1000, "").extension()).isEqualTo("txt");
    assertThat(UploadRules.check("protokoll.txt", 1000, "text/plain;charset=utf-8").contentType()).isEqualTo("text/plain");
    assertThatThrownBy(() -> UploadRules.check("protokoll.pdf", 1000, "text/html"))
        .hasMessage("”protokoll.pdf” är varken en PDF-fil eller en textfil. Ladda upp det justerade protokollet som PDF eller text.");
  }

  @Test
  void emptyAndTooLargeFilesAreRefusedWithTheirName() {
    assertThatThrownBy(() -> UploadRules.check("tom.pdf", 0, "application/pdf")).hasMessage("”tom.pdf” är tom.");
    assertThat(UploadRules.check("gräns.pdf", UploadRules.MAX_BYTES, "application/pdf")).isNotNull();
    assertThatThrownBy(() -> UploadRules.check("stor.pdf", UploadRules.MAX_BYTES + 1, "application/pdf"))
        .hasMessage("”stor.pdf” är 20,1 MB. Filer större än 20 MB tas inte emot.");
    assertThatThrownBy(() -> UploadRules.check("  ", 10, "")).hasMessage("Filen saknar namn.");
  }
}
