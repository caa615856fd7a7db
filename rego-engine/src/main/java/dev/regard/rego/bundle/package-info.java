/**
 * OPA bundles: {@link dev.regard.rego.bundle.BundleReader} reads a directory or {@code .tar.gz}
 * (manifest, data files, Rego modules, signatures) under {@link
 * dev.regard.rego.bundle.BundleLimits} and yields a complete, checked, immutable {@link
 * dev.regard.rego.bundle.Bundle} or a {@link dev.regard.rego.bundle.BundleException}.
 */
package dev.regard.rego.bundle;
