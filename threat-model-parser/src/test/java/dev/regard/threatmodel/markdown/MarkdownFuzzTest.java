package dev.regard.threatmodel.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.regard.threatmodel.RulesDocument;
import dev.regard.threatmodel.ThreatModel;
import dev.regard.threatmodel.ThreatModelException;
import dev.regard.threatmodel.reader.ModelReader;

/**
 * Fuzzes the Markdown front end: any bytes either become a complete model whose rules survive a
 * JSON round trip, or fail with a {@link ThreatModelException}; nothing else may escape. In the
 * normal build this runs the seeds in {@code MarkdownFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to
 * fuzz.
 */
class MarkdownFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void anyBytesGiveAModelOrAClearError(byte[] input) {
    ThreatModel model;
    try {
      String text = MarkdownFile.decode(input, "fuzz.md");
      model =
          ModelReader.read(
              java.util.List.of(MarkdownDocument.parse("fuzz.md", text)),
              null,
              "fuzz",
              java.util.List.of());
    } catch (ThreatModelException e) {
      assertThat(e.file()).isEqualTo("fuzz.md");
      assertThat(e.line()).isNotNegative();
      return;
    }
    RulesDocument rules = model.rules();
    assertThat(RulesDocument.fromJson(rules.toJson())).isEqualTo(rules);
    rules.toYaml();
  }
}
