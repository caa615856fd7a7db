package dev.regard.benchmarks.authz;

import dev.regard.kafka.authz.RegardAuthorizer;
import dev.regard.kafka.engine.DelegationSettings;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Authorizations against {@code prefixes} topic prefixes and one principal per five prefixes (see
 * {@link AuthzFixture}): Regard with the default bundle (decision cache off and on) next to Kafka's
 * StandardAuthorizer holding the equivalent prefixed ACLs, and Regard running that
 * StandardAuthorizer as its delegate ({@code regard.delegate.authorizer.class.name}) in shadow and
 * enforce mode, which asks both on every decision. The principal asks about a topic under a prefix
 * it produces to, in the middle of the list (policy and ACLs agree, so no disagreement is logged);
 * the batch benchmarks ask {@value #BATCH} questions (write and describe on the five topics it
 * produces to) in one call and in as many calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthorizeBenchmark {
  static final int BATCH = 10;

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

  @Param({"1000", "10000", "100000"})
  public int prefixes;

  private Authorizer subject;
  private RequestContext context;
  private List<Action> write;
  private List<Action> batch;
  private List<List<Action>> singles;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    AuthzFixture fixture = AuthzFixture.ofPrefixes(prefixes);
    int prefix = prefixes / 2;
    context = AuthzFixture.context(fixture.producer(prefix));
    write = List.of(topicAction(AclOperation.WRITE, prefix));
    // The five prefixes this principal produces to lie one principal count apart.
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < BATCH / 2; i++) {
      int p = (prefix + i * fixture.principals()) % prefixes;
      actions.add(topicAction(AclOperation.WRITE, p));
      actions.add(topicAction(AclOperation.DESCRIBE, p));
    }
    batch = List.copyOf(actions);
    singles = actions.stream().map(List::of).toList();
    boolean cached = authorizer.endsWith("-cached");
    String kind = authorizer.split("-")[0];
    subject =
        switch (kind) {
          case "standard" -> standard(fixture);
          case "regard" -> regard(fixture, cached, null);
          default -> regard(fixture, cached, kind); // shadow or enforce: the regard.mode
        };
    if (subject.authorize(context, write).get(0) != AuthorizationResult.ALLOWED
        || subject.authorize(context, batch).contains(AuthorizationResult.DENIED)
        || subject.authorizeByResourceType(context, AclOperation.WRITE, ResourceType.TOPIC)
            != AuthorizationResult.ALLOWED) {
      throw new IllegalStateException(authorizer + " denies the benchmark's requests");
    }
  }

  private static Action topicAction(AclOperation operation, int prefix) {
    return new Action(
        operation,
        new ResourcePattern(ResourceType.TOPIC, "team-" + prefix + ".events", PatternType.LITERAL),
        1,
        true,
        true);
  }

  /** Regard alone, or with a StandardAuthorizer delegate in {@code mode} holding the ACLs. */
  private static Authorizer regard(AuthzFixture fixture, boolean cached, String mode)
      throws Exception {
    Path bundle = fixture.defaultBundle();
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
      addAcls(regard, fixture);
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

  private static Authorizer standard(AuthzFixture fixture) {
    StandardAuthorizer standard = new StandardAuthorizer();
    standard.configure(Map.of("super.users", "User:admin"));
    standard.withPluginMetrics(new PluginMetricsImpl(new Metrics(), Map.of()));
    addAcls(standard, fixture);
    return standard;
  }

  /** The prefixed ACLs equivalent to the bundle's data, then the end of the initial load. */
  private static void addAcls(ClusterMetadataAuthorizer standard, AuthzFixture fixture) {
    for (int i = 0; i < fixture.prefixes(); i++) {
      String topic = "team-" + i + ".";
      for (AclOperation op :
          List.of(
              AclOperation.CREATE,
              AclOperation.DELETE,
              AclOperation.ALTER,
              AclOperation.ALTER_CONFIGS,
              AclOperation.DESCRIBE_CONFIGS)) {
        standard.addAcl(Uuid.randomUuid(), acl(topic, fixture.owner(i), op));
      }
      standard.addAcl(Uuid.randomUuid(), acl(topic, fixture.producer(i), AclOperation.WRITE));
      standard.addAcl(Uuid.randomUuid(), acl(topic, fixture.consumer(i), AclOperation.READ));
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

  /** {@value #BATCH} actions in one call. */
  @Benchmark
  public List<AuthorizationResult> batchInOneCall() {
    return subject.authorize(context, batch);
  }

  /** The same {@value #BATCH} actions, one call each. */
  @Benchmark
  public void batchOneByOne(Blackhole bh) {
    for (List<Action> single : singles) {
      bh.consume(subject.authorize(context, single));
    }
  }
}
