package dev.regard.threatmodel;

import java.util.List;
import java.util.Objects;

/**
 * A threat model as loaded, with its rules and how it was found.
 *
 * @param model the parsed model
 * @param rules the rules it yields
 * @param discovery the human-readable steps taken, e.g. {@code "AGENTS.md -> SECURITY.md (link
 *     'security policy')"}
 */
public record LoadedModel(ThreatModel model, RulesDocument rules, List<String> discovery) {

  public LoadedModel {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(rules, "rules");
    discovery = List.copyOf(discovery);
  }
}
