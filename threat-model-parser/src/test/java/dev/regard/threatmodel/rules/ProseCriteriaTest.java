package dev.regard.threatmodel.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.threatmodel.Disposition;
import dev.regard.threatmodel.MatchCriteria;
import dev.regard.threatmodel.Provenance;
import dev.regard.threatmodel.markdown.Inline;
import dev.regard.threatmodel.markdown.MarkdownDocument;
import dev.regard.threatmodel.markdown.MdBlock;
import org.junit.jupiter.api.Test;

class ProseCriteriaTest {

  private static Inline inline(String markdown) {
    MdBlock block = MarkdownDocument.parse("t.md", markdown).sections().get(0).blocks().get(0);
    return block.inlines().get(0);
  }

  @Test
  void backtickedTokensAreSortedIntoCriteria() {
    MatchCriteria criteria =
        ProseCriteria.of(
            inline(
                "See `src/a/`, `**/*.sh`, `org.apache.kafka.tools`, `max.connections{.per.ip}`,"
                    + " `FileConfigProvider`, `tools`, `SASL_SSL`, CWE-22 and `PATH_TRAVERSAL_IN`."));
    assertThat(criteria.paths())
        .containsExactly("src/a/**", "**/*.sh", "org/apache/kafka/tools/**");
    assertThat(criteria.configKeys()).containsExactly("max.connections", "max.connections.per.ip");
    // A bare name is a module only where a sentence puts it out of scope; a class never a path.
    assertThat(criteria.modules()).isEmpty();
    assertThat(criteria.components()).isEmpty();
    assertThat(criteria.cwes()).containsExactly("CWE-22");
    assertThat(criteria.ruleIds()).containsExactly("PATH_TRAVERSAL_IN");
  }

  @Test
  void proseWithoutPreciseTokensGivesNoCriteria() {
    assertThat(ProseCriteria.of(inline("Admins can do admin things, by design.")).isEmpty())
        .isTrue();
  }

  @Test
  void moduleListsOnlyWhenEveryNameIsBare() {
    assertThat(ProseCriteria.moduleGlobs("tools / bin, docker and tests"))
        .containsExactly("tools/**", "bin/**", "docker/**", "tests/**");
    assertThat(ProseCriteria.moduleGlobs("Streams application issues")).isEmpty();
  }

  @Test
  void dispositionsAreReadFromText() {
    Disposition fallback = new Disposition(Disposition.KNOWN_NON_FINDING, null);
    assertThat(ProseCriteria.disposition("`OUT-OF-MODEL: non-default-build`", fallback).label())
        .isEqualTo("OUT-OF-MODEL:non-default-build");
    assertThat(ProseCriteria.disposition("This is by design.", fallback).label())
        .isEqualTo("BY-DESIGN");
    assertThat(ProseCriteria.disposition("Nothing said.", fallback)).isSameAs(fallback);
  }

  @Test
  void provenanceTagsAreRecognised() {
    assertThat(ProvenanceTags.of("x *(maintainer — clolov)*")).isEqualTo(Provenance.MAINTAINER);
    assertThat(ProvenanceTags.of("x (Documented, Kafka docs)")).isEqualTo(Provenance.DOCUMENTED);
    assertThat(ProvenanceTags.of("x (inferred) (maintainer)")).isEqualTo(Provenance.INFERRED);
    assertThat(ProvenanceTags.of("x (see above)")).isEqualTo(Provenance.UNSTATED);
  }

  @Test
  void slugsAreAsciiAndBounded() {
    assertThat(RuleDeriver.slug("Schwacher Zufall in `daten/zufällig/**`"))
        .isEqualTo("schwacher-zufall-in-daten-zufallig");
    assertThat(RuleDeriver.slug("a".repeat(30) + " " + "b".repeat(30))).isEqualTo("a".repeat(30));
    assertThat(RuleDeriver.slug("日本語")).isEqualTo("entry");
  }
}
