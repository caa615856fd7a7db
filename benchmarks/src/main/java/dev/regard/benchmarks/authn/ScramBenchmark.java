package dev.regard.benchmarks.authn;

import dev.regard.kafka.credentials.CredentialEntries;
import dev.regard.kafka.credentials.CredentialParser;
import dev.regard.kafka.credentials.UserCredentials;
import dev.regard.rego.value.ObjectValue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslServer;
import org.apache.kafka.common.security.authenticator.CredentialCache;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.security.scram.internals.ScramSaslClient;
import org.apache.kafka.common.security.scram.internals.ScramSaslServer;
import org.apache.kafka.common.security.scram.internals.ScramServerCallbackHandler;
import org.apache.kafka.common.security.token.delegation.internals.DelegationTokenCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The broker's share of one SCRAM-SHA-512 authentication at 4096 iterations. The SCRAM server
 * itself is Kafka's in both cases; what differs is the credential step: Regard reads the user's
 * entry from the bundle's data and parses it, Kafka's built-in handler looks the credential up in
 * its in-memory cache fed by the metadata log. A whole exchange (client included, whose salted
 * password derivation dominates) gives the scale.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ScramBenchmark {
  private static final String MECHANISM = "SCRAM-SHA-512";
  private ObjectValue bundleEntry;
  private ScramServerCallbackHandler kafkaHandler;
  private CredentialCache.Cache<ScramCredential> kafkaCache;

  @Setup
  public void setUp() throws Exception {
    bundleEntry = CredentialEntries.of("pw".toCharArray(), 10_000, 4096, new SecureRandom());
    UserCredentials parsed = CredentialParser.parse("alice", bundleEntry, "alice");
    CredentialCache cache = new CredentialCache();
    kafkaCache = cache.createCache(MECHANISM, ScramCredential.class);
    kafkaCache.put("alice", parsed.scram().get(ScramMechanism.SCRAM_SHA_512));
    kafkaHandler =
        new ScramServerCallbackHandler(kafkaCache, new DelegationTokenCache(List.of(MECHANISM)));
    kafkaHandler.configure(Map.of(), MECHANISM, List.of());
  }

  @Benchmark
  public UserCredentials regardCredentialFromBundleData() throws Exception {
    return CredentialParser.parse("alice", bundleEntry, "alice");
  }

  @Benchmark
  public ScramCredential kafkaCredentialCache() {
    return kafkaCache.get("alice");
  }

  @Benchmark
  public boolean kafkaFullExchangeIncludingClient() throws Exception {
    SaslServer server = new ScramSaslServer(ScramMechanism.SCRAM_SHA_512, Map.of(), kafkaHandler);
    SaslClient client =
        new ScramSaslClient(
            ScramMechanism.SCRAM_SHA_512,
            callbacks -> {
              for (var callback : callbacks) {
                if (callback instanceof javax.security.auth.callback.NameCallback name) {
                  name.setName("alice");
                } else if (callback
                    instanceof javax.security.auth.callback.PasswordCallback password) {
                  password.setPassword("pw".toCharArray());
                } else if (callback
                    instanceof org.apache.kafka.common.security.scram.ScramExtensionsCallback) {
                  // no extensions
                }
              }
            });
    byte[] first = client.evaluateChallenge(new byte[0]);
    byte[] serverFirst = server.evaluateResponse(first);
    byte[] clientFinal = client.evaluateChallenge(serverFirst);
    byte[] serverFinal = server.evaluateResponse(clientFinal);
    client.evaluateChallenge(serverFinal);
    return server.isComplete() && new String(serverFinal, StandardCharsets.UTF_8).startsWith("v=");
  }
}
