package dev.regard.benchmarks.authz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.ClusterResource;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.network.ClientInformation;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.server.authorizer.AuthorizerServerInfo;

/**
 * The data the authorization benchmarks share, scaled by the number of topic prefixes: {@code
 * prefixes} prefixes {@code team-<n>.} and one principal per five prefixes ({@code principals =
 * prefixes / 5}). Prefix {@code n} is owned by {@code user-<n mod principals>}, produced to by
 * {@code user-<n+1 mod principals>} and consumed by {@code user-<n+2 mod principals>}, so every
 * principal holds each role on five prefixes; the equivalent Kafka ACLs number seven per prefix.
 */
record AuthzFixture(int prefixes, int principals) {
  static final Endpoint ENDPOINT =
      new Endpoint("SASL_PLAINTEXT", SecurityProtocol.SASL_PLAINTEXT, "localhost", 9092);

  static AuthzFixture ofPrefixes(int prefixes) {
    return new AuthzFixture(prefixes, Math.max(1, prefixes / 5));
  }

  String owner(int prefix) {
    return "user-" + prefix % principals;
  }

  String producer(int prefix) {
    return "user-" + (prefix + 1) % principals;
  }

  String consumer(int prefix) {
    return "user-" + (prefix + 2) % principals;
  }

  /** The default bundle's policy with generated data, written to a fresh directory. */
  Path defaultBundle() {
    Path root = Path.of(System.getProperty("regard.repository.root", "."));
    Path policy =
        root.resolve("policy-bundles/src/main/resources/bundles/default/kafka/authz/policy.rego");
    try {
      Path dir = Files.createTempDirectory("regard-bench-bundle-");
      Path authz = Files.createDirectories(dir.resolve("kafka/authz"));
      Files.copy(policy, authz.resolve("policy.rego"));
      StringBuilder data =
          new StringBuilder("{\"admins\":[\"User:admin\"],\"principals\":{},\"topics\":{");
      for (int i = 0; i < prefixes; i++) {
        data.append(i == 0 ? "" : ",")
            .append("\"team-")
            .append(i)
            .append(".\":{\"owners\":[\"User:")
            .append(owner(i))
            .append("\"],\"producers\":[\"User:")
            .append(producer(i))
            .append("\"],\"consumers\":[\"User:")
            .append(consumer(i))
            .append("\"]}");
      }
      data.append("},\"consumer_groups\":{},\"transactional_ids\":{}}");
      Files.writeString(authz.resolve("data.json"), data, StandardCharsets.UTF_8);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the benchmark bundle (policy at " + policy + ")", e);
    }
  }

  static RequestContext context(String user) {
    return new RequestContext(
        new RequestHeader(ApiKeys.PRODUCE, ApiKeys.PRODUCE.latestVersion(), "bench", 1),
        "bench-connection",
        InetAddress.getLoopbackAddress(),
        new KafkaPrincipal(KafkaPrincipal.USER_TYPE, user),
        ListenerName.normalised("SASL_PLAINTEXT"),
        SecurityProtocol.SASL_PLAINTEXT,
        new ClientInformation("apache-kafka-java", "4.4.0"),
        false);
  }

  static AuthorizerServerInfo serverInfo() {
    return new AuthorizerServerInfo() {
      @Override
      public ClusterResource clusterResource() {
        return new ClusterResource("bench");
      }

      @Override
      public int brokerId() {
        return 1;
      }

      @Override
      public Collection<Endpoint> endpoints() {
        return List.of(ENDPOINT);
      }

      @Override
      public Endpoint interBrokerEndpoint() {
        return ENDPOINT;
      }

      @Override
      public Collection<String> earlyStartListeners() {
        return List.of();
      }
    };
  }
}
