package dev.regard.kafka.authn;

import java.security.Provider;
import java.security.Security;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import javax.security.sasl.SaslServerFactory;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.security.scram.internals.ScramSaslServer;

/**
 * Stands in front of Kafka's own SCRAM server, as the first security provider of SCRAM-SHA-256 and
 * SCRAM-SHA-512 in the JVM. It does two things Kafka's server does not:
 *
 * <ul>
 *   <li>Refuses a client message longer than {@link #MAX_MESSAGE_BYTES} before Kafka parses it.
 *       Kafka's message parser is a regular expression that recurses once per character of the user
 *       name: from about 2,000 characters it overflows the network thread's stack, holds the
 *       connection for minutes and logs a long stack trace. No valid SCRAM message comes near the
 *       bound, as no principal name is longer than {@link PrincipalNames#MAX_CHARS}.
 *   <li>Records a wrong proof (a wrong password for a known user), which Kafka checks after the
 *       callback handler has answered, as one failure line like every other.
 * </ul>
 *
 * Every SCRAM listener of the broker gets it, whichever callback handler serves the credentials.
 */
public final class ScramGuard extends Provider {
  private static final long serialVersionUID = 1L;

  /** Kafka's client first message for a 255-character name, escaped, with its nonce, fits. */
  static final int MAX_MESSAGE_BYTES = 1024;

  private static final String NAME = "RegardScramGuard";

  ScramGuard() {
    super(NAME, "1.0", "Bounds SCRAM messages before Kafka's SCRAM server parses them");
    for (String mechanism : ScramMechanism.mechanismNames()) {
      put("SaslServerFactory." + mechanism, Factory.class.getName());
    }
  }

  /** Puts the guard first among the JVM's providers, once. */
  static synchronized void install() {
    if (Security.getProvider(NAME) == null) {
      Security.insertProviderAt(new ScramGuard(), 1);
    }
  }

  /** Creates Kafka's SCRAM server behind a {@link Guarded} one. */
  public static final class Factory implements SaslServerFactory {
    private final SaslServerFactory kafka = new ScramSaslServer.ScramSaslServerFactory();

    @Override
    public SaslServer createSaslServer(
        String mechanism,
        String protocol,
        String serverName,
        Map<String, ?> props,
        CallbackHandler cbh)
        throws SaslException {
      String[] user = {null};
      CallbackHandler naming =
          callbacks -> {
            for (Callback c : callbacks) {
              if (c instanceof NameCallback name) {
                user[0] = name.getDefaultName();
              }
            }
            cbh.handle(callbacks);
          };
      return new Guarded(
          kafka.createSaslServer(mechanism, protocol, serverName, props, naming), () -> user[0]);
    }

    @Override
    public String[] getMechanismNames(Map<String, ?> props) {
      return ScramMechanism.mechanismNames().toArray(new String[0]);
    }
  }

  /** Kafka's SCRAM server, with its input bounded and its proof failures recorded. */
  static final class Guarded implements SaslServer {
    private final SaslServer kafka;
    private final java.util.function.Supplier<String> user;
    private int messages;

    Guarded(SaslServer kafka, java.util.function.Supplier<String> user) {
      this.kafka = kafka;
      this.user = user;
    }

    @Override
    public byte[] evaluateResponse(byte[] response) throws SaslException {
      if (response.length > MAX_MESSAGE_BYTES) {
        AuthnFailures.record(
            kafka.getMechanismName(),
            null,
            "",
            "",
            "malformed",
            "SCRAM message of " + response.length + " bytes, more than " + MAX_MESSAGE_BYTES);
        throw new SaslAuthenticationException("Authentication failed: SCRAM message too long");
      }
      messages++;
      try {
        return kafka.evaluateResponse(response);
      } catch (SaslException | AuthenticationException e) {
        // The first message's failures (unknown user, bad name) were recorded by the callback
        // handler; the second message fails only on a wrong proof or a tampered exchange.
        if (messages == 2) {
          AuthnFailures.record(
              kafka.getMechanismName(),
              user.get(),
              "",
              "",
              "bad-credentials",
              "wrong SCRAM proof (wrong password): " + e.getMessage());
        }
        throw e;
      }
    }

    @Override
    public String getMechanismName() {
      return kafka.getMechanismName();
    }

    @Override
    public boolean isComplete() {
      return kafka.isComplete();
    }

    @Override
    public String getAuthorizationID() {
      return kafka.getAuthorizationID();
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int len) throws SaslException {
      return kafka.unwrap(incoming, offset, len);
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int len) throws SaslException {
      return kafka.wrap(outgoing, offset, len);
    }

    @Override
    public Object getNegotiatedProperty(String propName) {
      return kafka.getNegotiatedProperty(propName);
    }

    @Override
    public void dispose() throws SaslException {
      kafka.dispose();
    }
  }
}
