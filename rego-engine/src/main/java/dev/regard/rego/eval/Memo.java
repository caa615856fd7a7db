package dev.regard.rego.eval;

import dev.regard.rego.compile.InputReads;
import dev.regard.rego.compile.Program;
import dev.regard.rego.compile.RuleGroup;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Rule documents remembered across the queries of one compiled policy, so work that does not change
 * between decisions is done once. A group that reads no input (see {@link InputReads}) is computed
 * at its first use and kept; a group that reads input only under the given session members (such as
 * {@code principal}: the caller's identity, the same for many queries) is kept per the values it
 * reads, at most {@value #MAX_KEYS} of them at a time. The evaluator consults it only while no
 * {@code with} replaces data or functions. Thread-safe; values are immutable.
 */
public final class Memo {
  static final Value UNDEFINED = StringValue.of("\u0000undefined");
  private static final int MAX_KEYS = 10_000;
  private static final Object NO_INPUT = new Object();

  /** Per group index: null (not kept), NO_INPUT, or the input paths it reads. */
  private final Object[] plans;

  /**
   * Per group index: the number of its paths among the distinct ones, so that groups reading the
   * same input share a key (-1 for groups not kept per input).
   */
  private final int[] planNumbers;

  private final int planCount;

  private final List<Value> sessionMembers;
  private final AtomicReferenceArray<Value> shared;
  private final List<RuleGroup> sharedGroups;
  private final ConcurrentHashMap<Key, Value>[] keyed;

  private record Key(Value[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }

  /**
   * @param sessionMembers top-level input members under which reads still allow a group to be kept
   *     per the values read; empty keeps only groups that read no input
   */
  @SuppressWarnings("unchecked")
  public Memo(Program program, Set<String> sessionMembers) {
    this.sessionMembers =
        sessionMembers.stream().sorted().map(m -> (Value) StringValue.of(m)).toList();
    InputReads reads = InputReads.of(program);
    plans = new Object[program.groupCount()];
    planNumbers = new int[program.groupCount()];
    Arrays.fill(planNumbers, -1);
    Map<Set<List<Value>>, Integer> numbers = new HashMap<>();
    List<List<List<Value>>> distinct = new ArrayList<>();
    keyed = new ConcurrentHashMap[program.groupCount()];
    shared = new AtomicReferenceArray<>(program.groupCount());
    List<RuleGroup> groups = new ArrayList<>();
    collect(program.root(), groups);
    List<RuleGroup> once = new ArrayList<>();
    for (RuleGroup g : groups) {
      Set<List<Value>> paths = reads.paths(g);
      if (paths == null || g.kind() == RuleGroup.Kind.FUNCTION) {
        continue;
      }
      if (paths.isEmpty()) {
        plans[g.index()] = NO_INPUT;
        once.add(g);
      } else if (paths.stream().allMatch(p -> underSession(p, sessionMembers))) {
        // Groups reading the same paths share one list of them, so their keys list the values
        // in one order and a key computed for one is the key of the others.
        int number =
            numbers.computeIfAbsent(
                Set.copyOf(paths),
                p -> {
                  distinct.add(List.copyOf(paths));
                  return distinct.size() - 1;
                });
        plans[g.index()] = distinct.get(number);
        planNumbers[g.index()] = number;
        keyed[g.index()] = new ConcurrentHashMap<>();
      }
    }
    planCount = distinct.size();
    sharedGroups = List.copyOf(once);
  }

  private static void collect(dev.regard.rego.compile.DocNode node, List<RuleGroup> out) {
    if (node.group() != null) {
      out.add(node.group());
    }
    node.children().values().forEach(c -> collect(c, out));
  }

  private static boolean underSession(List<Value> path, Set<String> members) {
    return !path.isEmpty() && path.get(0) instanceof StringValue s && members.contains(s.value());
  }

  /** The groups kept once for every input: the documents all queries share. */
  public List<RuleGroup> sharedGroups() {
    return sharedGroups;
  }

  /**
   * Whether two inputs (either may be null) have the same values under every session member, so
   * that documents kept per those values are the same for both.
   */
  public boolean sameSession(Value a, Value b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    for (Value member : sessionMembers) {
      Value x = Evaluator.index(a, member);
      Value y = Evaluator.index(b, member);
      if (x != y && (x == null || !x.equals(y))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the document of the group numbered {@code index}, once computed for one input, holds
   * for the next: always when it reads no input, and when it is kept per session members if the
   * next input is of the same session.
   */
  boolean keptAcross(int index, boolean sameSession) {
    Object plan = plans[index];
    return plan == NO_INPUT || (sameSession && plan != null);
  }

  /** Whether the group is kept at all. */
  boolean keeps(RuleGroup g) {
    return plans[g.index()] != null;
  }

  /** Whether the group is kept once for every input. */
  boolean keepsOnce(RuleGroup g) {
    return plans[g.index()] == NO_INPUT;
  }

  /** How many distinct sets of paths the groups kept per input read. */
  int planCount() {
    return planCount;
  }

  /**
   * The number of the paths a group kept per input reads, below {@link #planCount()}: groups of one
   * number have equal keys for one input. -1 for a group kept once or not at all.
   */
  int planNumber(RuleGroup g) {
    return planNumbers[g.index()];
  }

  /** The key of a kept group's document for this input: NO_INPUT or the values it reads. */
  Object key(RuleGroup g, Value input) {
    Object plan = plans[g.index()];
    if (plan == NO_INPUT) {
      return NO_INPUT;
    }
    @SuppressWarnings("unchecked")
    List<List<Value>> paths = (List<List<Value>>) plan;
    Value[] values = new Value[paths.size()];
    for (int i = 0; i < values.length; i++) {
      Value v = input;
      List<Value> path = paths.get(i);
      for (int j = 0; v != null && j < path.size(); j++) {
        v = Evaluator.index(v, path.get(j));
      }
      values[i] = v;
    }
    return new Key(values);
  }

  /** The remembered document (UNDEFINED when undefined), or null when there is none yet. */
  Value get(RuleGroup g, Object key) {
    return key == NO_INPUT ? shared.get(g.index()) : keyed[g.index()].get((Key) key);
  }

  void put(RuleGroup g, Object key, Value v) {
    Value stored = v == null ? UNDEFINED : v;
    if (key == NO_INPUT) {
      shared.set(g.index(), stored);
      return;
    }
    ConcurrentHashMap<Key, Value> map = keyed[g.index()];
    if (map.size() >= MAX_KEYS) {
      map.clear(); // many distinct callers: start over rather than grow
    }
    map.put((Key) key, stored);
  }
}
