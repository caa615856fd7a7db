package dev.regard.benchmarks.authn;

import dev.regard.kafka.credentials.Pbkdf2Hash;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.plain.PlainAuthenticateCallback;
import org.apache.kafka.common.security.plain.internals.PlainServerCallbackHandler;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One PLAIN password check: Regard's PBKDF2-HMAC-SHA512 verification, against Kafka's own
 * PBKDF2-HMAC-SHA512 ({@code ScramFormatter.saltedPassword}, what a SCRAM-SHA-512 credential costs
 * to derive) at the same iteration count, and Kafka's built-in PLAIN handler, which compares
 * plaintext passwords from its JAAS configuration and so costs no hashing at all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PasswordBenchmark {
  @Param({"4096", "210000"})
  public int iterations;

  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
  private Pbkdf2Hash hash;
  private ScramFormatter formatter;
  private byte[] salt;
  private PlainServerCallbackHandler kafkaPlain;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    hash = Pbkdf2Hash.create(PASSWORD, iterations, new SecureRandom());
    formatter = new ScramFormatter(ScramMechanism.SCRAM_SHA_512);
    salt = hash.salt();
    kafkaPlain = new PlainServerCallbackHandler();
    kafkaPlain.configure(
        Map.of(),
        "PLAIN",
        List.of(
            new AppConfigurationEntry(
                "org.apache.kafka.common.security.plain.PlainLoginModule",
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                Map.of("user_alice", new String(PASSWORD)))));
  }

  @Benchmark
  public boolean regardPbkdf2Sha512() {
    return hash.matches(PASSWORD);
  }

  @Benchmark
  public byte[] kafkaScramSha512Derivation() throws Exception {
    return formatter.saltedPassword(new String(PASSWORD), salt, iterations);
  }

  @Benchmark
  public boolean kafkaBuiltinPlaintextPlain() throws Exception {
    PlainAuthenticateCallback callback = new PlainAuthenticateCallback(PASSWORD);
    kafkaPlain.handle(new Callback[] {new NameCallback("user", "alice"), callback});
    return callback.authenticated();
  }
}
