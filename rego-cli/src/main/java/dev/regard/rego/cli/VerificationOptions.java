package dev.regard.rego.cli;

import dev.regard.rego.bundle.BundleReader;
import dev.regard.rego.bundle.VerificationConfig;
import dev.regard.rego.bundle.VerificationKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Bundle signature options, named as in {@code opa run}. */
final class VerificationOptions {
  @Option(
      names = "--verification-key",
      paramLabel = "FILE",
      description =
          "PEM public key or certificate (or, for HS*, a file holding the secret) that bundles"
              + " must be signed with; signed bundles are refused without it.")
  Path key;

  @Option(
      names = "--verification-key-id",
      paramLabel = "ID",
      defaultValue = "default",
      description = "Id of the verification key (default: ${DEFAULT-VALUE}).")
  String keyId;

  @Option(
      names = "--signing-alg",
      paramLabel = "ALG",
      defaultValue = "RS256",
      description = "Signature algorithm of the key (default: ${DEFAULT-VALUE}).")
  String algorithm;

  @Option(names = "--scope", paramLabel = "SCOPE", description = "Scope signatures must declare.")
  String scope;

  BundleReader reader() throws IOException {
    BundleReader reader = BundleReader.create();
    if (key == null) {
      return reader;
    }
    String material = Files.readString(key);
    if (algorithm.startsWith("HS")) {
      material = material.strip();
    }
    VerificationKey k = new VerificationKey(algorithm, material, scope);
    return reader.withVerification(VerificationConfig.of(keyId, k));
  }
}
