package dev.regard.rego;

import dev.regard.rego.value.Value;
import java.util.List;
import java.util.Map;

/** The solutions of a query, in evaluation order, each binding the query's named variables. */
public record QueryResult(List<Map<String, Value>> bindings) {
  public QueryResult {
    bindings = List.copyOf(bindings);
  }
}
