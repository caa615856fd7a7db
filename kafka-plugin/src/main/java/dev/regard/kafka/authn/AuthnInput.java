package dev.regard.kafka.authn;

import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import java.net.InetAddress;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.kafka.common.security.auth.AuthenticationContext;

/**
 * The input document of the authentication policy ({@code data.kafka.authn.allow}), described in
 * {@code docs/authentication.md}:
 *
 * <pre>{@code
 * {"mechanism": "PLAIN", "user": "alice", "claims": {...},
 *  "listener": "SASL_SSL", "securityProtocol": "SASL_SSL", "client": {"address": "10.0.0.7"},
 *  "tls": {"protocol": "TLSv1.3", "cipherSuite": "...", "peerPrincipal": "CN=..."}}
 * }</pre>
 *
 * {@code tls} is absent without TLS; {@code peerPrincipal} is empty without a client certificate.
 */
final class AuthnInput {
  private AuthnInput() {}

  static ObjectValue of(
      AuthenticationContext context,
      String mechanism,
      String user,
      ObjectValue claims,
      Optional<SSLSession> tls) {
    InetAddress address = context.clientAddress();
    ObjectValue.Builder input =
        ObjectValue.builder()
            .put("mechanism", str(mechanism))
            .put("user", str(user))
            .put("claims", claims)
            .put("listener", str(context.listenerName()))
            .put("securityProtocol", str(context.securityProtocol().name))
            .put(
                "client",
                ObjectValue.builder()
                    .put("address", str(address == null ? "" : address.getHostAddress()))
                    .build());
    tls.ifPresent(session -> input.put("tls", tls(session)));
    return input.build();
  }

  private static ObjectValue tls(SSLSession session) {
    String peer;
    try {
      peer = session.getPeerPrincipal().getName();
    } catch (SSLPeerUnverifiedException e) {
      peer = "";
    }
    return ObjectValue.builder()
        .put("protocol", str(session.getProtocol()))
        .put("cipherSuite", str(session.getCipherSuite()))
        .put("peerPrincipal", str(peer))
        .build();
  }

  private static StringValue str(String s) {
    return StringValue.of(s == null ? "" : s);
  }
}
