package dev.regard.threatmodel.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.threatmodel.Component;
import dev.regard.threatmodel.Provenance;
import dev.regard.threatmodel.SourceRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeOverlapTest {

  private static final List<Component> COMPONENTS =
      List.of(
          new Component(
              "Runtime",
              true,
              List.of("broker-runtime/src/main/**"),
              "",
              Provenance.UNSTATED,
              new SourceRef("t.md", "", 1)),
          new Component(
              "Tests",
              false,
              List.of("**/src/test/**"),
              "",
              Provenance.UNSTATED,
              new SourceRef("t.md", "", 2)));

  @Test
  void globsReachingAnInScopeComponentAreFound() {
    assertThat(ScopeOverlap.coveredBy("broker-runtime/**", COMPONENTS)).isPresent();
    assertThat(ScopeOverlap.coveredBy("**/*.java", COMPONENTS)).isPresent();
    assertThat(ScopeOverlap.coveredBy("**", COMPONENTS)).isPresent();
  }

  @Test
  void disjointGlobsAreNot() {
    assertThat(ScopeOverlap.coveredBy("**/src/test/**", COMPONENTS)).isEmpty();
    assertThat(ScopeOverlap.coveredBy("benchmarks/**", COMPONENTS)).isEmpty();
    assertThat(ScopeOverlap.coveredBy("broker-runtime/src/test/**", COMPONENTS)).isEmpty();
  }
}
