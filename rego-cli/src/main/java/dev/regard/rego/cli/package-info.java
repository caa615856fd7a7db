/**
 * The {@code rego} command line: {@code eval}, {@code test}, {@code check} and {@code conformance}.
 */
package dev.regard.rego.cli;
