package dev.regard.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Development TLS: a private certificate authority and a broker certificate signed by it, generated
 * on first start with the JDK's own {@code keytool} and reused afterwards. Clients trust the CA
 * through a PKCS#12 truststore or its PEM file. Development only: the CA key stays on this machine,
 * beside the broker.
 */
public final class DevCertificateAuthority {
  static final String BROKER_ALIAS = "broker";
  private static final String CA_ALIAS = "regard-dev-ca";
  private static final int VALIDITY_DAYS = 825;

  private final Path dir;
  private final Secrets secrets;

  public DevCertificateAuthority(Path dir, Secrets secrets) {
    this.dir = dir;
    this.secrets = secrets;
  }

  public Path brokerKeystore() {
    return dir.resolve("broker.p12");
  }

  public Path truststore() {
    return dir.resolve("truststore.p12");
  }

  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  public String keystorePassword() {
    return secrets.get("tls.keystore.password");
  }

  public String truststorePassword() {
    return secrets.get("tls.truststore.password");
  }

  /** The distinguished name of the node's certificate for {@code hostName}, its TLS principal. */
  public static String subject(String hostName) {
    return "CN=" + hostName;
  }

  /** Creates the CA and broker certificate unless they exist; checks them either way. */
  public void ensure(String hostName) {
    if (!Files.exists(brokerKeystore()) || !Files.exists(truststore())) {
      generate(hostName);
    }
    verifyReadable(brokerKeystore(), keystorePassword());
    verifyReadable(truststore(), truststorePassword());
  }

  private void generate(String hostName) {
    try {
      Files.createDirectories(dir);
      Path caStore = dir.resolve("ca.p12");
      Path csr = dir.resolve("broker.csr");
      Path brokerCert = dir.resolve("broker.pem");
      String caPassword = secrets.getOrCreate("tls.ca.password");
      String keyPassword = secrets.getOrCreate("tls.keystore.password");
      String trustPassword = secrets.getOrCreate("tls.truststore.password");
      Files.deleteIfExists(caStore);
      Files.deleteIfExists(brokerKeystore());
      Files.deleteIfExists(truststore());

      keytool(
          "-genkeypair",
          "-alias",
          CA_ALIAS,
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=Regard development CA",
          "-ext",
          "bc:c",
          "-validity",
          days(),
          "-keystore",
          caStore.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          caPassword);
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          CA_ALIAS,
          "-keystore",
          caStore.toString(),
          "-storepass",
          caPassword,
          "-file",
          caPem().toString());
      keytool(
          "-genkeypair",
          "-alias",
          BROKER_ALIAS,
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          subject(hostName),
          "-validity",
          days(),
          "-keystore",
          brokerKeystore().toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          keyPassword);
      keytool(
          "-certreq",
          "-alias",
          BROKER_ALIAS,
          "-keystore",
          brokerKeystore().toString(),
          "-storepass",
          keyPassword,
          "-file",
          csr.toString());
      keytool(
          "-gencert",
          "-rfc",
          "-alias",
          CA_ALIAS,
          "-keystore",
          caStore.toString(),
          "-storepass",
          caPassword,
          "-infile",
          csr.toString(),
          "-outfile",
          brokerCert.toString(),
          "-validity",
          days(),
          "-ext",
          "san=dns:" + hostName + ",dns:localhost,ip:127.0.0.1",
          "-ext",
          "eku=serverAuth,clientAuth");
      keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          CA_ALIAS,
          "-file",
          caPem().toString(),
          "-keystore",
          brokerKeystore().toString(),
          "-storepass",
          keyPassword);
      keytool(
          "-importcert",
          "-alias",
          BROKER_ALIAS,
          "-file",
          brokerCert.toString(),
          "-keystore",
          brokerKeystore().toString(),
          "-storepass",
          keyPassword);
      keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          CA_ALIAS,
          "-file",
          caPem().toString(),
          "-keystore",
          truststore().toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          trustPassword);
      Files.delete(csr);
      Secrets.restrictToOwner(caStore);
      Secrets.restrictToOwner(brokerKeystore());
    } catch (IOException e) {
      throw new RuntimeFailure(
          "cannot write TLS material to "
              + dir
              + ": "
              + e.getMessage()
              + ". Fix: make the folder writable or choose another with --run-dir.",
          e);
    }
  }

  private static String days() {
    return Integer.toString(VALIDITY_DAYS);
  }

  private static void verifyReadable(Path store, String password) {
    try (var in = Files.newInputStream(store)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password.toCharArray());
    } catch (Exception e) {
      throw new RuntimeFailure(
          "the keystore "
              + store
              + " is unreadable or corrupt ("
              + e.getMessage()
              + "). Fix: "
              + "delete the folder "
              + store.getParent()
              + " and start again to generate new "
              + "development certificates.",
          e);
    }
  }

  private static void keytool(String... args) {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new RuntimeFailure(
            "keytool "
                + args[0]
                + " failed: "
                + output.strip()
                + ". Fix: run the launcher with a full JDK (keytool is part of it).");
      }
    } catch (IOException e) {
      throw new RuntimeFailure(
          "cannot run " + keytool + ": " + e.getMessage() + ". Fix: use a full JDK.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("interrupted while generating certificates", e);
    }
  }

  /** A random password: 24 bytes of SecureRandom, URL-safe Base64. */
  static String randomSecret(SecureRandom random) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
