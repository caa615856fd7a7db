package dev.regard.kafka.authz;

import dev.regard.kafka.authz.cache.DecisionCache;
import dev.regard.kafka.authz.delegate.Delegation;
import dev.regard.kafka.authz.input.InputDocument;
import dev.regard.kafka.authz.input.RequestFacts;
import dev.regard.kafka.authz.log.DecisionLog;
import dev.regard.kafka.authz.log.DecisionSinks;
import dev.regard.kafka.authz.metrics.AuthorizerMetrics;
import dev.regard.kafka.engine.AuthorizerConfig;
import dev.regard.kafka.engine.DelegationSettings;
import dev.regard.kafka.engine.Policy;
import dev.regard.kafka.engine.PolicyEngine;
import dev.regard.kafka.engine.PolicyException;
import dev.regard.kafka.engine.SharedEngines;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Value;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.metadata.authorizer.AclMutator;
import org.apache.kafka.metadata.authorizer.ClusterMetadataAuthorizer;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.server.authorizer.AclCreateResult;
import org.apache.kafka.server.authorizer.AclDeleteResult;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.apache.kafka.server.authorizer.Authorizer;
import org.apache.kafka.server.authorizer.AuthorizerServerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka {@link Authorizer} for brokers and KRaft controllers whose every decision comes from a
 * Rego policy: evaluated in-process from a policy bundle, or asked of an OPA server. Deny is the
 * default: an action is allowed only when the policy answers the boolean {@code true}, or the
 * principal is listed in {@code super.users}. Failures of any kind deny and never reach the broker.
 * ACLs are not used: they are policy in the bundle.
 *
 * <p>With {@code regard.delegate.authorizer.class.name} another authorizer (such as Kafka's
 * StandardAuthorizer) runs inside this one: it is asked too, disagreements are logged, it decides
 * in {@code regard.mode=shadow}, and ACL requests and the metadata log's ACL records go to it. That
 * is why this class is a {@link ClusterMetadataAuthorizer}: KRaft brokers and controllers feed ACL
 * records, and give the ACL mutator, only to authorizers that are one.
 */
public final class RegardAuthorizer implements ClusterMetadataAuthorizer, Monitorable {
  private static final Logger LOG = LoggerFactory.getLogger(RegardAuthorizer.class);
  static final String ACLS_IN_POLICY =
      "ACLs are managed as policy in the bundle: change the policy bundle instead";

  private final Clock clock = Clock.systemUTC();

  /** Super users' names by principal type, so a check builds no string. */
  private Map<String, Set<String>> superUsers = Map.of();

  private String query;
  private String resourceTypeQuery;
  private SharedEngines.Lease lease;
  private PolicyEngine engine;
  private DecisionCache cache;
  private DecisionLog decisionLog;
  private Delegation delegation;
  private final AuthorizerMetrics metrics = new AuthorizerMetrics();

  /** Each request handler thread's input documents builder. */
  private final ThreadLocal<InputDocument.Builder> documents =
      ThreadLocal.withInitial(InputDocument.Builder::new);

  @Override
  public void configure(Map<String, ?> configs) {
    AuthorizerConfig config = new AuthorizerConfig(configs);
    config.validateCombination();
    superUsers = byType(config.getList(AuthorizerConfig.SUPER_USERS));
    query = config.getString(AuthorizerConfig.AUTHZ_QUERY);
    resourceTypeQuery = config.getString(AuthorizerConfig.AUTHZ_RESOURCE_TYPE_QUERY);
    cache =
        new DecisionCache(
            config.getLong(AuthorizerConfig.CACHE_MAX_ENTRIES),
            config.getInt(AuthorizerConfig.CACHE_INITIAL_CAPACITY),
            Duration.ofMillis(config.getLong(AuthorizerConfig.CACHE_TTL_MS)));
    decisionLog = DecisionSinks.create(config, configs, clock);
    delegation =
        Delegation.create(
            config.getString(DelegationSettings.DELEGATE_CLASS),
            config.getString(DelegationSettings.MODE),
            configs,
            decisionLog);
    // The engine the authentication handlers of this JVM share: one poll, one revision in force.
    lease = SharedEngines.acquire(configs);
    engine = lease.engine();
    LOG.info(
        "Regard authorizer configured: engine {}, query {}",
        config.getString(AuthorizerConfig.ENGINE),
        query);
  }

  /**
   * Starts loading the policy. Every endpoint's future completes only once a policy is in force, so
   * the broker accepts no request before it can decide.
   */
  @Override
  public Map<Endpoint, ? extends CompletionStage<Void>> start(AuthorizerServerInfo serverInfo) {
    engine.start();
    decisionLog.start(serverInfo);
    CompletableFuture<Void> ready = engine.ready();
    if (delegation != null) {
      return delegation.start(serverInfo, ready);
    }
    Map<Endpoint, CompletableFuture<Void>> futures = new HashMap<>();
    for (Endpoint endpoint : serverInfo.endpoints()) {
      futures.put(endpoint, ready.thenApply(v -> null));
    }
    return futures;
  }

  @Override
  public List<AuthorizationResult> authorize(
      AuthorizableRequestContext context, List<Action> actions) {
    List<AuthorizationResult> results = new ArrayList<>(actions.size());
    try {
      if (isSuperUser(context.principal())) {
        actions.forEach(a -> results.add(AuthorizationResult.ALLOWED));
      } else {
        // The actions of one request share what is read from its context and the policy in force
        // when it came; they, and the requests of one connection, share the input document's
        // members that come from the request (built once).
        RequestFacts request = RequestFacts.ofRequest(context);
        Policy policy = engine.current().orElse(null);
        // One session for the actions of a request: their evaluations share what the actions
        // do not change (see Policy.session).
        Policy.Session session =
            policy == null ? null : actions.size() > 1 ? policy.session() : policy::evaluate;
        InputDocument.Builder documents = this.documents.get();
        for (Action action : actions) {
          results.add(authorizeOne(request, action, policy, session, documents));
        }
      }
    } catch (RuntimeException e) {
      failed(e);
      results.clear();
      actions.forEach(a -> results.add(AuthorizationResult.DENIED));
    }
    return delegation == null ? results : delegation.settle(context, actions, results);
  }

  private AuthorizationResult authorizeOne(
      RequestFacts request,
      Action action,
      Policy policy,
      Policy.Session session,
      InputDocument.Builder documents) {
    try {
      return decide(request.withAction(action), query, policy, session, documents);
    } catch (RuntimeException e) {
      return failed(e);
    }
  }

  private AuthorizationResult failed(RuntimeException e) {
    metrics.error();
    LOG.error("Denied: the decision failed unexpectedly", e);
    return AuthorizationResult.DENIED;
  }

  /**
   * Asks the policy whether the principal may perform the operation on at least one resource of the
   * type, through {@code regard.authz.resource.type.query}; ACLs are never listed.
   */
  @Override
  public AuthorizationResult authorizeByResourceType(
      AuthorizableRequestContext context, AclOperation operation, ResourceType resourceType) {
    AuthorizationResult policy = policyByResourceType(context, operation, resourceType);
    return delegation == null
        ? policy
        : delegation.settle(context, operation, resourceType, policy);
  }

  private AuthorizationResult policyByResourceType(
      AuthorizableRequestContext context, AclOperation operation, ResourceType resourceType) {
    if (operation == AclOperation.ANY || operation == AclOperation.UNKNOWN) {
      throw new IllegalArgumentException("must be a concrete operation, not " + operation);
    }
    if (resourceType == ResourceType.ANY || resourceType == ResourceType.UNKNOWN) {
      throw new IllegalArgumentException("must be a concrete resource type, not " + resourceType);
    }
    try {
      if (isSuperUser(context.principal())) {
        return AuthorizationResult.ALLOWED;
      }
      Policy policy = engine.current().orElse(null);
      return decide(
          RequestFacts.ofResourceType(context, operation, resourceType),
          resourceTypeQuery,
          policy,
          policy == null ? null : policy::evaluate,
          documents.get());
    } catch (RuntimeException e) {
      return failed(e);
    }
  }

  /** As StandardAuthorizer compares: the principal's type and name, whatever its class. */
  private boolean isSuperUser(KafkaPrincipal principal) {
    Set<String> names = superUsers.get(principal.getPrincipalType());
    return names != null && names.contains(principal.getName());
  }

  /** {@code Type:name} entries by type; the name is everything after the first colon. */
  private static Map<String, Set<String>> byType(List<String> principals) {
    Map<String, Set<String>> byType = new HashMap<>();
    for (String p : principals) {
      int colon = p.indexOf(':');
      if (colon > 0) {
        byType
            .computeIfAbsent(p.substring(0, colon), t -> new HashSet<>())
            .add(p.substring(colon + 1));
      }
    }
    return Map.copyOf(byType);
  }

  /**
   * Decides one action with the policy in force (null when there is none), evaluated in {@code
   * session}.
   */
  private AuthorizationResult decide(
      RequestFacts facts,
      String ref,
      Policy policy,
      Policy.Session session,
      InputDocument.Builder documents) {
    long start = System.nanoTime();
    if (policy == null) {
      return finish(facts, false, "no policy in force", "", start, false);
    }
    DecisionCache.Key key = new DecisionCache.Key(policy.revision(), ref, facts);
    Optional<Boolean> cached = cache.get(key);
    if (cached.isPresent()) {
      return finish(facts, cached.get(), null, policy.revision(), start, true);
    }
    Optional<Value> result;
    try {
      long evaluationStart = System.nanoTime();
      result = session.evaluate(ref, documents.of(facts));
      metrics.evaluation(System.nanoTime() - evaluationStart);
    } catch (PolicyException e) {
      metrics.error();
      LOG.warn("Denied: {}", e.getMessage());
      return finish(facts, false, "error: " + e.getMessage(), policy.revision(), start, false);
    }
    if (result.isPresent() && !(result.get() instanceof BooleanValue)) {
      metrics.error();
      String reason = ref + " is a " + result.get().typeName() + ", not a boolean";
      LOG.warn("Denied: {}", reason);
      return finish(facts, false, "error: " + reason, policy.revision(), start, false);
    }
    boolean allowed = result.isPresent() && result.get().equals(BooleanValue.TRUE);
    cache.put(key, allowed);
    return finish(
        facts,
        allowed,
        result.isEmpty() ? ref + " is undefined" : null,
        policy.revision(),
        start,
        false);
  }

  private AuthorizationResult finish(
      RequestFacts facts,
      boolean allowed,
      String reason,
      String revision,
      long start,
      boolean cacheHit) {
    metrics.decision(allowed);
    if (decisionLog.wants(allowed)) {
      long latency = System.nanoTime() - start;
      decisionLog.record(
          new DecisionLog.Entry(
              clock.instant(), facts, allowed, reason, revision, latency, cacheHit));
    }
    return allowed ? AuthorizationResult.ALLOWED : AuthorizationResult.DENIED;
  }

  @Override
  public void withPluginMetrics(PluginMetrics pluginMetrics) {
    metrics.register(
        pluginMetrics,
        new AuthorizerMetrics.Sources(
            () -> cache == null ? 0.0 : cache.hitRatio(),
            () -> current().map(Policy::revision).orElse(""),
            () ->
                current()
                    .map(p -> Duration.between(p.loadedAt(), clock.instant()).toMillis() / 1000.0)
                    .orElse(-1.0),
            () -> engine == null ? 0L : engine.loadFailures()));
    decisionLog.register(pluginMetrics);
    if (delegation != null) {
      delegation.register(pluginMetrics);
    }
  }

  private Optional<Policy> current() {
    return engine == null ? Optional.empty() : engine.current();
  }

  // ACL requests and the metadata log's ACL records go to the delegate authorizer when there is
  // one; without one ACLs are refused (they are policy in the bundle) and the records ignored.

  @Override
  public List<? extends CompletionStage<AclCreateResult>> createAcls(
      AuthorizableRequestContext context, List<AclBinding> bindings) {
    if (delegation != null) {
      return delegation.delegate().createAcls(context, bindings);
    }
    List<CompletableFuture<AclCreateResult>> results = new ArrayList<>();
    for (int i = 0; i < bindings.size(); i++) {
      results.add(CompletableFuture.completedFuture(new AclCreateResult(aclsRefused())));
    }
    return results;
  }

  @Override
  public List<? extends CompletionStage<AclDeleteResult>> deleteAcls(
      AuthorizableRequestContext context, List<AclBindingFilter> filters) {
    if (delegation != null) {
      return delegation.delegate().deleteAcls(context, filters);
    }
    List<CompletableFuture<AclDeleteResult>> results = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      results.add(CompletableFuture.completedFuture(new AclDeleteResult(aclsRefused())));
    }
    return results;
  }

  /** The delegate's ACLs; without a delegate there are none to list and Kafka reports the error. */
  @Override
  public Iterable<AclBinding> acls(AclBindingFilter filter) {
    if (delegation != null) {
      return delegation.delegate().acls(filter);
    }
    throw aclsRefused();
  }

  @Override
  public int aclCount() {
    return delegation == null ? 0 : delegation.delegate().aclCount();
  }

  private Optional<ClusterMetadataAuthorizer> metadataDelegate() {
    return delegation != null && delegation.delegate() instanceof ClusterMetadataAuthorizer m
        ? Optional.of(m)
        : Optional.empty();
  }

  @Override
  public void setAclMutator(AclMutator aclMutator) {
    metadataDelegate().ifPresent(m -> m.setAclMutator(aclMutator));
  }

  @Override
  public AclMutator aclMutatorOrException() {
    return metadataDelegate()
        .map(ClusterMetadataAuthorizer::aclMutatorOrException)
        .orElseThrow(RegardAuthorizer::aclsRefused);
  }

  @Override
  public void completeInitialLoad() {
    metadataDelegate().ifPresent(ClusterMetadataAuthorizer::completeInitialLoad);
  }

  @Override
  public void completeInitialLoad(Exception e) {
    metadataDelegate().ifPresent(m -> m.completeInitialLoad(e));
  }

  @Override
  public void loadSnapshot(Map<Uuid, StandardAcl> acls) {
    metadataDelegate().ifPresent(m -> m.loadSnapshot(acls));
  }

  @Override
  public void addAcl(Uuid id, StandardAcl acl) {
    metadataDelegate().ifPresent(m -> m.addAcl(id, acl));
  }

  @Override
  public void removeAcl(Uuid id) {
    metadataDelegate().ifPresent(m -> m.removeAcl(id));
  }

  private static ApiException aclsRefused() {
    return new InvalidRequestException(ACLS_IN_POLICY);
  }

  @Override
  public void close() {
    if (lease != null) {
      lease.close();
    }
    if (decisionLog != null) {
      decisionLog.close();
    }
    if (delegation != null) {
      try {
        delegation.close();
      } catch (Exception e) {
        LOG.warn("Closing the delegate authorizer failed: {}", e.toString());
      }
    }
  }

  /** The engine, for tests that drive bundle polls. */
  PolicyEngine engine() {
    return engine;
  }
}
