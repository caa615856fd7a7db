/**
 * Lexer and recursive-descent parser for Rego v1. Produces {@link dev.regard.rego.ast} trees; every
 * failure is a {@code rego_parse_error} naming file, line and column.
 */
package dev.regard.rego.parse;
