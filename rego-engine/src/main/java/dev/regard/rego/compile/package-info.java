/**
 * Turns parsed modules into an immutable {@link dev.regard.rego.compile.Program}: rules grouped
 * into a tree by the document they define, names resolved, bodies ordered for safety, recursion and
 * unknown functions rejected.
 */
package dev.regard.rego.compile;
