package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * OPA's {@code graph.reachable} and {@code graph.reachable_paths}. A graph is an object from vertex
 * to an array or set of neighbours; vertices missing from the graph are ignored.
 */
final class GraphBuiltins {
  private GraphBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add(
        "graph.reachable", fn(SET, obj(A, any(ARR, SET)), any(ARR, SET)), GraphBuiltins::reachable);
    b.add(
        "graph.reachable_paths",
        fn(set(ARR), obj(A, any(ARR, SET)), any(ARR, SET)),
        GraphBuiltins::reachablePaths);
  }

  private static Value reachable(BuiltinContext ctx, Value[] args) {
    ObjectValue graph = Args.object(args, 0);
    ArrayDeque<Value> queue = new ArrayDeque<>(initial(args));
    Set<Value> reached = new HashSet<>();
    while (!queue.isEmpty()) {
      Value node = queue.poll();
      Value edges = graph.get(node);
      if (edges == null || !reached.add(node)) {
        continue;
      }
      List<Value> neighbours = vertices(edges);
      ctx.charge(1 + neighbours.size());
      for (Value n : neighbours) {
        if (!reached.contains(n)) {
          queue.add(n);
        }
      }
    }
    return SetValue.of(reached);
  }

  private static Value reachablePaths(BuiltinContext ctx, Value[] args) {
    ObjectValue graph = Args.object(args, 0);
    Set<Value> paths = new LinkedHashSet<>();
    for (Value node : initial(args)) {
      Value edges = graph.get(node);
      if (edges == null) {
        continue;
      }
      List<Value> neighbours = vertices(edges);
      if (neighbours.isEmpty()) {
        paths.add(ArrayValue.of(node));
        continue;
      }
      for (Value n : neighbours) {
        List<Value> path = new ArrayList<>();
        path.add(node);
        Set<Value> seen = new HashSet<>();
        seen.add(node);
        collectPaths(ctx, graph, n, path, seen, paths);
      }
    }
    return SetValue.of(paths);
  }

  /**
   * Extends {@code path} depth first through {@code node}; a path ends at a vertex with no edges,
   * at a vertex outside the graph (which is left off), or where it would close a cycle.
   */
  private static void collectPaths(
      BuiltinContext ctx,
      ObjectValue graph,
      Value node,
      List<Value> path,
      Set<Value> seen,
      Set<Value> out) {
    ctx.charge(path.size() + 1);
    Value edges = graph.get(node);
    if (edges == null) {
      out.add(ArrayValue.of(path));
      return;
    }
    path.add(node);
    List<Value> neighbours = vertices(edges);
    if (neighbours.isEmpty()) {
      out.add(ArrayValue.of(path));
    } else {
      seen.add(node);
      for (Value n : neighbours) {
        if (seen.contains(n)) {
          out.add(ArrayValue.of(path));
        } else {
          collectPaths(ctx, graph, n, path, seen, out);
        }
      }
      seen.remove(node);
    }
    path.remove(path.size() - 1);
  }

  private static List<Value> initial(Value[] args) {
    Value v = args[1];
    if (v instanceof ArrayValue || v instanceof SetValue) {
      return vertices(v);
    }
    throw Args.operandError(1, "{array, set}", v);
  }

  private static List<Value> vertices(Value collection) {
    if (collection instanceof ArrayValue a) {
      return a.elements();
    }
    if (collection instanceof SetValue s) {
      return s.elements();
    }
    return List.of();
  }
}
