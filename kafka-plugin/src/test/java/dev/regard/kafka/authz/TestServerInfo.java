package dev.regard.kafka.authz;

import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.ClusterResource;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.server.authorizer.AuthorizerServerInfo;

/** What a broker tells its authorizer at start. */
record TestServerInfo(List<Endpoint> endpoints) implements AuthorizerServerInfo {
  @Override
  public ClusterResource clusterResource() {
    return new ClusterResource("test-cluster");
  }

  @Override
  public int brokerId() {
    return 1;
  }

  @Override
  public Endpoint interBrokerEndpoint() {
    return endpoints.get(0);
  }

  @Override
  public Collection<String> earlyStartListeners() {
    return List.of();
  }
}
