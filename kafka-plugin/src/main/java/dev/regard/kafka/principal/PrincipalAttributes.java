package dev.regard.kafka.principal;

import java.util.Set;

/**
 * Implemented by principals that carry group and role memberships (set by a principal builder),
 * which then appear in the input document as {@code input.principal.groups} and {@code
 * input.principal.roles}.
 */
public interface PrincipalAttributes {
  Set<String> groups();

  Set<String> roles();
}
