package dev.regard.rego.bundle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.regard.testing.TarGzBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/**
 * Hostile archives and data files: whatever the bytes, reading either yields a bundle or a {@link
 * BundleException}, never another exception. Runs its seeds in every build; with {@code
 * JAZZER_FUZZ=1} it fuzzes.
 */
class BundleFuzzTest {
  private static final BundleReader READER =
      BundleReader.create().withLimits(new BundleLimits(64, 1 << 16, 1 << 18));
  private static final BundleReader SIGNED =
      BundleReader.create()
          .withVerification(
              VerificationConfig.of("k", new VerificationKey("HS256", "s".repeat(32), null)));

  @FuzzTest(maxDuration = "30s")
  void archivesFailOnlyWithBundleException(byte[] tar) throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar);
    }
    try {
      READER.readTarGz(new ByteArrayInputStream(gz.toByteArray()), "fuzz.tgz");
    } catch (BundleException expected) {
      // a refused bundle is the right answer for most inputs
    }
  }

  @FuzzTest(maxDuration = "30s")
  void signaturesFailOnlyWithBundleException(String signatures) {
    if (signatures == null) {
      return; // Jazzer's first input; a file always has content
    }
    byte[] tar =
        new TarGzBuilder()
            .file("p.rego", "package p\n")
            .file(".signatures.json", signatures)
            .build();
    try {
      SIGNED.readTarGz(new ByteArrayInputStream(tar), "fuzz.tgz");
    } catch (BundleException expected) {
      // a bad or forged signature is refused
    }
  }

  @FuzzTest(maxDuration = "30s")
  void dataFilesFailOnlyWithBundleException(byte[] content) {
    for (String name : new String[] {"data.json", "data.yaml"}) {
      try {
        DataDocuments.parse(content, name);
      } catch (BundleException expected) {
        // malformed data is refused with file and line
      }
    }
  }
}
