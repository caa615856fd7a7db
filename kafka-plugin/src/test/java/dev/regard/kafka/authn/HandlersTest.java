package dev.regard.kafka.authn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.testing.JwksServer;
import dev.regard.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;
import org.apache.kafka.common.security.plain.internals.PlainSaslServer;
import org.apache.kafka.common.security.scram.ScramCredentialCallback;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handlers configured as Kafka configures them, fed by Kafka's own SASL servers or callbacks,
 * with the policy served over OPA's Data API on loopback: bad input is a failed authentication,
 * never an exception escaping or an accepted client.
 */
class HandlersTest {
  private static final RsaJsonWebKey KEY = Tokens.rsaKey("k1");
  private static TestPolicy policy;
  private static DataApiServer opa;
  private static JwksServer jwks;

  @BeforeAll
  static void start() throws Exception {
    policy = new TestPolicy();
    policy.user("alice", "alice-secret", List.of());
    opa = new DataApiServer(policy::answer);
    jwks = new JwksServer();
    jwks.publish(KEY);
  }

  @AfterAll
  static void stop() {
    jwks.close();
    opa.close();
  }

  private static Map<String, Object> configs() {
    Map<String, Object> configs = new HashMap<>();
    configs.put("regard.engine", "opa-server");
    configs.put("regard.opa.url", opa.baseUrl().toString());
    configs.put("regard.authn.oauth.issuer", Tokens.ISSUER);
    configs.put("regard.authn.oauth.audience", Tokens.AUDIENCE);
    return configs;
  }

  private static PlainSaslServer plainServer(PlainCallbackHandler handler) {
    return new PlainSaslServer(handler);
  }

  private static byte[] plainMessage(String user, String password) {
    return ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void plainAcceptsTheRightPasswordThroughKafkasSaslServer() throws Exception {
    try (PlainCallbackHandler handler = new PlainCallbackHandler()) {
      handler.configure(configs(), "PLAIN", List.of());
      PlainSaslServer server = plainServer(handler);
      server.evaluateResponse(plainMessage("alice", "alice-secret"));
      assertThat(server.isComplete()).isTrue();
      assertThat(server.getAuthorizationID()).isEqualTo("alice");
    }
  }

  @Test
  void malformedAndOversizedPlainMessagesFailAuthentication() throws Exception {
    try (PlainCallbackHandler handler = new PlainCallbackHandler()) {
      handler.configure(configs(), "PLAIN", List.of());
      List<byte[]> bad =
          List.of(
              new byte[0],
              "no-separators".getBytes(StandardCharsets.UTF_8),
              plainMessage("", "alice-secret"),
              plainMessage("alice", ""),
              plainMessage("a".repeat(PrincipalNames.MAX_CHARS + 1), "x"),
              plainMessage("alice", "p".repeat(PlainCallbackHandler.MAX_PASSWORD_CHARS + 1)),
              plainMessage("alice\nforged log line", "x"),
              new byte[] {(byte) 0xff, 0, (byte) 0xfe, 0, (byte) 0xfd});
      for (byte[] message : bad) {
        PlainSaslServer server = plainServer(handler);
        assertThatThrownBy(() -> server.evaluateResponse(message))
            .isInstanceOf(SaslAuthenticationException.class);
        assertThat(server.isComplete()).isFalse();
      }
    }
  }

  @Test
  void withoutAPolicyEveryPlainAuthenticationFails() throws Exception {
    Map<String, Object> configs = configs();
    configs.put("regard.opa.url", "http://127.0.0.1:1");
    configs.put("regard.opa.timeout.ms", "500");
    try (PlainCallbackHandler handler = new PlainCallbackHandler()) {
      handler.configure(configs, "PLAIN", List.of());
      PlainSaslServer server = plainServer(handler);
      assertThatThrownBy(() -> server.evaluateResponse(plainMessage("alice", "alice-secret")))
          .isInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void scramAnswersNoCredentialForUnknownOrOversizedNames() throws Exception {
    try (ScramCallbackHandler handler = new ScramCallbackHandler()) {
      handler.configure(configs(), "SCRAM-SHA-256", List.of());
      for (String user : List.of("nobody", "x".repeat(5000))) {
        ScramCredentialCallback callback = new ScramCredentialCallback();
        handler.handle(new Callback[] {new NameCallback("user", user), callback});
        assertThat(callback.scramCredential()).as(user).isNull();
      }
      ScramCredentialCallback alice = new ScramCredentialCallback();
      handler.handle(new Callback[] {new NameCallback("user", "alice"), alice});
      assertThat(alice.scramCredential().iterations()).isEqualTo(4096);
    }
  }

  @Test
  void aHandlerRefusesAMechanismItDoesNotServe() {
    try (PlainCallbackHandler handler = new PlainCallbackHandler()) {
      assertThatThrownBy(() -> handler.configure(configs(), "SCRAM-SHA-256", List.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theJwksUrlMustBeOnTheAllowList() {
    Map<String, Object> configs = configs();
    configs.put("regard.authn.oauth.jwks.url", jwks.url().toString());
    assertThatThrownBy(() -> configureOAuth(configs))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not listed in regard.authn.oauth.jwks.allowed.urls");
    configs.put("regard.authn.oauth.jwks.allowed.urls", "https://idp.test/jwks");
    assertThatThrownBy(() -> configureOAuth(configs)).isInstanceOf(ConfigException.class);
    configs.put("regard.authn.oauth.jwks.url", "file:///etc/passwd");
    configs.put("regard.authn.oauth.jwks.allowed.urls", "file:///etc/passwd");
    assertThatThrownBy(() -> configureOAuth(configs))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("only http and https");
  }

  @Test
  void issuerAndAudienceAreRequiredUnlessWaived() throws Exception {
    Map<String, Object> configs = configs();
    configs.remove("regard.authn.oauth.issuer");
    assertThatThrownBy(() -> configureOAuth(configs))
        .hasMessageContaining("regard.authn.oauth.issuer");
    configs.put("regard.authn.oauth.issuer.check.waived", "true");
    configs.remove("regard.authn.oauth.audience");
    assertThatThrownBy(() -> configureOAuth(configs))
        .hasMessageContaining("regard.authn.oauth.audience");
    configs.put("regard.authn.oauth.audience.check.waived", "true");
    configureOAuth(configs).close();
  }

  @Test
  void hmacAndNoneCannotBeConfigured() {
    Map<String, Object> configs = configs();
    for (String alg : List.of("HS256", "none")) {
      configs.put("regard.authn.oauth.algorithms", alg);
      assertThatThrownBy(() -> configureOAuth(configs)).isInstanceOf(ConfigException.class);
    }
  }

  @Test
  void withNoKeysConfiguredEveryTokenIsRefused() throws Exception {
    try (OAuthBearerCallbackHandler handler = configureOAuth(configs())) {
      for (String token :
          List.of(
              Tokens.unsigned(Tokens.claims("alice", List.of()), "k1"),
              Tokens.unsigned(Tokens.claims("alice", List.of()), "k1") + "c2ln",
              Tokens.sign(Tokens.claims("alice", List.of()), KEY),
              "garbage")) {
        OAuthBearerValidatorCallback callback = new OAuthBearerValidatorCallback(token);
        handler.handle(new Callback[] {callback});
        assertThat(callback.token()).isNull();
        assertThat(callback.errorStatus()).isEqualTo("invalid_token");
      }
    }
  }

  @Test
  void aGoodTokenIsAcceptedWithAnAllowListedJwks() throws Exception {
    Map<String, Object> configs = configs();
    configs.put("regard.authn.oauth.jwks.url", jwks.url().toString());
    configs.put("regard.authn.oauth.jwks.allowed.urls", jwks.url().toString());
    try (OAuthBearerCallbackHandler handler = configureOAuth(configs)) {
      OAuthBearerValidatorCallback callback =
          new OAuthBearerValidatorCallback(Tokens.sign(Tokens.claims("alice", List.of("g")), KEY));
      handler.handle(new Callback[] {callback});
      assertThat(callback.errorStatus()).isNull();
      assertThat(callback.token().principalName()).isEqualTo("alice");
    }
  }

  @Test
  void plainOnAListenerWithoutTlsStopsTheStartUnlessMeant() {
    Map<String, Object> configs = configs();
    configs.put("listener.security.protocol.map", "INSECURE:SASL_PLAINTEXT");
    configs.put("sasl.enabled.mechanisms", "PLAIN");
    configs.put(
        "listener.name.insecure.plain.sasl.server.callback.handler.class",
        PlainCallbackHandler.class.getName());
    assertThatThrownBy(() -> new PlainCallbackHandler().configure(configs, "PLAIN", List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("[insecure]")
        .hasMessageContaining(AuthnConfig.PLAIN_CLEARTEXT_ENABLED);
    configs.put(AuthnConfig.PLAIN_CLEARTEXT_ENABLED, "true");
    try (PlainCallbackHandler handler = new PlainCallbackHandler()) {
      handler.configure(configs, "PLAIN", List.of());
    }
  }

  @Test
  void plainOnAKafkaNetworkThreadWithoutTlsIsRefusedWhateverThePassword() throws Exception {
    try (PlainCallbackHandler handler = new PlainCallbackHandler()) {
      handler.configure(configs(), "PLAIN", List.of());
      java.util.List<Throwable> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (String password : List.of("alice-secret", "wrong")) {
        Thread network =
            new Thread(
                () -> {
                  try {
                    plainServer(handler).evaluateResponse(plainMessage("alice", password));
                    answers.add(null);
                  } catch (Exception e) {
                    answers.add(e);
                  }
                },
                "data-plane-kafka-network-thread-1-INSECURE-SASL_PLAINTEXT-0");
        network.start();
        network.join();
      }
      assertThat(answers).hasSize(2).allMatch(e -> e instanceof SaslAuthenticationException);
      assertThat(answers.get(0).getMessage()).isEqualTo(answers.get(1).getMessage());
    }
  }

  private static OAuthBearerCallbackHandler configureOAuth(Map<String, Object> configs) {
    OAuthBearerCallbackHandler handler = new OAuthBearerCallbackHandler();
    try {
      handler.configure(configs, "OAUTHBEARER", List.of());
      return handler;
    } catch (RuntimeException e) {
      handler.close();
      throw e;
    }
  }
}
