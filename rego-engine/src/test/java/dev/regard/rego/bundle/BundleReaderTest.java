package dev.regard.rego.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.Json;
import dev.regard.testing.TarGzBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleReaderTest {
  @TempDir Path dir;

  private static final String POLICY = "package kafka.authz\n\nallow if input.user == \"alice\"\n";

  private Path write(String relative, String content) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private static Bundle readTar(byte[] tarGz) {
    return BundleReader.create().readTarGz(new ByteArrayInputStream(tarGz), "bundle.tar.gz");
  }

  @Test
  void readsDirectoryWithManifestModulesAndMountedData() throws IOException {
    write(
        ".manifest",
        "{\"revision\": \"r42\", \"roots\": [\"kafka\"], \"metadata\": {\"team\": \"x\"}}");
    write("kafka/authz/policy.rego", POLICY);
    write("kafka/data.json", "{\"admins\": [\"alice\"]}");
    write("kafka/topics/data.yaml", "retention: 7\nowners:\n  - bob\n");
    write("README.md", "ignored");

    Bundle b = BundleReader.create().read(dir);

    assertThat(b.revision()).isEqualTo("r42");
    assertThat(b.roots()).containsExactly("kafka");
    assertThat(b.manifest().metadata().toJson()).isEqualTo("{\"team\":\"x\"}");
    assertThat(b.modules()).containsOnlyKeys("kafka/authz/policy.rego");
    assertThat(b.modules().get("kafka/authz/policy.rego")).isEqualTo(POLICY);
    assertThat(b.data())
        .isEqualTo(
            Json.parse(
                "{\"kafka\": {\"admins\": [\"alice\"], \"topics\": {\"retention\": 7,"
                    + " \"owners\": [\"bob\"]}}}"));
    assertThat(b.signed()).isFalse();
  }

  @Test
  void bundleWithoutManifestOwnsEverything() throws IOException {
    write("data.json", "{\"a\": 1}");
    Bundle b = BundleReader.create().read(dir);
    assertThat(b.revision()).isEmpty();
    assertThat(b.roots()).containsExactly("");
  }

  @Test
  void readsTarballWithLeadingSlashesAsOpaBuildWritesThem() {
    byte[] tar =
        new TarGzBuilder()
            .file("/.manifest", "{\"revision\":\"7\"}")
            .directory("/policies/")
            .file("/policies/authz.rego", POLICY)
            .file("./x/data.json", "{\"n\": 12345678901234567890.5}")
            .build();
    Bundle b = readTar(tar);
    assertThat(b.revision()).isEqualTo("7");
    assertThat(b.modules()).containsOnlyKeys("policies/authz.rego");
    assertThat(b.data().toJson()).isEqualTo("{\"x\":{\"n\":12345678901234567890.5}}");
  }

  @Test
  void readsGnuAndPaxLongNames() {
    String longDir = "k".repeat(80) + "/" + "m".repeat(80);
    String pax = " path=" + longDir + "/data.json\n";
    String record = (pax.length() + 3) + pax; // the length counts its own digits
    byte[] tar =
        new TarGzBuilder()
            .entry("././@LongLink", 'L', (longDir + "/p.rego\0").getBytes(), "")
            .file("ignored-short-name", POLICY)
            .entry("PaxHeader", 'x', record.getBytes(), "")
            .file("also-ignored", "{\"v\": 1}")
            .build();
    Bundle b = readTar(tar);
    assertThat(b.modules()).containsOnlyKeys(longDir + "/p.rego");
    assertThat(b.data().toJson()).contains("\"v\":1");
  }

  @Test
  void readsTarballFromDiskByExtension() throws IOException {
    Path tgz = dir.resolve("b.tar.gz");
    Files.write(tgz, new TarGzBuilder().file("p.rego", POLICY).build());
    assertThat(BundleReader.create().read(tgz).modules()).containsOnlyKeys("p.rego");
  }

  @Test
  void rejectsPathsThatEscapeTheRoot() {
    for (String bad :
        List.of(
            "../evil.rego",
            "a/../../evil.rego",
            "a/./b.rego",
            "C:/x.rego",
            "a\\b.rego",
            "//etc/x.rego")) {
      byte[] tar = new TarGzBuilder().file(bad, POLICY).build();
      assertThatThrownBy(() -> readTar(tar))
          .as(bad)
          .isInstanceOf(BundleException.class)
          .hasMessageContaining("bundle.tar.gz");
    }
  }

  @Test
  void rejectsLinksInArchives() {
    byte[] sym = new TarGzBuilder().symlink("data.json", "/etc/passwd").build();
    assertThatThrownBy(() -> readTar(sym))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("data.json: links are not allowed");
    byte[] hard = new TarGzBuilder().file("a.rego", POLICY).hardlink("b.rego", "a.rego").build();
    assertThatThrownBy(() -> readTar(hard))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("b.rego: links are not allowed");
  }

  @Test
  void rejectsSymlinksInDirectories() throws IOException {
    Path outside = Files.writeString(Files.createTempFile("outside", ".json"), "{\"secret\": 1}");
    try {
      Files.createSymbolicLink(dir.resolve("data.json"), outside);
      assertThatThrownBy(() -> BundleReader.create().read(dir))
          .isInstanceOf(BundleException.class)
          .hasMessageContaining("data.json: symbolic links not allowed");
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void acceptsALinkedRootDirectory() throws IOException {
    Path real = Files.createDirectories(dir.resolve("real"));
    Files.writeString(real.resolve("p.rego"), POLICY);
    Path link = Files.createSymbolicLink(dir.resolve("current"), real);
    assertThat(BundleReader.create().read(link).modules()).containsOnlyKeys("p.rego");
  }

  @Test
  void enforcesLimitsOnDirectories() throws IOException {
    write("a.rego", "#".repeat(200));
    BundleReader small = BundleReader.create().withLimits(new BundleLimits(10, 100, 1000));
    assertThatThrownBy(() -> small.read(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("a.rego: file larger than 100 bytes");
  }

  @Test
  void yamlDataKeepsExactNumbers() throws IOException {
    write("n/data.yaml", "big: 123456789012345678901234567890\nfrac: 0.1\nflag: true\n");
    assertThat(BundleReader.create().read(dir).data().toJson())
        .isEqualTo("{\"n\":{\"big\":123456789012345678901234567890,\"flag\":true,\"frac\":0.1}}");
  }

  @Test
  void rejectsDuplicateEntries() {
    byte[] tar = new TarGzBuilder().file("a.rego", POLICY).file("/a.rego", POLICY).build();
    assertThatThrownBy(() -> readTar(tar)).hasMessageContaining("a.rego: file appears twice");
  }

  @Test
  void enforcesPerFileTotalAndCountLimits() {
    BundleReader small = BundleReader.create().withLimits(new BundleLimits(3, 100, 250));
    byte[] big = new TarGzBuilder().file("big.rego", "#".repeat(101)).build();
    assertThatThrownBy(() -> small.readTarGz(new ByteArrayInputStream(big), "b.tgz"))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("big.rego: file larger than 100 bytes");

    byte[] total =
        new TarGzBuilder()
            .file("a.rego", "#".repeat(90))
            .file("b.rego", "#".repeat(90))
            .file("c.rego", "#".repeat(90))
            .build();
    assertThatThrownBy(() -> small.readTarGz(new ByteArrayInputStream(total), "b.tgz"))
        .hasMessageContaining("c.rego: bundle larger than 250 bytes");

    byte[] many =
        new TarGzBuilder().file("a", "").file("b", "").file("c", "").file("d", "").build();
    assertThatThrownBy(() -> small.readTarGz(new ByteArrayInputStream(many), "b.tgz"))
        .hasMessageContaining("more than 3 files (at d)");
  }

  @Test
  void refusesDeclaredHugeSizeBeforeReading() {
    byte[] tar = new TarGzBuilder().headerOnly("huge.json", 1L << 40).build();
    assertThatThrownBy(() -> readTar(tar))
        .hasMessageContaining("huge.json: file larger than " + BundleLimits.DEFAULT.maxFileBytes());
  }

  @Test
  void refusesCompressionBomb() {
    // 8 MiB of zeros compress to a few KiB; the cap applies to what is decompressed.
    BundleReader small = BundleReader.create().withLimits(new BundleLimits(10, 1 << 20, 1 << 20));
    byte[] tar = new TarGzBuilder().file("zeros.bin", new byte[8 << 20]).build();
    assertThat(tar.length).isLessThan(64 * 1024);
    assertThatThrownBy(() -> small.readTarGz(new ByteArrayInputStream(tar), "bomb.tgz"))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("zeros.bin: file larger than 1048576 bytes");
  }

  @Test
  void rejectsCorruptArchives() {
    assertThatThrownBy(() -> readTar("not gzip".getBytes()))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("bundle.tar.gz: not a readable .tar.gz archive");
    byte[] good = new TarGzBuilder().file("a.rego", POLICY).build();
    byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
    assertThatThrownBy(() -> readTar(truncated)).isInstanceOf(BundleException.class);
  }

  @Test
  void malformedDataNamesFileAndLine() throws IOException {
    write("a/data.json", "{\n  \"x\": 1,\n  \"y\": oops\n}");
    assertThatThrownBy(() -> BundleReader.create().read(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("a/data.json:3:");
  }

  @Test
  void malformedYamlNamesFileAndLine() throws IOException {
    write("b/data.yaml", "a: 1\nb: [1, 2\nc: 3\n");
    assertThatThrownBy(() -> BundleReader.create().read(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageMatching("(?s)b/data\\.yaml:\\d+: invalid YAML: .*");
  }

  @Test
  void malformedManifestNamesLine() throws IOException {
    write(".manifest", "{\n\"revision\": \"1\",\n\"roots\": [\n}");
    assertThatThrownBy(() -> BundleReader.create().read(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining(".manifest:4:");
  }

  @Test
  void manifestFieldsAreTypeChecked() throws IOException {
    write(".manifest", "{\"roots\": \"kafka\"}");
    assertThatThrownBy(() -> BundleReader.create().read(dir))
        .hasMessageContaining(".manifest: roots must be an array of strings");
  }

  @Test
  void regoV0BundlesAreRefused() throws IOException {
    write(".manifest", "{\"rego_version\": 0}");
    assertThatThrownBy(() -> BundleReader.create().read(dir))
        .hasMessageContaining("rego_version 0 is not supported");
  }

  @Test
  void overlappingRootsAreRefused() throws IOException {
    write(".manifest", "{\"roots\": [\"kafka\", \"kafka/authz\"]}");
    assertThatThrownBy(() -> BundleReader.create().read(dir)).hasMessageContaining("overlap");
  }

  @Test
  void twoDataFilesForOnePathConflict() throws IOException {
    write("x/data.json", "{\"a\": 1}");
    write("x/data.yaml", "b: 2");
    assertThatThrownBy(() -> BundleReader.create().read(dir))
        .hasMessageContaining("two data files for one path");
  }

  @Test
  void overlappingDataConflicts() throws IOException {
    write("data.json", "{\"a\": {\"b\": 1}}");
    write("a/b/data.json", "{\"c\": 2}");
    assertThatThrownBy(() -> BundleReader.create().read(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("a/b/data.json: data at 'a.b' conflicts");
  }

  @Test
  void disjointNestedDataMerges() throws IOException {
    write("data.json", "{\"a\": {\"x\": 1}}");
    write("a/b/data.json", "{\"c\": 2}");
    assertThat(BundleReader.create().read(dir).data().toJson())
        .isEqualTo("{\"a\":{\"b\":{\"c\":2},\"x\":1}}");
  }

  @Test
  void rootDataMustBeAnObject() throws IOException {
    write("data.json", "[1]");
    assertThatThrownBy(() -> BundleReader.create().read(dir))
        .hasMessageContaining("data.json: data at the bundle root must be an object");
  }

  @Test
  void dataOutsideRootsIsRefused() throws IOException {
    write(".manifest", "{\"roots\": [\"kafka/authz\"]}");
    write("kafka/other/data.json", "{\"a\": 1}");
    assertThatThrownBy(() -> BundleReader.create().read(dir))
        .hasMessageContaining("data path kafka/other is outside the manifest roots");
  }

  @Test
  void packagesOutsideRootsAreRefused() throws IOException {
    write(".manifest", "{\"roots\": [\"kafka/authz\"]}");
    write("ok.rego", "# comment\npackage kafka.authz.rules\n");
    write("bad.rego", "package kafka[\"audit\"].log\n");
    assertThatThrownBy(() -> BundleReader.create().read(dir))
        .hasMessageContaining("bad.rego: package kafka.audit.log is outside the manifest roots");
  }

  @Test
  void packagesAndDataInsideRootsAreAccepted() throws IOException {
    write(".manifest", "{\"roots\": [\"kafka/authz\", \"shared\"]}");
    write("ok.rego", "package kafka.authz\n");
    write("kafka/authz/data.json", "{\"a\": 1}");
    write("shared/x/data.json", "{\"b\": 2}");
    Bundle b = BundleReader.create().read(dir);
    assertThat(b.data().toJson())
        .isEqualTo("{\"kafka\":{\"authz\":{\"a\":1}},\"shared\":{\"x\":{\"b\":2}}}");
  }

  @Test
  void deltaAndWasmBundlesAreRefused() throws IOException {
    write("patch.json", "{\"data\": []}");
    assertThatThrownBy(() -> BundleReader.create().read(dir))
        .hasMessageContaining("patch.json: delta bundles are not supported");
  }

  @Test
  void invalidUtf8InModuleIsRefused() {
    byte[] tar =
        new TarGzBuilder().file("p.rego", new byte[] {'p', (byte) 0xC3, (byte) 0x28}).build();
    assertThatThrownBy(() -> readTar(tar)).hasMessageContaining("p.rego: not valid UTF-8 text");
  }

  @Test
  void missingPathIsAClearError() {
    assertThatThrownBy(() -> BundleReader.create().read(dir.resolve("nope.tar.gz")))
        .hasMessageContaining("nope.tar.gz: no such bundle directory or archive");
  }

  @Test
  void toStringOmitsContents() throws IOException {
    write("p.rego", POLICY);
    assertThat(BundleReader.create().read(dir).toString())
        .contains("p.rego")
        .doesNotContain("alice");
  }
}
