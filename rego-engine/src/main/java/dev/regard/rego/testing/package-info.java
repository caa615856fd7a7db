/**
 * Runs a policy's {@code test_} rules like {@code opa test}: {@link
 * dev.regard.rego.testing.TestRunner} evaluates them and {@link dev.regard.rego.testing.TestReport}
 * reports pass, fail, error and skipped tests with their locations.
 */
package dev.regard.rego.testing;
