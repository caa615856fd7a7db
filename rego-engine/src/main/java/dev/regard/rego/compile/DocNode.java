package dev.regard.rego.compile;

import dev.regard.rego.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node of the virtual-document tree: the rule group defined exactly at this path (if any) and the
 * nodes below it. Built once by the compiler and never changed afterwards.
 */
public final class DocNode {
  private final Map<Value, DocNode> children = new LinkedHashMap<>();
  private final Map<Value, DocNode> view = Collections.unmodifiableMap(children);
  private RuleGroup group;

  DocNode() {}

  public Map<Value, DocNode> children() {
    return view;
  }

  public boolean hasChildren() {
    return !children.isEmpty();
  }

  /**
   * Whether this node's document can be looked up one key at a time: a partial set or object with
   * no rules below it.
   */
  public boolean keyed() {
    return group != null
        && children.isEmpty()
        && (group.kind() == RuleGroup.Kind.OBJECT || group.kind() == RuleGroup.Kind.MULTI);
  }

  public DocNode child(Value key) {
    return children.get(key);
  }

  /** The rules defined at this path, or null. */
  public RuleGroup group() {
    return group;
  }

  DocNode childOrCreate(Value key) {
    return children.computeIfAbsent(key, k -> new DocNode());
  }

  void setGroup(RuleGroup group) {
    this.group = group;
  }
}
