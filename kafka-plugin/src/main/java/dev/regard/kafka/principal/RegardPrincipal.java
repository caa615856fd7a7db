package dev.regard.kafka.principal;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * A principal with the groups and roles it was given at authentication, from token claims or the
 * policy bundle. The authorizer reads them through {@link PrincipalAttributes} into {@code
 * input.principal.groups} and {@code input.principal.roles}.
 */
public final class RegardPrincipal extends KafkaPrincipal implements PrincipalAttributes {
  private final Set<String> groups;
  private final Set<String> roles;

  public RegardPrincipal(
      String type, String name, Set<String> groups, Set<String> roles, boolean tokenAuthenticated) {
    super(type, name, tokenAuthenticated);
    this.groups = Set.copyOf(groups);
    this.roles = Set.copyOf(roles);
  }

  @Override
  public Set<String> groups() {
    return groups;
  }

  @Override
  public Set<String> roles() {
    return roles;
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o)
        && o instanceof RegardPrincipal other
        && groups.equals(other.groups)
        && roles.equals(other.roles);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), groups, roles);
  }

  @Override
  public String toString() {
    return super.toString() + " groups=" + new TreeSet<>(groups) + " roles=" + new TreeSet<>(roles);
  }
}
