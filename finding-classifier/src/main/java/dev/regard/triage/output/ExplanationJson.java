package dev.regard.triage.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regard.threatmodel.TriageRule;
import dev.regard.triage.classify.CriterionCheck;
import dev.regard.triage.classify.Explanation;

/**
 * An explanation as JSON: the finding with its verdict (the JSON report's shape), then every rule
 * tried in precedence order with each criterion's outcome.
 */
public final class ExplanationJson {
  private ExplanationJson() {}

  /** {@code {"finding": {...}, "rulesTried": [{rule, verdict, disposition, ..., checks}]}}. */
  public static ObjectNode of(Explanation e) {
    ObjectNode node = ClassificationJson.NODES.objectNode();
    ObjectNode finding = ClassificationJson.finding(e.result());
    finding.put("citation", ClassificationJson.cite(e.result().section()));
    node.set("finding", finding);
    ArrayNode tried = node.putArray("rulesTried");
    for (Explanation.Trial t : e.trials()) {
      TriageRule r = t.rule();
      ObjectNode trial = tried.addObject();
      trial.put("rule", r.id());
      trial.put("verdict", r.verdict().id());
      trial.put("disposition", r.disposition().label());
      trial.put("origin", r.origin().id());
      trial.put("provenance", r.provenance().id());
      trial.put("matched", t.matched());
      ArrayNode checks = trial.putArray("checks");
      for (CriterionCheck c : t.checks()) {
        checks
            .addObject()
            .put("criterion", c.criterion())
            .put("matched", c.matched())
            .put("detail", c.detail());
      }
    }
    return node;
  }
}
