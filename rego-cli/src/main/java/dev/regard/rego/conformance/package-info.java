/**
 * Measures the engine against OPA's conformance suite: {@link
 * dev.regard.rego.conformance.CaseLoader} reads OPA's YAML test cases, {@link
 * dev.regard.rego.conformance.CaseRunner} runs one as OPA's own runner does, {@link
 * dev.regard.rego.conformance.ConformanceSuite} runs a directory into a {@link
 * dev.regard.rego.conformance.ConformanceReport}, and {@link dev.regard.rego.conformance.Baseline}
 * keeps the list of cases that must keep passing.
 */
package dev.regard.rego.conformance;
