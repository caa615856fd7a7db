/**
 * Top-down evaluation with backtracking over a compiled program: one {@link
 * dev.regard.rego.eval.Evaluator} per query, holding the query's input, clock, step budget and
 * virtual-document cache.
 */
package dev.regard.rego.eval;
