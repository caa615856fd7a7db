package dev.regard.rego.compile;

import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.ast.Term;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which members of {@code input} the document of each rule group can depend on, through its own
 * rules and every rule and function they use, worked out once at compile time. A group whose
 * document is a function of data and of the input values at these paths alone can be remembered
 * across queries, keyed by those values (by nothing when it reads no input).
 *
 * <p>A group has no such paths ({@link #paths} is null) when its rules use {@code with}, call a
 * builtin whose result may differ between queries with equal arguments ({@code time.now_ns}, {@code
 * rand.intn}, {@code http.send}, ...), or reach rules through a computed key or the whole of {@code
 * data}.
 */
public final class InputReads {
  /** Builtins whose results may differ between queries given equal arguments, or that log. */
  private static final Set<String> NONDETERMINISTIC =
      Set.of(
          "time.now_ns",
          "rand.intn",
          "uuid.rfc4122",
          "http.send",
          "net.lookup_ip_addr",
          "opa.runtime",
          "io.jwt.decode_verify",
          "crypto.x509.parse_and_verify_certificates",
          "crypto.x509.parse_and_verify_certificates_with_options",
          "print",
          "trace");

  /** Marks a group being worked out, so a cycle (which the compiler rejects) reads as unknown. */
  private static final Set<List<Value>> IN_PROGRESS = Collections.unmodifiableSet(new HashSet<>());

  private final DocNode root;
  private final Map<String, RuleGroup> functions;
  private final Map<RuleGroup, Set<List<Value>>> paths = new IdentityHashMap<>();
  private final Set<RuleGroup> unknown = Collections.newSetFromMap(new IdentityHashMap<>());

  private InputReads(DocNode root, Map<String, RuleGroup> functions) {
    this.root = root;
    this.functions = functions;
  }

  /** The input reads of every group of a program. */
  public static InputReads of(Program program) {
    InputReads reads = new InputReads(program.root(), program.functions());
    reads.visitTree(program.root());
    program.functions().values().forEach(reads::group);
    return reads;
  }

  /**
   * The input paths a group's document can depend on (empty when it reads no input; a path may be
   * empty, for the whole input), or null when it cannot be remembered across queries.
   */
  public Set<List<Value>> paths(RuleGroup g) {
    return unknown.contains(g) ? null : paths.get(g);
  }

  private void visitTree(DocNode node) {
    if (node.group() != null) {
      group(node.group());
    }
    node.children().values().forEach(this::visitTree);
  }

  /** Works out a group's reads (once); false when they are unknown. */
  private boolean group(RuleGroup g) {
    Set<List<Value>> known = paths.get(g);
    if (known != null) {
      return known != IN_PROGRESS && !unknown.contains(g);
    }
    paths.put(g, IN_PROGRESS);
    Set<List<Value>> out = new HashSet<>();
    boolean ok = true;
    for (CompiledRule r : g.rules()) {
      ok &= rule(r, out);
    }
    paths.put(g, Set.copyOf(out));
    if (!ok) {
      unknown.add(g);
    }
    return ok;
  }

  private boolean rule(CompiledRule r, Set<List<Value>> out) {
    boolean ok = terms(r.keyPath(), out) && body(r.body(), out);
    if (r.args() != null) {
      ok &= terms(r.args(), out);
    }
    ok &= term(r.key(), out) && term(r.value(), out);
    return ok && (r.elseRule() == null || rule(r.elseRule(), out));
  }

  private boolean body(List<Literal> body, Set<List<Value>> out) {
    for (Literal l : body) {
      if (!l.withs().isEmpty() || !stmt(l.stmt(), out)) {
        return false;
      }
    }
    return true;
  }

  private boolean stmt(Stmt s, Set<List<Value>> out) {
    if (s instanceof Stmt.TermStmt t) {
      return term(t.term(), out);
    } else if (s instanceof Stmt.Unify u) {
      return term(u.left(), out) && term(u.right(), out);
    } else if (s instanceof Stmt.Assign a) {
      return term(a.left(), out) && term(a.right(), out);
    } else if (s instanceof Stmt.SomeIn si) {
      return term(si.key(), out) && term(si.value(), out) && term(si.collection(), out);
    } else if (s instanceof Stmt.Every e) {
      return term(e.key(), out)
          && term(e.value(), out)
          && term(e.domain(), out)
          && body(e.body(), out);
    }
    return true; // some x, y
  }

  private boolean terms(List<Term> terms, Set<List<Value>> out) {
    for (Term t : terms) {
      if (!term(t, out)) {
        return false;
      }
    }
    return true;
  }

  private boolean term(Term t, Set<List<Value>> out) {
    if (t == null || t instanceof Term.Scalar) {
      return true;
    } else if (t instanceof Term.Var v) {
      if (v.name().equals("input")) {
        out.add(List.of());
      }
      return !v.name().equals("data");
    } else if (t instanceof Term.Ref r) {
      return ref(r, out);
    } else if (t instanceof Term.ArrayTerm a) {
      return terms(a.items(), out);
    } else if (t instanceof Term.SetTerm s) {
      return terms(s.items(), out);
    } else if (t instanceof Term.ObjectTerm o) {
      for (Term.Entry e : o.entries()) {
        if (!term(e.key(), out) || !term(e.value(), out)) {
          return false;
        }
      }
      return true;
    } else if (t instanceof Term.Call c) {
      return call(c, out) && terms(c.args(), out);
    } else if (t instanceof Term.ArrayCompr c) {
      return term(c.head(), out) && body(c.body(), out);
    } else if (t instanceof Term.SetCompr c) {
      return term(c.head(), out) && body(c.body(), out);
    } else if (t instanceof Term.ObjectCompr c) {
      return term(c.key(), out) && term(c.value(), out) && body(c.body(), out);
    }
    return false;
  }

  private boolean call(Term.Call c, Set<List<Value>> out) {
    RuleGroup f = functions.get(c.name());
    if (f != null) {
      return include(f, out);
    }
    return !NONDETERMINISTIC.contains(c.name());
  }

  private boolean include(RuleGroup g, Set<List<Value>> out) {
    if (!group(g)) {
      return false;
    }
    out.addAll(paths.get(g));
    return true;
  }

  private boolean ref(Term.Ref r, Set<List<Value>> out) {
    if (!terms(r.path(), out)) {
      return false;
    }
    if (!(r.head() instanceof Term.Var v)) {
      return term(r.head(), out);
    }
    if (v.name().equals("input")) {
      // The constant start of the path: what lies below it is part of that value.
      List<Value> path = new ArrayList<>();
      for (Term p : r.path()) {
        if (!(p instanceof Term.Scalar s)) {
          break;
        }
        path.add(s.value());
      }
      out.add(List.copyOf(path));
      return true;
    }
    if (!v.name().equals("data")) {
      return true;
    }
    DocNode node = root;
    for (Term p : r.path()) {
      if (node.group() != null) {
        return include(node.group(), out);
      }
      if (!(p instanceof Term.Scalar s)) {
        return subtree(node, out); // a computed key may reach any rule below
      }
      node = node.child(s.value());
      if (node == null) {
        return true; // base data only
      }
    }
    return node.group() != null
        ? include(node.group(), out) && subtree(node, out)
        : subtree(node, out);
  }

  private boolean subtree(DocNode node, Set<List<Value>> out) {
    if (node.group() != null && !include(node.group(), out)) {
      return false;
    }
    for (DocNode child : node.children().values()) {
      if (!subtree(child, out)) {
        return false;
      }
    }
    return true;
  }
}
