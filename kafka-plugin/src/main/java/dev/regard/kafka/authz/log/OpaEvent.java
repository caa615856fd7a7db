package dev.regard.kafka.authz.log;

import dev.regard.kafka.authz.input.InputDocument;
import dev.regard.kafka.authz.input.RequestFacts;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.resource.PatternType;

/**
 * Lays out one decision as an entry of OPA's decision log ({@code decision_id}, {@code labels},
 * {@code bundles}, {@code path}, {@code input}, {@code result}, {@code timestamp}, {@code metrics},
 * {@code erased}), so OPA's decision-log tooling reads it. What OPA has no member for (the reason
 * of a deny that is not the policy's own answer, a cache hit, a disagreement with the delegate
 * authorizer) goes in {@code custom}.
 *
 * @param labels the {@code labels} member: id, version and node of this authorizer
 * @param bundleName the name the bundle's revision is reported under
 * @param path the decision path of single actions, as OPA writes it ({@code kafka/authz/allow})
 * @param resourceTypePath the decision path of authorizeByResourceType questions
 * @param masks the members to erase
 */
public record OpaEvent(
    Map<String, String> labels,
    String bundleName,
    String path,
    String resourceTypePath,
    List<JsonPointer> masks) {

  public OpaEvent {
    labels = Map.copyOf(labels);
    masks = List.copyOf(masks);
  }

  /** {@code data.kafka.authz.allow} as OPA writes a decision path: {@code kafka/authz/allow}. */
  public static String path(String ref) {
    return ref.substring(ref.indexOf('.') + 1).replace('.', '/');
  }

  /** The entry of one decision, as one line of JSON. */
  public String json(DecisionLog.Entry entry) {
    RequestFacts facts = entry.facts();
    ObjectValue.Builder labelValues = ObjectValue.builder();
    labels.forEach((k, v) -> labelValues.put(k, StringValue.of(v)));
    ObjectValue.Builder custom = ObjectValue.builder();
    if (entry.reason() != null) {
      custom.put("reason", StringValue.of(entry.reason()));
    }
    custom.put("cache_hit", BooleanValue.of(entry.cacheHit()));
    if (entry.shadow() != null) {
      custom.put("shadow", entry.shadow().value());
    }
    ObjectValue.Builder event =
        ObjectValue.builder()
            .put("decision_id", StringValue.of(UUID.randomUUID().toString()))
            .put("labels", labelValues.build())
            .put(
                "bundles",
                ObjectValue.of(
                    StringValue.of(bundleName),
                    ObjectValue.of(StringValue.of("revision"), StringValue.of(entry.revision()))))
            .put("path", StringValue.of(byResourceType(facts) ? resourceTypePath : path))
            .put("input", InputDocument.of(facts))
            .put("result", BooleanValue.of(entry.allowed()))
            .put("requested_by", StringValue.of(facts.clientAddress()))
            .put("timestamp", StringValue.of(entry.time().toString()))
            .put(
                "metrics",
                ObjectValue.of(
                    StringValue.of("timer_rego_query_eval_ns"),
                    NumberValue.of(entry.latencyNanos())))
            .put("custom", custom.build());
    ObjectValue out = event.build();
    List<Value> erased = new ArrayList<>();
    for (JsonPointer mask : masks) {
      ObjectValue masked = mask.erase(out);
      if (masked != out) {
        erased.add(StringValue.of(mask.text()));
        out = masked;
      }
    }
    if (!erased.isEmpty()) {
      out = out.with(StringValue.of("erased"), ArrayValue.of(erased));
    }
    return Json.write(out);
  }

  private static boolean byResourceType(RequestFacts facts) {
    return facts.patternType() == PatternType.ANY;
  }
}
