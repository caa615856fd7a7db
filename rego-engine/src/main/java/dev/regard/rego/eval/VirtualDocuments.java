package dev.regard.rego.eval;

import dev.regard.rego.ast.Term;
import dev.regard.rego.compile.CompiledRule;
import dev.regard.rego.compile.DocNode;
import dev.regard.rego.compile.Precomputed;
import dev.regard.rego.compile.Program;
import dev.regard.rego.compile.RuleGroup;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The documents rules define, computed for one query and cached: complete rules with their else
 * chains and defaults, partial sets and objects (whole, or one key at a time), and the merge of
 * rule values, base data and {@code with} overrides at a node of the document tree.
 */
final class VirtualDocuments {
  private static final Value UNDEFINED = Memo.UNDEFINED;

  private final Evaluator ev;
  private final Program program;
  // Replaced by `with`, which changes what the documents are; restored after it.
  Value[] cache; // group values by group index; UNDEFINED marks an undefined document
  Map<KeyedDoc, Value> keyedCache; // created on first use: many queries need none

  // The memo's keys for memoKeysOf, by Memo.planNumber: computed once per input, however many
  // groups read the same members of it.
  private Object[] memoKeys;
  private Value memoKeysOf;

  VirtualDocuments(Evaluator ev, Program program) {
    this.ev = ev;
    this.program = program;
    this.cache = new Value[program.groupCount()];
  }

  /**
   * Forgets the computed documents that another input may change (see {@link Evaluator#restart}):
   * without a memo, all of them.
   */
  void restart(boolean sameSession) {
    Memo memo = ev.memo;
    for (int i = 0; i < cache.length; i++) {
      if (memo == null || !memo.keptAcross(i, sameSession)) {
        cache[i] = null;
      }
    }
    keyedCache = null;
  }

  /** Forgets every computed document, as a `with` modifier requires. */
  void reset() {
    cache = new Value[program.groupCount()];
    keyedCache = null;
  }

  /** The full value of the document at a node: base data, rule values and overrides merged. */
  Value materialize(DocNode node, Value base, DataOverride ov) {
    if (ov != null && ov.value() != null) {
      return ov.value();
    }
    Value result;
    if (node == null) {
      result = base;
    } else if (node.group() != null) {
      if (node.group().kind() == RuleGroup.Kind.FUNCTION) {
        return null;
      }
      result = groupValue(node.group());
      if (node.hasChildren() && result instanceof ObjectValue obj) {
        ObjectValue.Builder ob = obj.toBuilder();
        for (Map.Entry<Value, DocNode> c : node.children().entrySet()) {
          Value cv = materialize(c.getValue(), null, null);
          if (cv == null) {
            continue;
          }
          Value existing = ob.get(c.getKey());
          if (existing != null && !existing.equals(cv)) {
            throw Evaluator.conflict("object keys must be unique", null);
          }
          ob.put(c.getKey(), cv);
        }
        result = ob.build();
      }
    } else {
      ObjectValue.Builder ob =
          base instanceof ObjectValue o ? o.toBuilder() : ObjectValue.builder();
      for (Map.Entry<Value, DocNode> c : node.children().entrySet()) {
        Value cv =
            materialize(
                c.getValue(),
                base == null ? null : Evaluator.index(base, c.getKey()),
                ov == null ? null : ov.child(c.getKey()));
        // Base data wins over a rule defining the same key, as in OPA.
        boolean baseWins =
            c.getValue().group() != null
                && base != null
                && Evaluator.index(base, c.getKey()) != null;
        if (cv != null && !baseWins) {
          ob.put(c.getKey(), cv);
        }
      }
      result = ob.build();
    }
    if (ov != null) {
      result = ov.applyTo(result);
    }
    return result;
  }

  /**
   * The partial-set group a constant data reference names, or null; for terms of queries (those of
   * rules were looked up at compile time).
   */
  RuleGroup keyedSet(Term t) {
    if (!(t instanceof Term.Ref r)
        || !(r.head() instanceof Term.Var v)
        || !v.name().equals("data")) {
      return null;
    }
    DocNode node = program.root();
    for (Term p : r.path()) {
      if (!(p instanceof Term.Scalar s) || (node = node.child(s.value())) == null) {
        return null;
      }
    }
    return node.keyed() && node.group().kind() == RuleGroup.Kind.MULTI ? node.group() : null;
  }

  /** A cache key: a group by identity and one key of its document. */
  record KeyedDoc(RuleGroup group, Value key) {
    @Override
    public boolean equals(Object o) {
      return o instanceof KeyedDoc d && d.group == group && d.key.equals(key);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(group) * 31 + key.hashCode();
    }
  }

  /**
   * {@code group[key]} without computing the whole document: rules whose key is a variable are
   * evaluated with it bound to {@code key}, so a lookup in a large partial set or object costs only
   * the matching rules.
   */
  Value keyedValue(RuleGroup g, Value key) {
    Value full = cache[g.index()];
    if (full == null) {
      full = keptWhole(g);
    }
    if (full != null) {
      return full == UNDEFINED ? null : Evaluator.index(full, key);
    }
    KeyedDoc ck = new KeyedDoc(g, key);
    if (keyedCache == null) {
      keyedCache = new HashMap<>();
    }
    Value cached = keyedCache.get(ck);
    if (cached != null) {
      return cached == UNDEFINED ? null : cached;
    }
    ev.enter();
    Value v;
    try {
      v = g.kind() == RuleGroup.Kind.MULTI ? setMember(g, key) : objectEntry(g, key);
    } finally {
      ev.leave();
    }
    keyedCache.put(ck, v == null ? UNDEFINED : v);
    return v;
  }

  /**
   * The whole document of a group, if the memo holds it for this input (UNDEFINED when undefined);
   * null otherwise, and then the caller looks up its one key.
   */
  private Value keptWhole(RuleGroup g) {
    Object memoKey = memoKey(g);
    Value kept = memoKey == null ? null : ev.memo.get(g, memoKey);
    if (kept != null) {
      cache[g.index()] = kept;
    }
    return kept;
  }

  private Value setMember(RuleGroup g, Value key) {
    for (CompiledRule r : g.rules()) {
      Bindings b = new Bindings();
      boolean[] found = {false};
      Evaluator.Cont hit =
          () -> {
            found[0] = true;
            return true;
          };
      if (r.key() instanceof Term.Var) {
        ev.match(r.key(), key, b, () -> ev.evalBody(r.body(), 0, b, hit));
      } else {
        ev.evalBody(r.body(), 0, b, () -> ev.evalTerm(r.key(), b, v -> v.equals(key) && hit.run()));
      }
      if (found[0]) {
        return key;
      }
    }
    return null;
  }

  private Value objectEntry(RuleGroup g, Value key) {
    Object entry = objectTree(g, key).get(key);
    return entry == null ? null : toValue(entry);
  }

  /**
   * The entries a partial-object group defines, as a tree by key path; with {@code onlyKey} set,
   * just the entries under that first key, with the key bound before each body runs.
   */
  private Map<Value, Object> objectTree(RuleGroup g, Value onlyKey) {
    Map<Value, Object> tree = new TreeMap<>();
    for (CompiledRule r : g.rules()) {
      Bindings b = new Bindings();
      Evaluator.Cont produce =
          () ->
              ev.evalItems(
                  r.keyPath(),
                  0,
                  new Value[r.keyPath().size()],
                  b,
                  keys ->
                      ev.evalTerm(
                          r.key() != null ? r.key() : r.value(),
                          b,
                          v -> {
                            ev.charge(1);
                            if (onlyKey == null || keys[0].equals(onlyKey)) {
                              insert(tree, keys, 0, v, r);
                            }
                            return false;
                          }));
      if (onlyKey != null && r.keyPath().get(0) instanceof Term.Var) {
        ev.match(r.keyPath().get(0), onlyKey, b, () -> ev.evalBody(r.body(), 0, b, produce));
      } else {
        ev.evalBody(r.body(), 0, b, produce);
      }
    }
    return tree;
  }

  /**
   * The value of a group's document (null when undefined), cached for the query and, where the memo
   * keeps it, across queries.
   */
  private Value groupValue(RuleGroup g) {
    Value cached = cache[g.index()];
    if (cached != null) {
      return cached == UNDEFINED ? null : cached;
    }
    Object memoKey = memoKey(g);
    if (memoKey != null) {
      Value kept = ev.memo.get(g, memoKey);
      if (kept != null) {
        cache[g.index()] = kept;
        return kept == UNDEFINED ? null : kept;
      }
    }
    Value v = computeGroup(g);
    cache[g.index()] = v == null ? UNDEFINED : v;
    if (memoKey != null) {
      ev.memo.put(g, memoKey, v);
    }
    return v;
  }

  private Value computeGroup(RuleGroup g) {
    ev.enter();
    try {
      return switch (g.kind()) {
        case COMPLETE -> completeValue(g);
        case MULTI -> setValue(g);
        case OBJECT -> objectValue(g);
        case FUNCTION -> null;
      };
    } finally {
      ev.leave();
    }
  }

  /** The memo's key for a group's document here, or null when it is not remembered. */
  private Object memoKey(RuleGroup g) {
    Memo memo = ev.memo;
    if (memo == null || !memo.keeps(g) || ev.dataOverride != null || !ev.calls.mocks.isEmpty()) {
      return null;
    }
    int plan = memo.planNumber(g);
    if (plan < 0) {
      return memo.key(g, ev.input);
    }
    if (memoKeys == null) {
      memoKeys = new Object[memo.planCount()];
      memoKeysOf = ev.input;
    } else if (memoKeysOf != ev.input) {
      Arrays.fill(memoKeys, null);
      memoKeysOf = ev.input;
    }
    Object key = memoKeys[plan];
    if (key == null) {
      key = memo.key(g, ev.input);
      memoKeys[plan] = key;
    }
    return key;
  }

  private Value completeValue(RuleGroup g) {
    Value result = null;
    Precomputed.Guard[] guards = guards(g);
    Value at = null; // the input's value at the last guard's path
    for (int i = 0; i < g.rules().size(); i++) {
      CompiledRule r = g.rules().get(i);
      Precomputed.Guard guard = guards == null ? null : guards[i];
      if (guard != null) {
        at = guard.at(ev.input, at);
        if (guard.excludes(at)) {
          continue;
        }
      }
      Value v = ruleChainValue(r, null);
      if (v == null) {
        continue;
      }
      if (result != null && !result.equals(v)) {
        throw Evaluator.conflict(completeConflict(g.name()), r.location());
      }
      result = v;
    }
    return result != null ? result : defaultOf(g, null);
  }

  /** The value of a group's {@code default} rule, or null when it has none. */
  Value defaultOf(RuleGroup g, Value[] args) {
    if (g.defaultValue() != null || g.defaultRule() == null) {
      return g.defaultValue();
    }
    return ruleChainValue(g.defaultRule(), args);
  }

  static String completeConflict(String name) {
    return "complete rules must not produce multiple outputs: rule "
        + name
        + " produced conflicting values";
  }

  /**
   * The value of one rule with its else chain: the first link whose body succeeds. With {@code
   * args} the rule is a function called with those arguments.
   */
  Value ruleChainValue(CompiledRule first, Value[] args) {
    for (CompiledRule r = first; r != null; r = r.elseRule()) {
      Value[] result = new Value[1];
      CompiledRule rule = r;
      // With a constant value every solution agrees, so the first one settles the rule.
      boolean constant = rule.value() instanceof Term.Scalar;
      Bindings b = new Bindings();
      Evaluator.Cont body =
          () ->
              ev.evalBody(
                  rule.body(),
                  0,
                  b,
                  () ->
                      ev.evalTerm(
                          rule.value(),
                          b,
                          v -> {
                            if (result[0] != null && !result[0].equals(v)) {
                              throw Evaluator.conflict(
                                  args == null
                                      ? completeConflict(rule.name())
                                      : functionConflict(rule.name()),
                                  rule.location());
                            }
                            result[0] = v;
                            return constant;
                          }));
      if (args != null && !bindVarArgs(rule, args, b)) {
        bindArgs(rule, args, 0, b, body);
      } else {
        body.run();
      }
      if (result[0] != null) {
        return result[0];
      }
      if (args != null && !argsMatch(rule, args)) {
        return null; // else links share the arguments of the first
      }
    }
    return null;
  }

  private boolean argsMatch(CompiledRule r, Value[] args) {
    Bindings b = new Bindings();
    return bindArgs(r, args, 0, b, () -> true);
  }

  /**
   * Binds the arguments directly when every parameter is a distinct variable, the common case, and
   * returns whether it did; otherwise binds nothing.
   */
  private static boolean bindVarArgs(CompiledRule r, Value[] args, Bindings b) {
    List<Term> params = r.args();
    if (params.size() != args.length) {
      return false;
    }
    for (int i = 0; i < params.size(); i++) {
      if (!(params.get(i) instanceof Term.Var v)) {
        return false;
      }
      for (int j = 0; j < i; j++) {
        if (((Term.Var) params.get(j)).name().equals(v.name())) {
          return false;
        }
      }
    }
    for (int i = 0; i < args.length; i++) {
      b.bind(((Term.Var) params.get(i)).name(), args[i]);
    }
    return true;
  }

  private boolean bindArgs(CompiledRule r, Value[] args, int i, Bindings b, Evaluator.Cont k) {
    if (args == null || i == args.length) {
      return k.run();
    }
    return ev.match(r.args().get(i), args[i], b, () -> bindArgs(r, args, i + 1, b, k));
  }

  /**
   * The guards of a group's rules (see {@link Precomputed.Guard}), or null when there are none or a
   * {@code with} replaces functions.
   */
  Precomputed.Guard[] guards(RuleGroup g) {
    return ev.calls.mocks.isEmpty() ? program.precomputed().guards(g) : null;
  }

  private Value setValue(RuleGroup g) {
    List<Value> out = new ArrayList<>();
    Precomputed.Guard[] guards = guards(g);
    Value at = null; // the input's value at the last guard's path
    for (int i = 0; i < g.rules().size(); i++) {
      CompiledRule r = g.rules().get(i);
      Precomputed.Guard guard = guards == null ? null : guards[i];
      if (guard != null) {
        at = guard.at(ev.input, at);
        if (guard.excludes(at)) {
          continue;
        }
      }
      Bindings b = new Bindings();
      ev.evalBody(
          r.body(),
          0,
          b,
          () ->
              ev.evalTerm(
                  r.key(),
                  b,
                  v -> {
                    ev.charge(1);
                    out.add(v);
                    return false;
                  }));
    }
    return SetValue.of(out);
  }

  private Value objectValue(RuleGroup g) {
    return toObject(objectTree(g, null));
  }

  @SuppressWarnings("unchecked")
  private void insert(Map<Value, Object> tree, Value[] keys, int i, Value v, CompiledRule r) {
    Value key = keys[i];
    Object existing = tree.get(key);
    if (i == keys.length - 1 && r.key() != null) {
      // a multi-value rule below a variable reference: the leaf is a set
      if (existing == null) {
        existing = new SetLeaf(new ArrayList<>());
        tree.put(key, existing);
      } else if (!(existing instanceof SetLeaf)) {
        throw Evaluator.conflict("object keys must be unique", r.location());
      }
      ((SetLeaf) existing).elements().add(v);
      return;
    }
    if (i == keys.length - 1) {
      if (existing == null) {
        tree.put(key, v);
      } else if (!(existing instanceof Value ev) || !ev.equals(v)) {
        throw Evaluator.conflict("object keys must be unique", r.location());
      }
      return;
    }
    if (existing == null) {
      existing = new TreeMap<Value, Object>();
      tree.put(key, existing);
    } else if (!(existing instanceof Map)) {
      throw Evaluator.conflict("object keys must be unique", r.location());
    }
    insert((Map<Value, Object>) existing, keys, i + 1, v, r);
  }

  /** The growing set at the end of a multi-value rule's reference. */
  private record SetLeaf(List<Value> elements) {}

  @SuppressWarnings("unchecked")
  private static ObjectValue toObject(Map<Value, Object> tree) {
    ObjectValue.Builder ob = ObjectValue.builder();
    for (Map.Entry<Value, Object> e : tree.entrySet()) {
      ob.put(e.getKey(), toValue(e.getValue()));
    }
    return ob.build();
  }

  @SuppressWarnings("unchecked")
  private static Value toValue(Object node) {
    if (node instanceof Value val) {
      return val;
    }
    if (node instanceof SetLeaf leaf) {
      return SetValue.of(leaf.elements());
    }
    return toObject((Map<Value, Object>) node);
  }

  static String functionConflict(String name) {
    return "functions must not produce multiple outputs for same inputs: function "
        + name
        + " produced conflicting values for the same inputs";
  }
}
