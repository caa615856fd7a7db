package dev.regard.rego.compile;

import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Location;
import dev.regard.rego.ast.Term;
import java.util.List;

/**
 * A rule ready for evaluation: names resolved, body ordered for safety. {@code keyPath} holds the
 * head reference's terms below its group's path (empty for complete rules); {@code value} is the
 * head value ({@code true} when none was written); {@code key} is the element of a {@code contains}
 * rule; {@code args} are a function's parameters.
 */
public record CompiledRule(
    String name,
    Location location,
    List<Term> keyPath,
    List<Term> args,
    Term key,
    Term value,
    List<Literal> body,
    CompiledRule elseRule) {
  public CompiledRule {
    keyPath = List.copyOf(keyPath);
    args = args == null ? null : List.copyOf(args);
    body = List.copyOf(body);
  }
}
