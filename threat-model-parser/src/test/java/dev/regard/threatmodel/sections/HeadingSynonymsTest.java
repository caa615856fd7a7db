package dev.regard.threatmodel.sections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.threatmodel.SectionKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeadingSynonymsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "§11a Known non-findings | KNOWN_NON_FINDINGS",
        "11a. Known non-findings (recurring false positives) | KNOWN_NON_FINDINGS",
        "Known false positives | KNOWN_NON_FINDINGS",
        "Out of scope | OUT_OF_SCOPE",
        "2.2 Out-of-scope | OUT_OF_SCOPE",
        "Non-goals | OUT_OF_SCOPE",
        "§14 Open questions for the maintainers | OPEN_QUESTIONS",
        "Appendix B: Unresolved | OPEN_QUESTIONS",
        "3. Adversary | ADVERSARY",
        "Attacker model | ADVERSARY",
        "§3 Adversary and trusted parties | ADVERSARY",
        "4 Trust boundaries | TRUST_BOUNDARIES",
        "7. Assumptions | TRUST_BOUNDARIES",
        "5. Assets | ASSETS",
        "6. Security controls and their defaults | CONTROLS",
        "Mitigations | CONTROLS",
        "2. Scope | SCOPE",
        "A. Components | SCOPE",
        "Reporting a vulnerability | REPORTING",
        "Supported versions | SUPPORTED_VERSIONS",
        "Geltungsbereich | OTHER",
        "Purpose and how to use this document | OTHER",
      })
  void recognisesHeadingsByMeaning(String heading, SectionKind expected) {
    assertThat(HeadingSynonyms.classify(heading)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "11a.1 Weak hash functions | Weak hash functions",
        "§14 Open questions | Open questions",
        "Addendum C — Kafka Connect | Kafka Connect",
        "Scope | Scope",
      })
  void stripsNumberingButKeepsCase(String heading, String expected) {
    assertThat(HeadingSynonyms.stripNumbering(heading)).isEqualTo(expected);
  }

  /** docs/triage-rules.md lists the synonyms per kind; the table must say what the code does. */
  @org.junit.jupiter.api.Test
  void documentedSynonymsMatchTheCode() throws java.io.IOException {
    String root = System.getProperty("regard.repository.root");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        root != null, "regard.repository.root is not set (run through Maven)");
    java.nio.file.Path doc = java.nio.file.Path.of(root, "docs", "triage-rules.md");
    String text = java.nio.file.Files.readString(doc);
    java.util.List<String> documentedOrder = new java.util.ArrayList<>();
    for (var entry : HeadingSynonyms.synonyms().entrySet()) {
      String row = " | " + String.join(", ", entry.getValue()) + " |\n";
      assertThat(text).as("row for %s in %s", entry.getKey(), doc).contains(row);
      documentedOrder.add(row);
    }
    // The rows appear in the order the kinds are tried.
    int previous = -1;
    for (String row : documentedOrder) {
      assertThat(text.indexOf(row)).isGreaterThan(previous);
      previous = text.indexOf(row);
    }
  }

  @org.junit.jupiter.api.Test
  void normalisationFoldsAccentsAndCase() {
    assertThat(HeadingSynonyms.normalise("§ 8 Défenses")).isEqualTo("defenses");
    assertThat(HeadingSynonyms.classify("§ 8 Défenses")).isEqualTo(SectionKind.CONTROLS);
  }
}
