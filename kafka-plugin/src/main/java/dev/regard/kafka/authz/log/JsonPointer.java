package dev.regard.kafka.authz.log;

import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON pointer (RFC 6901) into an object, such as OPA's mask path {@code /input/client/address}:
 * {@code ~1} stands for '/' and {@code ~0} for '~' in a member name.
 */
public record JsonPointer(String text, List<String> names) {

  public JsonPointer {
    names = List.copyOf(names);
  }

  /** Parses {@code text}; it must start with '/' and name at least one member. */
  public static JsonPointer parse(String text) {
    if (!text.startsWith("/") || text.length() == 1) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a JSON pointer to a member, like /input/client/address");
    }
    List<String> names = new ArrayList<>();
    for (String part : text.substring(1).split("/", -1)) {
      names.add(part.replace("~1", "/").replace("~0", "~"));
    }
    return new JsonPointer(text, names);
  }

  /** {@code object} without the member pointed at; the same instance when there is none. */
  public ObjectValue erase(ObjectValue object) {
    return erase(object, 0);
  }

  private ObjectValue erase(ObjectValue object, int depth) {
    StringValue key = StringValue.of(names.get(depth));
    Value member = object.get(key);
    if (member == null) {
      return object;
    }
    if (depth == names.size() - 1) {
      return object.toBuilder().remove(key).build();
    }
    if (!(member instanceof ObjectValue inner)) {
      return object;
    }
    ObjectValue erased = erase(inner, depth + 1);
    return erased == inner ? object : object.with(key, erased);
  }
}
