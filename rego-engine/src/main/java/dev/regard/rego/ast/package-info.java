/**
 * The Rego syntax tree: immutable records for modules, rules, body literals and terms, each with
 * its source {@link dev.regard.rego.ast.Location}.
 */
package dev.regard.rego.ast;
