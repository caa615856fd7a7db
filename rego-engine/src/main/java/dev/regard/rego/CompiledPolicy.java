package dev.regard.rego;

import dev.regard.rego.ast.Term;
import dev.regard.rego.compile.Compiler;
import dev.regard.rego.compile.Program;
import dev.regard.rego.compile.RuleGroup;
import dev.regard.rego.eval.Evaluator;
import dev.regard.rego.eval.Memo;
import dev.regard.rego.parse.Parser;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled policy. Thread-safe; evaluation takes no locks. Documents that do not change between
 * queries (rules that read no input, or only the session input named at compile time) are
 * remembered across queries: see {@link Memo}.
 */
public final class CompiledPolicy {
  private static final int MAX_CACHED_QUERIES = 1_000;

  private final Program program;
  private final boolean strict;
  private final EvalLimits limits;
  private final List<RuleInfo> rules;
  private final ConcurrentHashMap<String, List<Term>> refs = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Program.Query> queries = new ConcurrentHashMap<>();

  /** Documents remembered across queries, one memo per strictness of builtin errors. */
  private final Memo lenientMemo;

  private final Memo strictMemo;

  CompiledPolicy(Program program, boolean strict, EvalLimits limits, Set<String> sessionInput) {
    this.program = program;
    this.strict = strict;
    this.limits = limits;
    this.lenientMemo = new Memo(program, sessionInput);
    this.strictMemo = new Memo(program, sessionInput);
    List<RuleInfo> infos = new ArrayList<>();
    program.rules().forEach(r -> infos.add(new RuleInfo(r.ref(), r.location())));
    this.rules = List.copyOf(infos);
  }

  /**
   * The value of a document or rule such as {@code data.kafka.authz.allow}; empty when undefined.
   * {@code input} may be null (no input).
   */
  public Optional<Value> evaluate(String ref, Value input) throws RegoException {
    return evaluate(ref, input, EvalOptions.DEFAULT);
  }

  public Optional<Value> evaluate(String ref, Value input, EvalOptions options)
      throws RegoException {
    return Optional.ofNullable(evaluator(input, options).documentAt(path(ref)));
  }

  private List<Term> path(String ref) {
    List<Term> path = refs.get(ref);
    if (path == null) {
      path = Evaluator.pathTerms(parseRef(ref));
      if (refs.size() < MAX_CACHED_QUERIES) {
        refs.put(ref, path);
      }
    }
    return path;
  }

  /**
   * A session of queries made one after the other on one thread, such as the actions of one
   * request: each answers as {@link #evaluate(String, Value)} would, but the session reuses one
   * evaluator and the documents it computed that the next input cannot change (those that read no
   * input, and those read only under the session input while the inputs' are the same).
   */
  public Session session() {
    return new Session();
  }

  /** See {@link #session()}. Not thread-safe. */
  public final class Session {
    private Evaluator evaluator;
    private Value previous;

    private Session() {}

    public Optional<Value> evaluate(String ref, Value input) throws RegoException {
      List<Term> path = path(ref);
      if (evaluator == null) {
        evaluator = evaluator(input, EvalOptions.DEFAULT);
      } else {
        Memo memo = strict ? strictMemo : lenientMemo;
        evaluator.restart(
            input,
            nowNs(),
            System.nanoTime() + limits.deadline().toNanos(),
            memo.sameSession(previous, input));
      }
      previous = input;
      try {
        return Optional.ofNullable(evaluator.documentAt(path));
      } catch (RuntimeException e) {
        evaluator = null; // a failed query may leave it mid-way: the next starts afresh
        throw e;
      }
    }
  }

  /**
   * Every solution of a query such as {@code data.x.p = x} or {@code x := 1; y := x + 1}, in
   * evaluation order, each a map from the query's named variables to their values.
   */
  public QueryResult query(String query, Value input) throws RegoException {
    return query(query, input, EvalOptions.DEFAULT);
  }

  public QueryResult query(String query, Value input, EvalOptions options) throws RegoException {
    Program.Query q = queries.get(query);
    if (q == null) {
      q = Compiler.compileQuery(program, query);
      if (queries.size() < MAX_CACHED_QUERIES) {
        queries.put(query, q);
      }
    }
    return new QueryResult(evaluator(input, options).query(q));
  }

  /**
   * Computes now the documents that every query shares (those of rules that read no input, other
   * than {@code test_} rules), under {@code limits} rather than a query's, so that no query waits
   * for them. A document that fails to compute is left for the queries that need it, which then
   * meet the same failure.
   */
  public void prepare(EvalLimits limits) {
    Memo memo = strict ? strictMemo : lenientMemo;
    for (RuleGroup g : memo.sharedGroups()) {
      if (!g.path().isEmpty()
          && g.path().get(g.path().size() - 1) instanceof StringValue last
          && last.value().startsWith("test_")) {
        continue;
      }
      try {
        new Evaluator(
                program,
                memo,
                null,
                nowNs(),
                System.nanoTime() + limits.deadline().toNanos(),
                limits.maxSteps(),
                strict)
            .document(g.path());
      } catch (RegoException e) {
        // left for the queries that need it
      }
    }
  }

  /** Every rule of every module, with its reference and source location. */
  public List<RuleInfo> rules() {
    return rules;
  }

  /** The base data document. */
  public Value data() {
    return program.data();
  }

  private Evaluator evaluator(Value input, EvalOptions options) {
    EvalOptions o = options == null ? EvalOptions.DEFAULT : options;
    EvalLimits l = o.limits() != null ? o.limits() : limits;
    long now = o.timeNowNs() != null ? o.timeNowNs() : nowNs();
    boolean s = o.strictBuiltinErrors() != null ? o.strictBuiltinErrors() : strict;
    return new Evaluator(
        program,
        s ? strictMemo : lenientMemo,
        input,
        now,
        System.nanoTime() + l.deadline().toNanos(),
        l.maxSteps(),
        s);
  }

  private static long nowNs() {
    java.time.Instant t = java.time.Instant.now();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static List<Value> parseRef(String ref) {
    Term t = Parser.parseTerm(ref);
    List<Value> path = new ArrayList<>();
    if (t instanceof Term.Ref r && r.head() instanceof Term.Var v && v.name().equals("data")) {
      for (Term p : r.path()) {
        if (!(p instanceof Term.Scalar s)) {
          throw new RegoException(
              "rego_parse_error", "reference must be constant: " + ref, p.location());
        }
        path.add(s.value());
      }
      return List.copyOf(path);
    }
    if (t instanceof Term.Var v && v.name().equals("data")) {
      return List.of();
    }
    throw new RegoException("rego_parse_error", "expected a reference under data: " + ref, null);
  }
}
