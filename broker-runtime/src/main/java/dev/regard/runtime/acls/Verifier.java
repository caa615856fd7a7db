package dev.regard.runtime.acls;

import dev.regard.kafka.authz.RegardAuthorizer;
import dev.regard.kafka.authz.log.DecisionLog;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.ClusterResource;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.internals.SecurityUtils;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.apache.kafka.server.authorizer.Authorizer;
import org.apache.kafka.server.authorizer.AuthorizerServerInfo;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Compares Kafka's StandardAuthorizer, loaded with a set of ACLs, with Regard's authorizer running
 * a bundle, over the decision matrix the ACLs imply: every principal, host, resource and operation
 * they mention, plus near misses (other names under and beside each prefix, other hosts, an unknown
 * principal, a name of every resource type), and authorizeByResourceType for every principal, host,
 * type and operation.
 */
public final class Verifier {
  static final String UNKNOWN_PRINCIPAL = "User:regard-verify-unknown";
  static final String OTHER_HOST = "192.0.2.1";

  /** One question both authorizers were asked, and their answers. */
  public record Difference(String question, AuthorizationResult kafka, AuthorizationResult bundle) {
    @Override
    public String toString() {
      return question + ": StandardAuthorizer " + kafka + ", bundle " + bundle;
    }
  }

  /** The outcome: how many questions were asked and where the answers differ. */
  public record Report(int questions, List<Difference> differences) {}

  private Verifier() {}

  public static Report verify(
      Collection<AclBinding> acls,
      Path bundle,
      List<String> superUsers,
      boolean allowEveryoneIfNoAclFound)
      throws Exception {
    Map<String, Object> configs = new HashMap<>();
    configs.put("super.users", String.join(";", superUsers));
    configs.put("allow.everyone.if.no.acl.found", Boolean.toString(allowEveryoneIfNoAclFound));
    try (Metrics metrics = new Metrics();
        StandardAuthorizer kafka = new StandardAuthorizer();
        RegardAuthorizer regard = new RegardAuthorizer()) {
      kafka.configure(configs);
      // StandardAuthorizer counts its decisions and needs somewhere to count them.
      kafka.withPluginMetrics(new PluginMetricsImpl(metrics, Map.of("verify", "standard")));
      Map<Uuid, StandardAcl> snapshot = new HashMap<>();
      for (AclBinding acl : acls) {
        snapshot.put(Uuid.randomUuid(), StandardAcl.fromAclBinding(acl));
      }
      kafka.loadSnapshot(snapshot);
      kafka.completeInitialLoad();
      Map<String, Object> regardConfigs = new HashMap<>(configs);
      regardConfigs.put("regard.bundle.source", "dir");
      regardConfigs.put("regard.bundle.path", bundle.toString());
      regardConfigs.put("regard.cache.max.entries", "0");
      regard.configure(regardConfigs);
      for (var ready : regard.start(serverInfo()).values()) {
        ready.toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
      return quietly(() -> compare(acls, superUsers, kafka, regard));
    }
  }

  /**
   * Runs the comparison with the decision log off: its questions are the matrix's, not decisions a
   * client asked for, and the differences are printed as the report.
   */
  private static Report quietly(Callable<Report> comparison) throws Exception {
    Level before = LogManager.getLogger(DecisionLog.LOGGER).getLevel();
    Configurator.setLevel(DecisionLog.LOGGER, Level.OFF);
    try {
      return comparison.call();
    } finally {
      Configurator.setLevel(DecisionLog.LOGGER, before);
    }
  }

  private static Report compare(
      Collection<AclBinding> acls, List<String> superUsers, Authorizer kafka, Authorizer regard)
      throws UnknownHostException {
    TreeSet<String> principals = new TreeSet<>(superUsers);
    TreeSet<String> hosts = new TreeSet<>(List.of("127.0.0.1", OTHER_HOST));
    Map<ResourceType, TreeSet<String>> names = new LinkedHashMap<>();
    principals.add(UNKNOWN_PRINCIPAL);
    // Every resource type is asked about, with a name no ACL mentions.
    for (ResourceType type : ResourceType.values()) {
      if (type != ResourceType.ANY && type != ResourceType.UNKNOWN) {
        names.computeIfAbsent(type, t -> new TreeSet<>()).add("regard-verify-other");
      }
    }
    for (AclBinding acl : acls) {
      if (!acl.entry().principal().equals("User:*")) {
        principals.add(acl.entry().principal());
      }
      if (!acl.entry().host().equals("*")) {
        hosts.add(acl.entry().host());
      }
      TreeSet<String> typeNames =
          names.computeIfAbsent(acl.pattern().resourceType(), t -> new TreeSet<>());
      String name = acl.pattern().name();
      if (!name.equals("*")) {
        typeNames.add(name);
        typeNames.add(name + "-near-miss");
        if (name.length() > 1) {
          typeNames.add(name.substring(0, name.length() - 1));
        }
      }
      if (acl.pattern().patternType() == PatternType.PREFIXED) {
        typeNames.add(name + "x");
      }
    }
    List<Difference> differences = new ArrayList<>();
    int questions = 0;
    for (String p : principals) {
      KafkaPrincipal principal = SecurityUtils.parseKafkaPrincipal(p);
      for (String host : hosts) {
        MatrixRequest request = new MatrixRequest(principal, InetAddress.getByName(host));
        for (var entry : names.entrySet()) {
          for (AclOperation operation : operations()) {
            List<Action> actions = new ArrayList<>();
            for (String name : entry.getValue()) {
              actions.add(
                  new Action(
                      operation,
                      new ResourcePattern(entry.getKey(), name, PatternType.LITERAL),
                      1,
                      false,
                      false));
            }
            List<AuthorizationResult> theirs = kafka.authorize(request, actions);
            List<AuthorizationResult> ours = regard.authorize(request, actions);
            for (int i = 0; i < actions.size(); i++) {
              questions++;
              if (theirs.get(i) != ours.get(i)) {
                differences.add(
                    new Difference(
                        p
                            + " from "
                            + host
                            + " "
                            + operation
                            + " "
                            + entry.getKey()
                            + ":"
                            + actions.get(i).resourcePattern().name(),
                        theirs.get(i),
                        ours.get(i)));
              }
            }
            questions++;
            AuthorizationResult theirType =
                kafka.authorizeByResourceType(request, operation, entry.getKey());
            AuthorizationResult ourType =
                regard.authorizeByResourceType(request, operation, entry.getKey());
            if (theirType != ourType) {
              differences.add(
                  new Difference(
                      p + " from " + host + " " + operation + " on some " + entry.getKey(),
                      theirType,
                      ourType));
            }
          }
        }
      }
    }
    return new Report(questions, differences);
  }

  /** Every concrete operation. */
  static List<AclOperation> operations() {
    List<AclOperation> out = new ArrayList<>();
    for (AclOperation op : AclOperation.values()) {
      if (op != AclOperation.ANY && op != AclOperation.UNKNOWN && op != AclOperation.ALL) {
        out.add(op);
      }
    }
    return out;
  }

  private static AuthorizerServerInfo serverInfo() {
    Endpoint endpoint = new Endpoint("SASL_SSL", SecurityProtocol.SASL_SSL, "localhost", 0);
    return new AuthorizerServerInfo() {
      @Override
      public ClusterResource clusterResource() {
        return new ClusterResource("regard-acls-verify");
      }

      @Override
      public int brokerId() {
        return 0;
      }

      @Override
      public Collection<Endpoint> endpoints() {
        return List.of(endpoint);
      }

      @Override
      public Endpoint interBrokerEndpoint() {
        return endpoint;
      }

      @Override
      public Collection<String> earlyStartListeners() {
        return List.of();
      }
    };
  }
}
