package dev.regard.triage.finding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CweTest {
  @Test
  void recognisesEveryToolsSpelling() {
    assertThat(Cwe.fromTag("external/cwe/cwe-079")).contains("CWE-79");
    assertThat(Cwe.fromTag("CWE-79")).contains("CWE-79");
    assertThat(Cwe.fromTag("CWE-297: Improper Validation of Certificate")).contains("CWE-297");
    assertThat(Cwe.fromTag("cwe_502")).contains("CWE-502");
    assertThat(Cwe.fromTaxonId("022")).contains("CWE-22");
    assertThat(Cwe.normalise("cwe-0502")).isEqualTo("CWE-502");
  }

  @Test
  void rejectsWhatIsNotACwe() {
    assertThat(Cwe.fromTag("security")).isEmpty();
    assertThat(Cwe.fromTag("OWASP-A02:2021")).isEmpty();
    assertThat(Cwe.fromTag("cweather")).isEmpty();
    assertThat(Cwe.fromTaxonId("abc")).isEmpty();
  }
}
