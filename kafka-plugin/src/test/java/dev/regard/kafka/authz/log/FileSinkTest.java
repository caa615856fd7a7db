package dev.regard.kafka.authz.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.kafka.authz.TestRequests;
import dev.regard.kafka.authz.input.RequestFacts;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
  private static final OpaEvent FORMAT =
      new OpaEvent(
          Map.of("id", "i", "version", "regard-test"),
          "regard",
          "kafka/authz/allow",
          "kafka/authz/allow_by_resource_type",
          List.of());

  @TempDir Path dir;

  private static DecisionLog.Entry entry(String topic) {
    RequestFacts facts =
        RequestFacts.of(
            TestRequests.context("alice"), TestRequests.topic(AclOperation.READ, topic));
    return new DecisionLog.Entry(Instant.EPOCH, facts, false, null, "r1", 1000, false);
  }

  @Test
  void rotatesPastTheSizeAndKeepsTheConfiguredNumberOfFiles() throws Exception {
    Path file = dir.resolve("d.log");
    LongAdder dropped = new LongAdder();
    try (FileSink sink = new FileSink(file, 2048, 2, FORMAT, 100, 1, 10, dropped)) {
      for (int i = 0; i < 20; i++) {
        sink.offer(entry("t" + i));
      }
    }
    assertThat(dropped.sum()).isZero();
    assertThat(Files.exists(dir.resolve("d.log.1"))).isTrue();
    assertThat(Files.exists(dir.resolve("d.log.2"))).isTrue();
    assertThat(Files.exists(dir.resolve("d.log.3"))).isFalse();
    for (String line : Files.readAllLines(dir.resolve("d.log.1"))) {
      ObjectValue event = (ObjectValue) Json.parse(line);
      assertThat(Json.write(event.get("path"))).isEqualTo("\"kafka/authz/allow\"");
    }
  }

  @Test
  void entriesThatCannotBeWrittenAreDroppedAndCounted() throws Exception {
    Path notAFile = Files.createDirectory(dir.resolve("a-directory"));
    LongAdder dropped = new LongAdder();
    try (FileSink sink = new FileSink(notAFile, 2048, 2, FORMAT, 100, 10, 10, dropped)) {
      sink.offer(entry("t"));
      sink.offer(entry("u"));
    }
    assertThat(dropped.sum()).isEqualTo(2);
  }

  @Test
  void aFullBufferDropsWithoutWaiting() throws Exception {
    Path notAFile = Files.createDirectory(dir.resolve("slow"));
    LongAdder dropped = new LongAdder();
    try (FileSink sink = new FileSink(notAFile, 2048, 2, FORMAT, 1, 1, 60_000, dropped)) {
      for (int i = 0; i < 1000; i++) {
        sink.offer(entry("t"));
      }
      assertThat(dropped.sum()).isPositive();
    }
    assertThat(dropped.sum()).isEqualTo(1000);
  }

  @Test
  void maskedPathsAreErasedAndListed() {
    OpaEvent masking =
        new OpaEvent(
            Map.of(),
            "regard",
            "p",
            "q",
            List.of(JsonPointer.parse("/input/principal/name"), JsonPointer.parse("/input/none")));
    ObjectValue event = (ObjectValue) Json.parse(masking.json(entry("t")));
    ObjectValue principal = (ObjectValue) ((ObjectValue) event.get("input")).get("principal");
    assertThat(principal.get("name")).isNull();
    assertThat(principal.get("type")).isNotNull();
    assertThat(Json.write(event.get("erased"))).isEqualTo("[\"/input/principal/name\"]");
  }
}
