package dev.regard.rego.compile;

import dev.regard.rego.RegoError;
import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.ast.Term;
import dev.regard.rego.value.StringValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rejects rules that depend on themselves, directly or through other rules ({@code
 * rego_recursion_error}), since top-down evaluation of them would not terminate.
 */
final class RecursionCheck {
  private final DocNode root;
  private final List<RegoError> errors;
  private final Map<RuleGroup, Set<RuleGroup>> deps = new HashMap<>();

  RecursionCheck(DocNode root, List<RegoError> errors) {
    this.root = root;
    this.errors = errors;
  }

  void run() {
    List<RuleGroup> groups = new ArrayList<>();
    collectGroups(root, groups);
    for (RuleGroup g : groups) {
      Set<RuleGroup> out = new LinkedHashSet<>();
      for (CompiledRule rule : g.rules()) {
        for (CompiledRule r = rule; r != null; r = r.elseRule()) {
          rule(r, out);
        }
      }
      if (g.defaultRule() != null) {
        rule(g.defaultRule(), out);
      }
      deps.put(g, out);
    }
    Set<RuleGroup> done = new HashSet<>();
    Set<RuleGroup> reported = new HashSet<>();
    for (RuleGroup g : groups) {
      visit(g, new ArrayList<>(), done, reported);
    }
  }

  private void visit(
      RuleGroup g, List<RuleGroup> stack, Set<RuleGroup> done, Set<RuleGroup> reported) {
    int at = stack.indexOf(g);
    if (at >= 0) {
      if (reported.add(g)) {
        StringBuilder path = new StringBuilder();
        for (RuleGroup s : stack.subList(at, stack.size())) {
          path.append(s.name()).append(" -> ");
        }
        path.append(g.name());
        errors.add(
            new RegoError(
                "rego_recursion_error",
                "rule " + g.name() + " is recursive: " + path,
                g.rules().isEmpty() ? null : g.rules().get(0).location()));
      }
      return;
    }
    if (done.contains(g)) {
      return;
    }
    stack.add(g);
    for (RuleGroup d : deps.getOrDefault(g, Set.of())) {
      visit(d, stack, done, reported);
    }
    stack.remove(stack.size() - 1);
    done.add(g);
  }

  private static void collectGroups(DocNode n, List<RuleGroup> out) {
    if (n.group() != null) {
      out.add(n.group());
    }
    for (DocNode c : n.children().values()) {
      collectGroups(c, out);
    }
  }

  private void rule(CompiledRule r, Set<RuleGroup> out) {
    r.keyPath().forEach(t -> term(t, out));
    if (r.args() != null) {
      r.args().forEach(t -> term(t, out));
    }
    if (r.key() != null) {
      term(r.key(), out);
    }
    term(r.value(), out);
    body(r.body(), out);
  }

  private void body(List<Literal> body, Set<RuleGroup> out) {
    for (Literal l : body) {
      if (l.stmt() instanceof Stmt.TermStmt t) {
        term(t.term(), out);
      } else if (l.stmt() instanceof Stmt.Unify u) {
        term(u.left(), out);
        term(u.right(), out);
      } else if (l.stmt() instanceof Stmt.Assign a) {
        term(a.left(), out);
        term(a.right(), out);
      } else if (l.stmt() instanceof Stmt.SomeDecl) {
        // a declaration binds nothing
      } else if (l.stmt() instanceof Stmt.SomeIn s) {
        if (s.key() != null) {
          term(s.key(), out);
        }
        term(s.value(), out);
        term(s.collection(), out);
      } else if (l.stmt() instanceof Stmt.Every e) {
        term(e.domain(), out);
        body(e.body(), out);
      }
      for (Literal.With w : l.withs()) {
        term(w.value(), out);
      }
    }
  }

  private void term(Term t, Set<RuleGroup> out) {
    if (t instanceof Term.Ref r) {
      if (r.head() instanceof Term.Var v && v.name().equals("data")) {
        refGroups(r.path(), out);
      } else {
        term(r.head(), out);
      }
      r.path().forEach(p -> term(p, out));
    } else if (t instanceof Term.Call c) {
      if (c.name().startsWith("data.")) {
        DocNode n = root;
        for (String part : c.name().substring(5).split("\\.")) {
          n = n == null ? null : n.child(StringValue.of(part));
        }
        if (n != null && n.group() != null) {
          out.add(n.group());
        }
      }
      c.args().forEach(a -> term(a, out));
    } else if (t instanceof Term.ArrayTerm a) {
      a.items().forEach(i -> term(i, out));
    } else if (t instanceof Term.SetTerm s) {
      s.items().forEach(i -> term(i, out));
    } else if (t instanceof Term.ObjectTerm o) {
      o.entries()
          .forEach(
              e -> {
                term(e.key(), out);
                term(e.value(), out);
              });
    } else if (t instanceof Term.ArrayCompr c) {
      term(c.head(), out);
      body(c.body(), out);
    } else if (t instanceof Term.SetCompr c) {
      term(c.head(), out);
      body(c.body(), out);
    } else if (t instanceof Term.ObjectCompr c) {
      term(c.key(), out);
      term(c.value(), out);
      body(c.body(), out);
    }
  }

  /** Groups a data reference may read: those on its constant prefix and all below it. */
  private void refGroups(List<Term> path, Set<RuleGroup> out) {
    DocNode n = root;
    for (Term p : path) {
      if (n.group() != null) {
        out.add(n.group());
        return;
      }
      if (!(p instanceof Term.Scalar s)) {
        collectAll(n, out);
        return;
      }
      n = n.child(s.value());
      if (n == null) {
        return;
      }
    }
    collectAll(n, out);
  }

  private static void collectAll(DocNode n, Set<RuleGroup> out) {
    if (n.group() != null) {
      out.add(n.group());
    }
    n.children().values().forEach(c -> collectAll(c, out));
  }
}
