package dev.regard.kafka.authn;

import dev.regard.kafka.authn.jwt.ValidatedToken;
import dev.regard.kafka.authn.policy.Attributes;
import dev.regard.kafka.authn.policy.AuthnPolicy;
import dev.regard.kafka.authn.policy.AuthnPolicyException;
import dev.regard.kafka.engine.SharedEngines;
import dev.regard.kafka.principal.PrincipalCodec;
import dev.regard.kafka.principal.RegardPrincipal;
import dev.regard.rego.value.ObjectValue;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.sasl.SaslServer;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.security.auth.AuthenticationContext;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.KafkaPrincipalBuilder;
import org.apache.kafka.common.security.auth.KafkaPrincipalSerde;
import org.apache.kafka.common.security.auth.SaslAuthenticationContext;
import org.apache.kafka.common.security.auth.SslAuthenticationContext;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.ssl.SslPrincipalMapper;

/**
 * Names principals and asks the authentication policy whether they may connect. Configure with
 * {@code principal.builder.class}. The name comes from the SASL identity (for OAUTHBEARER the
 * configured claim) or the TLS client certificate mapped by {@code ssl.principal.mapping.rules};
 * groups and roles come from token claims and from the bundle's principals document. The policy
 * sees mechanism, user, claims, listener, security protocol, client address and TLS details; a
 * refusal is logged, counted and closes the connection. Kafka creates one builder per connection,
 * so the decision is made once and kept.
 */
public final class RegardPrincipalBuilder
    implements KafkaPrincipalBuilder, KafkaPrincipalSerde, Configurable, Closeable {
  private SharedEngines.Lease lease;
  private AuthnPolicy policy;
  private SslPrincipalMapper sslMapper;
  private KafkaPrincipal built;

  @Override
  public void configure(Map<String, ?> configs) {
    BuilderSettings settings = BuilderSettings.of(configs);
    sslMapper = settings.sslMapper();
    lease = SharedEngines.acquire(configs);
    // Only the first connections of a starting broker wait; afterwards the bundle is in force.
    lease.awaitFirstBundle(settings.readyTimeoutMs());
    policy =
        new AuthnPolicy(
            lease.engine(),
            settings.query(),
            settings.credentialsRef(),
            settings.principalsRef(),
            settings.reasonsRef());
  }

  @Override
  public KafkaPrincipal build(AuthenticationContext context) {
    if (built == null) {
      built = admit(context);
    }
    return built;
  }

  private KafkaPrincipal admit(AuthenticationContext context) {
    String mechanism = "";
    String user = "";
    ObjectValue claims = ObjectValue.EMPTY;
    Attributes fromToken = Attributes.NONE;
    Optional<SSLSession> tls = Optional.empty();
    boolean sasl = context instanceof SaslAuthenticationContext;
    if (context instanceof SaslAuthenticationContext saslContext) {
      SaslServer server = saslContext.server();
      mechanism = server.getMechanismName();
      tls = saslContext.sslSession();
      if (server.getNegotiatedProperty("OAUTHBEARER.token") instanceof OAuthBearerToken token) {
        user = token.principalName();
        if (token instanceof ValidatedToken validated) {
          claims = validated.claims();
          fromToken = new Attributes(validated.groups(), validated.roles());
        }
      } else {
        user = server.getAuthorizationID();
      }
    } else if (context instanceof SslAuthenticationContext sslContext) {
      tls = Optional.of(sslContext.session());
      user = certificateName(sslContext.session());
    }
    String name = user.isEmpty() ? KafkaPrincipal.ANONYMOUS.getName() : user;
    String outcomeMechanism = mechanism.isEmpty() ? context.securityProtocol().name : mechanism;
    String address =
        context.clientAddress() == null ? "" : context.clientAddress().getHostAddress();
    Optional<String> badName = user.isEmpty() ? Optional.empty() : PrincipalNames.problem(user);
    if (badName.isPresent()) {
      throw refuse(
          sasl,
          outcomeMechanism,
          name,
          context.listenerName(),
          address,
          "malformed",
          "",
          "principal " + badName.get());
    }
    try {
      AuthnPolicy.Decision decision =
          policy.decide(AuthnInput.of(context, mechanism, user, claims, tls));
      if (!decision.allowed()) {
        throw refuse(
            sasl,
            outcomeMechanism,
            name,
            context.listenerName(),
            address,
            "policy-denied",
            String.join(",", decision.rules()),
            decision.reason());
      }
      Attributes attributes =
          fromToken.plus(policy.attributes(KafkaPrincipal.USER_TYPE + ":" + name));
      AuthnMetrics.success(outcomeMechanism);
      return new RegardPrincipal(
          KafkaPrincipal.USER_TYPE, name, attributes.groups(), attributes.roles(), false);
    } catch (AuthnPolicyException e) {
      throw refuse(
          sasl,
          outcomeMechanism,
          name,
          context.listenerName(),
          address,
          "policy-error",
          "",
          e.getMessage());
    }
  }

  private static RuntimeException refuse(
      boolean sasl,
      String mechanism,
      String user,
      String listener,
      String address,
      String outcome,
      String rules,
      String reason) {
    AuthnFailures.record(mechanism, user, listener, address, outcome, rules, reason);
    String message = "Authentication failed: refused by policy";
    return sasl
        ? new SaslAuthenticationException(message)
        : new SslAuthenticationException(message);
  }

  private String certificateName(SSLSession session) {
    try {
      return sslMapper.getName(session.getPeerPrincipal().getName());
    } catch (SSLPeerUnverifiedException e) {
      return "";
    } catch (IOException | IllegalArgumentException e) {
      throw new SslAuthenticationException("the client certificate's name matches no mapping rule");
    }
  }

  @Override
  public byte[] serialize(KafkaPrincipal principal) {
    return PrincipalCodec.serialize(principal);
  }

  @Override
  public KafkaPrincipal deserialize(byte[] bytes) {
    return PrincipalCodec.deserialize(bytes);
  }

  @Override
  public void close() {
    if (lease != null) {
      lease.close();
      lease = null;
    }
  }
}
