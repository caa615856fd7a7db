package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.List;
import java.util.stream.Collectors;

/**
 * OPA's {@code http.send}, present so that policies and their tests compile and can replace it with
 * {@code with http.send as mock}. A real call is refused: a policy deciding inside a broker must
 * not reach the network, where a slow or hostile server would hold up every request. The request is
 * still checked as OPA checks it, so malformed requests fail the same way.
 */
final class HttpBuiltins {
  private static final List<String> REQUIRED = List.of("method", "url");

  private HttpBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("http.send", fn(OBJ, SOBJ), HttpBuiltins::send);
  }

  private static Value send(BuiltinContext ctx, Value[] args) {
    ObjectValue request = Args.object(args, 0);
    String missing =
        REQUIRED.stream()
            .filter(key -> !request.containsKey(StringValue.of(key)))
            .map(key -> "\"" + key + "\"")
            .collect(Collectors.joining(", "));
    if (!missing.isEmpty()) {
      throw BuiltinException.typeError("missing required request parameters(s): {" + missing + "}");
    }
    throw BuiltinException.error(
        "network calls are not available to policies evaluated in-process; replace http.send with"
            + " data in the bundle, or mock it in tests with `with http.send as ...`");
  }
}
