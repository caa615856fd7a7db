package dev.regard.kafka.authz.delegate;

import dev.regard.kafka.authz.input.RequestFacts;
import dev.regard.kafka.authz.log.DecisionLog;
import dev.regard.kafka.engine.DelegationSettings;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.apache.kafka.server.authorizer.Authorizer;
import org.apache.kafka.server.authorizer.AuthorizerServerInfo;

/**
 * Another authorizer run inside Regard's, asked about every action the policy is asked about. In
 * shadow mode its answer is the one returned; in enforce mode the policy's. Every disagreement is a
 * decision-log entry carrying both outcomes and counts in {@code shadow-disagreements-total}.
 */
public final class Delegation {
  public static final String DISAGREEMENTS = "shadow-disagreements-total";

  private final Authorizer delegate;
  private final boolean shadow;
  private final DecisionLog log;
  private volatile Sensor disagreements;

  Delegation(Authorizer delegate, boolean shadow, DecisionLog log) {
    this.delegate = delegate;
    this.shadow = shadow;
    this.log = log;
  }

  /**
   * The delegation the settings ask for, its delegate configured with the broker's settings; null
   * when no delegate is named.
   */
  public static Delegation create(
      String className, String mode, Map<String, ?> configs, DecisionLog log) {
    boolean shadow = DelegationSettings.MODE_SHADOW.equals(mode);
    if (className == null || className.isBlank()) {
      if (shadow) {
        throw new ConfigException(
            DelegationSettings.MODE,
            mode,
            "shadow mode needs " + DelegationSettings.DELEGATE_CLASS);
      }
      return null;
    }
    Authorizer delegate = instantiate(className.strip());
    delegate.configure(configs);
    return new Delegation(delegate, shadow, log);
  }

  private static Authorizer instantiate(String className) {
    try {
      Class<?> type = Class.forName(className, true, Delegation.class.getClassLoader());
      if (!Authorizer.class.isAssignableFrom(type)) {
        throw new ConfigException(
            DelegationSettings.DELEGATE_CLASS, className, "is not a Kafka Authorizer");
      }
      return (Authorizer) type.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException
        | NoSuchMethodException
        | InstantiationException
        | IllegalAccessException
        | InvocationTargetException e) {
      throw new ConfigException(
          DelegationSettings.DELEGATE_CLASS, className, "cannot be created: " + e);
    }
  }

  public Authorizer delegate() {
    return delegate;
  }

  public boolean shadow() {
    return shadow;
  }

  /**
   * Each endpoint's future completes once both the policy ({@code policyReady}) and the delegate
   * (its own start, e.g. StandardAuthorizer's initial ACL load) are ready.
   */
  public Map<Endpoint, CompletableFuture<Void>> start(
      AuthorizerServerInfo serverInfo, CompletableFuture<Void> policyReady) {
    Map<Endpoint, ? extends CompletionStage<Void>> delegateFutures = delegate.start(serverInfo);
    Map<Endpoint, CompletableFuture<Void>> futures = new LinkedHashMap<>();
    for (Endpoint endpoint : serverInfo.endpoints()) {
      CompletionStage<Void> own = delegateFutures.get(endpoint);
      CompletableFuture<Void> delegateReady =
          own == null ? CompletableFuture.completedFuture(null) : own.toCompletableFuture();
      futures.put(endpoint, CompletableFuture.allOf(policyReady, delegateReady));
    }
    return futures;
  }

  /**
   * Asks the delegate about the actions the policy answered with {@code policy}; logs and counts
   * each disagreement and returns the answers of whichever decides.
   */
  public List<AuthorizationResult> settle(
      AuthorizableRequestContext context, List<Action> actions, List<AuthorizationResult> policy) {
    List<AuthorizationResult> theirs = delegate.authorize(context, actions);
    for (int i = 0; i < actions.size(); i++) {
      if (theirs.get(i) != policy.get(i)) {
        disagreement(RequestFacts.of(context, actions.get(i)), policy.get(i), theirs.get(i));
      }
    }
    return shadow ? theirs : policy;
  }

  /** As {@link #settle}, for Kafka's authorizeByResourceType. */
  public AuthorizationResult settle(
      AuthorizableRequestContext context,
      AclOperation operation,
      ResourceType resourceType,
      AuthorizationResult policy) {
    AuthorizationResult theirs = delegate.authorizeByResourceType(context, operation, resourceType);
    if (theirs != policy) {
      disagreement(RequestFacts.ofResourceType(context, operation, resourceType), policy, theirs);
    }
    return shadow ? theirs : policy;
  }

  private void disagreement(
      RequestFacts facts, AuthorizationResult policy, AuthorizationResult theirs) {
    Sensor s = disagreements;
    if (s != null) {
      s.record();
    }
    log.disagreement(
        facts,
        policy == AuthorizationResult.ALLOWED,
        theirs == AuthorizationResult.ALLOWED,
        shadow ? DelegationSettings.MODE_SHADOW : DelegationSettings.MODE_ENFORCE);
  }

  /** Registers {@code shadow-disagreements-total}, and hands the delegate its own metrics. */
  public void register(PluginMetrics metrics) {
    Sensor sensor = metrics.addSensor("regard-shadow-disagreements");
    MetricName name =
        metrics.metricName(
            DISAGREEMENTS,
            "Decisions on which the policy and the delegate authorizer disagreed.",
            new LinkedHashMap<>());
    sensor.add(name, new CumulativeCount());
    disagreements = sensor;
    if (delegate instanceof Monitorable monitorable) {
      monitorable.withPluginMetrics(metrics);
    }
  }

  /** Closes the delegate. */
  public void close() throws Exception {
    delegate.close();
  }
}
