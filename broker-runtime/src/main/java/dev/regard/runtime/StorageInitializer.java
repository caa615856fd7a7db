package dev.regard.runtime;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Formats Kafka's storage on the first start, with a new cluster id. Later starts find {@code
 * meta.properties} and keep the cluster id and the data. Credentials are not kept here: they live
 * in the policy bundle, the one source the authentication handlers read.
 */
public final class StorageInitializer {
  private StorageInitializer() {}

  /** True when the data folder was formatted by an earlier start. */
  public static boolean isFormatted(Path dataDir) {
    return Files.exists(dataDir.resolve("meta.properties"));
  }

  /** Formats {@code dataDir} unless it is formatted already; returns true when it formatted. */
  public static boolean formatIfNeeded(Path dataDir) {
    if (isFormatted(dataDir)) {
      return false;
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try {
      Files.createDirectories(dataDir);
      new Formatter()
          .setPrintStream(new PrintStream(log, true, StandardCharsets.UTF_8))
          .setNodeId(BrokerProperties.NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
          .setMetadataLogDirectory(dataDir.toString())
          .addDirectory(dataDir.toString())
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
      return true;
    } catch (java.io.IOException e) {
      throw new RuntimeFailure(
          "cannot create the data folder "
              + dataDir
              + ": "
              + e.getMessage()
              + ". Fix: make it writable or choose another run folder with --run-dir.",
          e);
    } catch (Exception e) {
      throw new RuntimeFailure(
          "formatting "
              + dataDir
              + " failed: "
              + e.getMessage()
              + ". Fix: make the folder "
              + "writable, or delete it if a previous format was interrupted.",
          e);
    }
  }
}
