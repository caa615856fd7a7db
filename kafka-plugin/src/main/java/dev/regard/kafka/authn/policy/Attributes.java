package dev.regard.kafka.authn.policy;

import java.util.Set;

/** Group and role memberships of a principal. */
public record Attributes(Set<String> groups, Set<String> roles) {
  public static final Attributes NONE = new Attributes(Set.of(), Set.of());

  public Attributes {
    groups = Set.copyOf(groups);
    roles = Set.copyOf(roles);
  }

  /** Both sets joined. */
  public Attributes plus(Attributes other) {
    return new Attributes(union(groups, other.groups), union(roles, other.roles));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
