package dev.regard.rego;

import dev.regard.rego.ast.Location;

/** A rule of a compiled policy: its reference, such as {@code data.pkg.test_x}, and location. */
public record RuleInfo(String ref, Location location) {}
