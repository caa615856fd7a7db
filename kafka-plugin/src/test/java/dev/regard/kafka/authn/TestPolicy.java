package dev.regard.kafka.authn;

import dev.regard.kafka.credentials.CredentialEntries;
import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The policy behind the test OPA server, mirroring the default bundle's authentication policy: each
 * listener accepts its mechanisms, PLAIN only over SASL_SSL. Users and their credentials can be
 * added and revoked while the cluster runs. Topics named {@code payments.*} may be created and
 * described by members of group {@code payments}. Every authentication input is kept.
 */
final class TestPolicy {
  private static final Map<String, Set<String>> MECHANISMS =
      Map.of(
          AuthnCluster.EXTERNAL, Set.of("PLAIN", "SCRAM-SHA-512", "OAUTHBEARER"),
          AuthnCluster.INSECURE, Set.of("PLAIN", "SCRAM-SHA-512", "OAUTHBEARER"),
          AuthnCluster.CONTROLLER, Set.of("SCRAM-SHA-512"));

  private final Map<String, Value> credentials = new ConcurrentHashMap<>();
  private final Map<String, List<String>> groups = new ConcurrentHashMap<>();
  final List<ObjectValue> authnInputs = new CopyOnWriteArrayList<>();

  void user(String name, String password, List<String> userGroups) {
    credentials.put(
        name, CredentialEntries.of(password.toCharArray(), 10_000, 4096, new SecureRandom()));
    groups.put(name, userGroups);
  }

  /** Stores an entry as given, well-formed or not. */
  void rawCredential(String name, Value entry) {
    credentials.put(name, entry);
  }

  void revoke(String name) {
    credentials.remove(name);
  }

  Optional<Value> answer(String ref, Value input) {
    return switch (ref) {
      case "data.kafka.credentials" -> Optional.of(object(credentials));
      case "data.kafka.authz.principals" -> Optional.of(principals());
      case "data.kafka.authn.allow" -> Optional.of(BooleanValue.of(admit((ObjectValue) input)));
      case "data.kafka.authz.allow", "data.kafka.authz.allow_by_resource_type" ->
          Optional.of(BooleanValue.of(authorize((ObjectValue) input)));
      default -> Optional.empty();
    };
  }

  private boolean admit(ObjectValue input) {
    authnInputs.add(input);
    String mechanism = text(input, "mechanism");
    String protocol = text(input, "securityProtocol");
    boolean accepted =
        MECHANISMS.getOrDefault(text(input, "listener"), Set.of()).contains(mechanism);
    boolean passwordInClear = mechanism.equals("PLAIN") && !protocol.equals("SASL_SSL");
    return accepted && !passwordInClear;
  }

  private static boolean authorize(ObjectValue input) {
    ObjectValue principal = (ObjectValue) input.get("principal");
    ObjectValue resource = (ObjectValue) input.get("resource");
    boolean payments =
        ((ArrayValue) principal.get("groups")).elements().contains(StringValue.of("payments"));
    return payments
        && text(resource, "type").equals("TOPIC")
        && text(resource, "name").startsWith("payments.")
        && Set.of("CREATE", "DESCRIBE").contains(text(input, "operation"));
  }

  private ObjectValue principals() {
    ObjectValue.Builder out = ObjectValue.builder();
    groups.forEach(
        (name, g) ->
            out.put(
                "User:" + name,
                ObjectValue.builder()
                    .put("groups", ArrayValue.of(g.stream().map(StringValue::of).toList()))
                    .build()));
    return out.build();
  }

  private static ObjectValue object(Map<String, Value> entries) {
    ObjectValue.Builder out = ObjectValue.builder();
    entries.forEach(out::put);
    return out.build();
  }

  static String text(ObjectValue object, String key) {
    return object.get(key) instanceof StringValue s ? s.value() : "";
  }
}
