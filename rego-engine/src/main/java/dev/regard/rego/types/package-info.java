/**
 * OPA's type model for Rego values, used by the compiler's type checker: {@link
 * dev.regard.rego.types.Type} and its forms, {@link dev.regard.rego.types.Types} (constructors,
 * union, unification, keys and values, printing as OPA prints types) and {@link
 * dev.regard.rego.types.JsonSchemaTypes}, which turns a JSON Schema into a type.
 */
package dev.regard.rego.types;
