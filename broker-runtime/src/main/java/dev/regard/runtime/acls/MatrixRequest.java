package dev.regard.runtime.acls;

import java.net.InetAddress;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;

/** One caller of the decision matrix: a principal from a host. */
record MatrixRequest(KafkaPrincipal principal, InetAddress clientAddress)
    implements AuthorizableRequestContext {

  @Override
  public String listenerName() {
    return "SASL_SSL";
  }

  @Override
  public SecurityProtocol securityProtocol() {
    return SecurityProtocol.SASL_SSL;
  }

  @Override
  public int requestType() {
    return ApiKeys.METADATA.id;
  }

  @Override
  public int requestVersion() {
    return ApiKeys.METADATA.latestVersion();
  }

  @Override
  public String clientId() {
    return "regard-acls-verify";
  }

  @Override
  public int correlationId() {
    return 0;
  }
}
