package dev.regard.kafka.engine;

import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Location;
import dev.regard.rego.ast.Module;
import dev.regard.rego.ast.Rule;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.ast.Term;
import dev.regard.rego.bundle.Bundle;
import dev.regard.rego.bundle.BundleException;
import dev.regard.rego.parse.Parser;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A step of the activation gate: the policy must find the data it reads. A ground reference such as
 * {@code data.kafka.authz.topics} under the bundle's roots that no rule defines must exist in the
 * bundle's data; otherwise the bundle is refused, naming the reference and where it is read, since
 * every decision depending on it would silently be a deny. Test modules ({@code *_test.rego}) are
 * not the policy and are not checked; {@code with} targets replace data rather than read it.
 */
final class DataReferences {
  private DataReferences() {}

  /** A ground prefix of a data reference and where it is written. */
  private record Read(List<String> path, Location location) {}

  static void check(Bundle bundle) {
    List<Module> modules = new ArrayList<>();
    for (Map.Entry<String, String> m : bundle.modules().entrySet()) {
      modules.add(Parser.parseModule(m.getKey(), m.getValue()));
    }
    List<List<String>> defined = new ArrayList<>();
    List<Read> reads = new ArrayList<>();
    for (Module module : modules) {
      List<String> pkg = withoutData(module.packagePath());
      for (Rule rule : module.rules()) {
        List<String> path = new ArrayList<>(pkg);
        path.add(((Term.Var) rule.head().head()).name());
        path.addAll(groundPrefix(rule.head().path()));
        defined.add(path);
      }
      if (module.file().endsWith("_test.rego")) {
        continue;
      }
      for (Module.Import imp : module.imports()) {
        if (imp.path().get(0).equals("data")) {
          reads.add(new Read(imp.path().subList(1, imp.path().size()), imp.location()));
        }
      }
      module.rules().forEach(r -> rule(r, reads));
    }
    for (Read read : reads) {
      if (!underRoots(bundle.roots(), read.path())
          || isDefinedByRule(read.path(), defined)
          || present(bundle.data(), read.path())) {
        continue;
      }
      throw new BundleException(
          where(read.location())
              + "data."
              + String.join(".", read.path())
              + " is read by the policy but the bundle holds no such data and no rule defines it");
    }
  }

  private static String where(Location location) {
    return location == null ? "" : location.file() + ":" + location.line() + ": ";
  }

  private static List<String> withoutData(List<String> path) {
    return !path.isEmpty() && path.get(0).equals("data") ? path.subList(1, path.size()) : path;
  }

  /** The leading constant string segments of a reference path. */
  private static List<String> groundPrefix(List<Term> path) {
    List<String> prefix = new ArrayList<>();
    for (Term t : path) {
      if (!(t instanceof Term.Scalar s && s.value() instanceof StringValue v)) {
        break;
      }
      prefix.add(v.value());
    }
    return prefix;
  }

  private static boolean underRoots(List<String> roots, List<String> path) {
    String joined = String.join("/", path);
    for (String root : roots) {
      if (root.isEmpty() || joined.equals(root) || joined.startsWith(root + "/")) {
        return true;
      }
    }
    return false;
  }

  /** A rule defines the path, a document above it, or a document below it (a package, say). */
  private static boolean isDefinedByRule(List<String> read, List<List<String>> defined) {
    for (List<String> rule : defined) {
      int common = Math.min(rule.size(), read.size());
      if (rule.subList(0, common).equals(read.subList(0, common))) {
        return true;
      }
    }
    return false;
  }

  /** The data holds the path, or a non-object on the way (indexing into it is merely undefined). */
  private static boolean present(ObjectValue data, List<String> path) {
    Value node = data;
    for (String key : path) {
      if (!(node instanceof ObjectValue o)) {
        return true;
      }
      node = o.get(StringValue.of(key));
      if (node == null) {
        return false;
      }
    }
    return true;
  }

  private static void rule(Rule rule, List<Read> reads) {
    for (Rule r = rule; r != null; r = r.elseRule()) {
      r.head().path().forEach(t -> term(t, reads));
      if (r.args() != null) {
        r.args().forEach(t -> term(t, reads));
      }
      term(r.key(), reads);
      term(r.value(), reads);
      body(r.body(), reads);
    }
  }

  private static void body(List<Literal> body, List<Read> reads) {
    for (Literal literal : body) {
      stmt(literal.stmt(), reads);
      literal.withs().forEach(w -> term(w.value(), reads));
    }
  }

  private static void stmt(Stmt stmt, List<Read> reads) {
    if (stmt instanceof Stmt.TermStmt s) {
      term(s.term(), reads);
    } else if (stmt instanceof Stmt.Unify s) {
      term(s.left(), reads);
      term(s.right(), reads);
    } else if (stmt instanceof Stmt.Assign s) {
      term(s.left(), reads);
      term(s.right(), reads);
    } else if (stmt instanceof Stmt.SomeIn s) {
      term(s.key(), reads);
      term(s.value(), reads);
      term(s.collection(), reads);
    } else if (stmt instanceof Stmt.Every s) {
      term(s.domain(), reads);
      body(s.body(), reads);
    }
  }

  private static void term(Term term, List<Read> reads) {
    if (term instanceof Term.Ref r) {
      if (r.head() instanceof Term.Var v && v.name().equals("data")) {
        List<String> prefix = groundPrefix(r.path());
        if (!prefix.isEmpty()) {
          reads.add(new Read(prefix, r.location()));
        }
      } else {
        term(r.head(), reads);
      }
      r.path().forEach(t -> term(t, reads));
    } else if (term instanceof Term.ArrayTerm a) {
      a.items().forEach(t -> term(t, reads));
    } else if (term instanceof Term.SetTerm s) {
      s.items().forEach(t -> term(t, reads));
    } else if (term instanceof Term.ObjectTerm o) {
      for (Term.Entry e : o.entries()) {
        term(e.key(), reads);
        term(e.value(), reads);
      }
    } else if (term instanceof Term.Call c) {
      c.args().forEach(t -> term(t, reads));
    } else if (term instanceof Term.ArrayCompr c) {
      term(c.head(), reads);
      body(c.body(), reads);
    } else if (term instanceof Term.SetCompr c) {
      term(c.head(), reads);
      body(c.body(), reads);
    } else if (term instanceof Term.ObjectCompr c) {
      term(c.key(), reads);
      term(c.value(), reads);
      body(c.body(), reads);
    }
  }
}
