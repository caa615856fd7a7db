/** The {@code rego} command line: {@code eval}, {@code test} and {@code conformance}. */
package dev.regard.rego.cli;
