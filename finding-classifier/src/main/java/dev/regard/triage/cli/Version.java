package dev.regard.triage.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, when run from the packaged jar. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = ScanTriage.class.getPackage().getImplementationVersion();
    return new String[] {"scan-triage " + (version == null ? "(development build)" : version)};
  }
}
