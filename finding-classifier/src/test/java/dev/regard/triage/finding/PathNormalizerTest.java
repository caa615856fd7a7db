package dev.regard.triage.finding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.triage.finding.PathNormalizer.UriBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathNormalizerTest {
  private final PathNormalizer noRepo = new PathNormalizer(null);
  private final PathNormalizer repo = new PathNormalizer(Path.of("/work/kafka"));

  @Test
  void relativeToUndeclaredSrcRootIsRepoRelative() {
    assertThat(noRepo.resolve("clients/src/A.java", "%SRCROOT%", Map.of()))
        .contains("clients/src/A.java");
  }

  @Test
  void baseOnAnotherMachineLeavesThePartBelowIt() {
    Map<String, UriBase> bases =
        Map.of("%SRCROOT%", new UriBase("file:///home/runner/work/kafka/kafka/", null));
    assertThat(repo.resolve("core/src/B.scala", "%SRCROOT%", bases)).contains("core/src/B.scala");
  }

  @Test
  void nestedBasesAreJoined() {
    Map<String, UriBase> bases =
        Map.of(
            "MODULE", new UriBase("connect/runtime/", "%SRCROOT%"),
            "%SRCROOT%", new UriBase("file:///C:/build/kafka/", null));
    assertThat(noRepo.resolve("src/main/java/X.java", "MODULE", bases))
        .contains("connect/runtime/src/main/java/X.java");
  }

  @Test
  void absoluteFileUriUnderTheRepositoryBecomesRelative() {
    assertThat(repo.resolve("file:///work/kafka/clients/src/A.java", null, Map.of()))
        .contains("clients/src/A.java");
  }

  @Test
  void absoluteFileUriUnderADeclaredBaseBecomesRelative() {
    Map<String, UriBase> bases =
        Map.of("%SRCROOT%", new UriBase("file:///home/runner/work/kafka/kafka/", null));
    assertThat(repo.resolve("file:///home/runner/work/kafka/kafka/trogdor/src/P.java", null, bases))
        .contains("trogdor/src/P.java");
  }

  @Test
  void absolutePathOutsideEveryRootStaysAbsolute() {
    assertThat(repo.resolve("file:///opt/other/A.java", null, Map.of()))
        .contains("/opt/other/A.java");
  }

  @Test
  void windowsSeparatorsAndDrivesAreUnified() {
    PathNormalizer windowsRepo = new PathNormalizer(null);
    assertThat(windowsRepo.resolve("clients\\src\\A.java", null, Map.of()))
        .contains("clients/src/A.java");
    Map<String, UriBase> bases = Map.of("SRC", new UriBase("file:///C:/Build/Kafka/", null));
    assertThat(windowsRepo.resolve("file:///c:/build/kafka/clients/A.java", null, bases))
        .contains("clients/A.java");
  }

  @Test
  void percentEncodingIsDecoded() {
    assertThat(noRepo.resolve("tests%2Fkafka%20test/%C3%A9t%C3%A9.py", null, Map.of()))
        .contains("tests/kafka test/été.py");
    assertThat(noRepo.resolve("a%2", null, Map.of())).contains("a%2");
  }

  @Test
  void dotSegmentsAreRemoved() {
    assertThat(noRepo.resolve("./clients/../core/./src//K.scala", null, Map.of()))
        .contains("core/src/K.scala");
  }

  @Test
  void missingUriGivesNothing() {
    assertThat(noRepo.resolve(null, "%SRCROOT%", Map.of())).isEmpty();
    assertThat(noRepo.resolve("  ", null, Map.of())).isEmpty();
  }

  @Test
  void baseCyclesDoNotLoop() {
    Map<String, UriBase> bases = Map.of("A", new UriBase("a/", "B"), "B", new UriBase("b/", "A"));
    assertThat(noRepo.resolve("x.java", "A", bases)).isPresent();
  }

  @Test
  void sourceRootRelativePathsAreFoundInTheRepository(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("core/src/main/java/org/example"));
    Files.writeString(tmp.resolve("core/src/main/java/org/example/Foo.java"), "class Foo {}");
    Files.createDirectories(tmp.resolve("connect/runtime/src/test/java/org/x"));
    Files.writeString(tmp.resolve("connect/runtime/src/test/java/org/x/Bar.java"), "");
    Files.createDirectories(tmp.resolve("a/src/main/java/org/dup"));
    Files.createDirectories(tmp.resolve("b/src/main/java/org/dup"));
    Files.writeString(tmp.resolve("a/src/main/java/org/dup/D.java"), "");
    Files.writeString(tmp.resolve("b/src/main/java/org/dup/D.java"), "");
    Files.createDirectories(tmp.resolve("target/src/main/java/org/example"));
    PathNormalizer inRepo = new PathNormalizer(tmp);
    assertThat(inRepo.locateSource("org/example/Foo.java"))
        .contains("core/src/main/java/org/example/Foo.java");
    assertThat(inRepo.locateSource("org/x/Bar.java"))
        .contains("connect/runtime/src/test/java/org/x/Bar.java");
    assertThat(inRepo.locateSource("org/dup/D.java")).isEmpty(); // ambiguous
    assertThat(inRepo.locateSource("org/none/N.java")).isEmpty();
    assertThat(noRepo.locateSource("org/example/Foo.java")).isEmpty();
  }

  @Test
  void classNamesGiveSourceFilesBelowASourceRoot() {
    assertThat(
            PathNormalizer.javaSourceFromQualifiedName(
                "org.apache.kafka.common.security.JaasConfig$Entry.parse"))
        .contains("org/apache/kafka/common/security/JaasConfig.java");
    assertThat(
            PathNormalizer.javaSourceFromQualifiedName(
                "new org.apache.kafka.common.security.JaasConfig(String, String)"))
        .contains("org/apache/kafka/common/security/JaasConfig.java");
    assertThat(PathNormalizer.javaSourceFromQualifiedName("Main")).isEmpty();
    assertThat(PathNormalizer.javaSourceFromQualifiedName("lowercase.only")).isEmpty();
  }
}
