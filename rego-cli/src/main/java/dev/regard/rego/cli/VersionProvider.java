package dev.regard.rego.cli;

import picocli.CommandLine.IVersionProvider;

/** The version recorded in the jar's manifest, when there is one. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"rego " + (v == null ? "(development build)" : v)};
  }
}
