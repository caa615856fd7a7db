package dev.regard.benchmarks.authz;

import dev.regard.kafka.authz.RegardAuthorizer;
import dev.regard.kafka.engine.DelegationSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.metadata.authorizer.ClusterMetadataAuthorizer;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.apache.kafka.server.authorizer.Authorizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One authorization against 1,000 principals and 5,000 topic prefixes: Regard with the default
 * bundle (decision cache off and on) next to Kafka's StandardAuthorizer holding the equivalent
 * prefixed ACLs, and Regard running that StandardAuthorizer as its delegate ({@code
 * regard.delegate.authorizer.class.name}) in shadow and enforce mode, which asks both on every
 * decision. The principal asks about a topic under the prefix it produces to, in the middle of the
 * list; policy and ACLs agree, so no disagreement is logged.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthorizeBenchmark {
  @Param({
    "regard-uncached",
    "regard-cached",
    "standard",
    "shadow-uncached",
    "shadow-cached",
    "enforce-uncached",
    "enforce-cached"
  })
  public String authorizer;

  private Authorizer subject;
  private RequestContext context;
  private List<Action> write;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    int prefix = AuthzFixture.PREFIXES / 2;
    context = AuthzFixture.context(AuthzFixture.producer(prefix));
    write =
        List.of(
            new Action(
                AclOperation.WRITE,
                new ResourcePattern(
                    ResourceType.TOPIC, "team-" + prefix + ".events", PatternType.LITERAL),
                1,
                true,
                true));
    boolean cached = authorizer.endsWith("-cached");
    String kind = authorizer.split("-")[0];
    subject =
        switch (kind) {
          case "standard" -> standard();
          case "regard" -> regard(cached, null);
          default -> regard(cached, kind); // shadow or enforce: the regard.mode
        };
    if (subject.authorize(context, write).get(0) != AuthorizationResult.ALLOWED
        || subject.authorizeByResourceType(context, AclOperation.WRITE, ResourceType.TOPIC)
            != AuthorizationResult.ALLOWED) {
      throw new IllegalStateException(authorizer + " denies the benchmark's request");
    }
  }

  /** Regard alone, or with a StandardAuthorizer delegate in {@code mode} holding the ACLs. */
  private static Authorizer regard(boolean cached, String mode) throws Exception {
    Path bundle = AuthzFixture.defaultBundle();
    Map<String, String> configs = new HashMap<>();
    configs.put("regard.bundle.source", "dir");
    configs.put("regard.bundle.path", bundle.toString());
    configs.put("regard.bundle.poll.interval.ms", "3600000");
    configs.put("regard.cache.max.entries", cached ? "100000" : "0");
    RegardAuthorizer regard = new RegardAuthorizer();
    if (mode != null) {
      configs.put(DelegationSettings.DELEGATE_CLASS, StandardAuthorizer.class.getName());
      configs.put(DelegationSettings.MODE, mode);
      regard.configure(configs);
      regard.withPluginMetrics(new PluginMetricsImpl(new Metrics(), Map.of()));
      // As the broker does: the metadata log's ACL records reach the delegate through Regard.
      addAcls(regard);
    } else {
      regard.configure(configs);
    }
    regard
        .start(AuthzFixture.serverInfo())
        .get(AuthzFixture.ENDPOINT)
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    return regard;
  }

  private static Authorizer standard() {
    StandardAuthorizer standard = new StandardAuthorizer();
    standard.configure(Map.of("super.users", "User:admin"));
    standard.withPluginMetrics(new PluginMetricsImpl(new Metrics(), Map.of()));
    addAcls(standard);
    return standard;
  }

  /** The prefixed ACLs equivalent to the bundle's data, then the end of the initial load. */
  private static void addAcls(ClusterMetadataAuthorizer standard) {
    for (int i = 0; i < AuthzFixture.PREFIXES; i++) {
      String topic = "team-" + i + ".";
      for (AclOperation op :
          List.of(
              AclOperation.CREATE,
              AclOperation.DELETE,
              AclOperation.ALTER,
              AclOperation.ALTER_CONFIGS,
              AclOperation.DESCRIBE_CONFIGS)) {
        standard.addAcl(Uuid.randomUuid(), acl(topic, AuthzFixture.owner(i), op));
      }
      standard.addAcl(Uuid.randomUuid(), acl(topic, AuthzFixture.producer(i), AclOperation.WRITE));
      standard.addAcl(Uuid.randomUuid(), acl(topic, AuthzFixture.consumer(i), AclOperation.READ));
    }
    standard.completeInitialLoad();
  }

  private static StandardAcl acl(String prefix, String user, AclOperation op) {
    return new StandardAcl(
        ResourceType.TOPIC,
        prefix,
        PatternType.PREFIXED,
        "User:" + user,
        "*",
        op,
        AclPermissionType.ALLOW);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    subject.close();
  }

  @Benchmark
  public AuthorizationResult authorize() {
    return subject.authorize(context, write).get(0);
  }

  @Benchmark
  public AuthorizationResult authorizeByResourceType() {
    return subject.authorizeByResourceType(context, AclOperation.WRITE, ResourceType.TOPIC);
  }
}
