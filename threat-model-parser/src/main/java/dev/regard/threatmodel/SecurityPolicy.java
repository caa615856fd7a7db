package dev.regard.threatmodel;

import java.util.List;

/**
 * What SECURITY.md says about reporting and support.
 *
 * @param file the policy's file as given
 * @param reportingChannels addresses or links to report vulnerabilities to (possibly empty)
 * @param supportedVersions the supported-version statements, one per row or item (possibly empty)
 */
public record SecurityPolicy(
    String file, List<String> reportingChannels, List<String> supportedVersions) {

  public SecurityPolicy {
    reportingChannels = List.copyOf(reportingChannels);
    supportedVersions = List.copyOf(supportedVersions);
  }
}
