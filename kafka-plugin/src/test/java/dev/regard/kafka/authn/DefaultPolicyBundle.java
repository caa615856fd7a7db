package dev.regard.kafka.authn;

import dev.regard.kafka.credentials.CredentialEntries;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Map;

/**
 * A bundle directory holding the default bundle's policies and input schemas as shipped (from
 * policy-bundles), with the data a test chooses: which mechanisms each listener accepts, who is
 * revoked, the credentials, and the authorization data. Each file is replaced atomically, so a
 * running broker polling the directory sees either the old or the new one.
 */
final class DefaultPolicyBundle {
  private static final Path DEFAULT =
      Path.of("..", "policy-bundles", "src", "main", "resources", "bundles", "default");

  /** The listeners of {@link AuthnCluster} and the mechanisms the policy accepts on each. */
  static final String LISTENERS =
      "{\"EXTERNAL\": {\"mechanisms\": [\"PLAIN\", \"SCRAM-SHA-512\", \"OAUTHBEARER\"]},"
          + " \"INSECURE\": {\"mechanisms\": [\"PLAIN\", \"SCRAM-SHA-512\"]},"
          + " \"CONTROLLER\": {\"mechanisms\": [\"SCRAM-SHA-512\"]}}";

  private final Path dir;

  private DefaultPolicyBundle(Path dir) {
    this.dir = dir;
  }

  /**
   * A bundle in {@code dir} with the default policies, {@link #LISTENERS}, nobody revoked, no
   * credentials, and authorization data in which only {@code User:admin} is an admin.
   */
  static DefaultPolicyBundle create(Path dir) throws IOException {
    DefaultPolicyBundle bundle = new DefaultPolicyBundle(Files.createDirectories(dir));
    bundle.copy(".manifest");
    bundle.copy("schemas/authn_input.json");
    bundle.copy("schemas/authz_input.json");
    bundle.copy("kafka/authn/authn.rego");
    bundle.copy("kafka/authz/policy.rego");
    bundle.revoked();
    bundle.credentials(Map.of());
    bundle.authz("{}", "{}");
    return bundle;
  }

  Path path() {
    return dir;
  }

  /** Authentication data: {@link #LISTENERS} and the given users revoked. */
  void revoked(String... users) throws IOException {
    StringBuilder list = new StringBuilder();
    for (String user : users) {
      list.append(list.isEmpty() ? "" : ", ").append('"').append(user).append('"');
    }
    write(
        "kafka/authn/data.json",
        "{\"listeners\": " + LISTENERS + ", \"revoked_users\": [" + list + "]}");
  }

  /** The credentials: a salted SCRAM entry per user, made from the password given. */
  void credentials(Map<String, String> passwords) throws IOException {
    ObjectValue.Builder users = ObjectValue.builder();
    SecureRandom random = new SecureRandom();
    passwords.forEach(
        (user, password) ->
            users.put(user, CredentialEntries.of(password.toCharArray(), 10_000, 4096, random)));
    credentialsJson(Json.write(users.build()));
  }

  /** The credentials document exactly as given, well-formed or not. */
  void credentialsJson(String json) throws IOException {
    write("kafka/credentials/data.json", json);
  }

  /**
   * Authorization data for the default policy: {@code User:admin} is the admin, {@code principals}
   * and {@code topics} are the JSON objects given, and no consumer groups or transactional ids are
   * granted.
   */
  void authz(String principals, String topics) throws IOException {
    write(
        "kafka/authz/data.json",
        "{\"admins\": [\"User:admin\"], \"principals\": "
            + principals
            + ", \"topics\": "
            + topics
            + ", \"consumer_groups\": {}, \"transactional_ids\": {}}");
  }

  private void copy(String file) throws IOException {
    Path target = dir.resolve(file);
    Files.createDirectories(target.getParent());
    Files.copy(DEFAULT.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
  }

  private void write(String file, String content) throws IOException {
    Path target = dir.resolve(file);
    Files.createDirectories(target.getParent());
    Path staged = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(staged, content);
    Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
  }
}
