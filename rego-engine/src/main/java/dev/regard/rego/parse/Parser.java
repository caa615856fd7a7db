package dev.regard.rego.parse;

import dev.regard.rego.RegoException;
import dev.regard.rego.ast.Literal;
import dev.regard.rego.ast.Location;
import dev.regard.rego.ast.Module;
import dev.regard.rego.ast.Rule;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.ast.Term;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A recursive-descent parser for Rego v1 modules, queries and terms. Errors are {@code
 * rego_parse_error} with the location of the offending token.
 */
public final class Parser {
  private static final int MAX_NESTING = 200;
  private static final Map<String, String> RELATIONS =
      Map.of("==", "equal", "!=", "neq", "<", "lt", "<=", "lte", ">", "gt", ">=", "gte");
  private static final Map<String, String> ARITH = Map.of("+", "plus", "-", "minus");
  private static final Map<String, String> FACTOR = Map.of("*", "mul", "/", "div", "%", "rem");

  private final List<Token> tokens;
  private int pos;
  private int depth; // bracket nesting: line breaks only end expressions at depth 0
  private int nesting; // recursion guard
  private int wildcards;
  private int barBlockedDepth = -1; // where `|` ends a comprehension head instead of meaning union

  private Parser(String file, String source) {
    this.tokens = Lexer.tokenize(file, source);
  }

  /** Parses a module. */
  public static Module parseModule(String file, String source) {
    return new Parser(file, source).module();
  }

  /** Parses a query: body expressions separated by semicolons or line breaks. */
  public static List<Literal> parseQuery(String source) {
    Parser p = new Parser("query", source);
    List<Literal> body = p.literals("");
    if (body.isEmpty()) {
      throw p.error(p.peek(), "empty query");
    }
    p.expectEof();
    return body;
  }

  /** Parses a single term. */
  public static Term parseTerm(String source) {
    Parser p = new Parser("term", source);
    Term t = p.expr();
    p.expectEof();
    return t;
  }

  // ---------------------------------------------------------------- module structure

  private Module module() {
    Token pkg = peek();
    if (!pkg.is("package")) {
      throw error(pkg, "package expected");
    }
    next();
    List<String> pkgPath = namePath(true);
    List<Module.Import> imports = new ArrayList<>();
    while (peek().is("import")) {
      Token imp = next();
      List<String> path = namePath(false);
      String alias = null;
      if (peek().is("as")) {
        next();
        alias = ident();
      }
      String root = path.get(0);
      if (!root.equals("data")
          && !root.equals("input")
          && !root.equals("future")
          && !root.equals("rego")) {
        throw error(imp, "invalid import path: must begin with input or data");
      }
      imports.add(new Module.Import(path, alias, imp.location()));
    }
    List<Rule> rules = new ArrayList<>();
    while (peek().kind() != Token.Kind.EOF) {
      rules.add(rule());
    }
    return new Module(pkg.location().file(), pkgPath, pkg.location(), imports, rules);
  }

  /** A dotted name path: {@code a.b["c"]}; for packages the implicit {@code data} is omitted. */
  private List<String> namePath(boolean isPackage) {
    List<String> path = new ArrayList<>();
    path.add(ident());
    while (peek().is(".") || peek().is("[")) {
      if (next().is(".")) {
        path.add(ident());
      } else {
        Token s = next();
        if (s.kind() != Token.Kind.STRING) {
          throw error(s, "expected string in path");
        }
        path.add(s.text());
        expect("]");
      }
    }
    if (isPackage && path.get(0).equals("data")) {
      path.remove(0);
    }
    return path;
  }

  private Rule rule() {
    Token start = peek();
    boolean isDefault = false;
    if (start.is("default")) {
      next();
      isDefault = true;
    }
    if (peek().kind() != Token.Kind.IDENT) {
      throw error(peek(), "unexpected " + describe(peek()) + ", expected rule");
    }
    Term.Ref head = ruleRef();
    List<Term> args = null;
    if (peek().is("(") && !peek().newlineBefore()) {
      next();
      depth++;
      args = new ArrayList<>();
      if (!peek().is(")")) {
        do {
          args.add(expr());
        } while (accept(","));
      }
      expect(")");
      depth--;
    }
    Term key = null;
    Term value = null;
    Rule.Kind kind = args != null ? Rule.Kind.FUNCTION : Rule.Kind.SINGLE;
    if (peek().is("contains") && args == null) {
      next();
      key = infixTerm();
      kind = Rule.Kind.MULTI;
    } else if (peek().is(":=") || peek().is("=")) {
      next();
      value = infixTerm();
    }
    if (isDefault) {
      if (value == null || kind == Rule.Kind.MULTI) {
        throw error(start, "default rules must have a value assigned");
      }
      if (peek().is("if") || peek().is("{")) {
        throw error(peek(), "default rules cannot have a body");
      }
      return new Rule(start.location(), kind, true, head, args, null, value, List.of(), null);
    }
    if (kind == Rule.Kind.SINGLE && value == null && !peek().is("if")) {
      if (peek().is("{")) {
        throw error(peek(), "`if` keyword is required before rule body");
      }
      // As OPA reads a bare reference at module level: a statement, which is no rule.
      if (head.path().isEmpty()) {
        throw error(start, "var cannot be used for rule name");
      }
      throw error(
          start,
          head.path().size() == 1
              ? "`contains` keyword is required for partial set rules"
              : "refs cannot be used for rule");
    }
    List<Literal> body = ruleBody(start, value != null || key != null);
    Rule elseRule = null;
    if (peek().is("else")) {
      if (kind == Rule.Kind.MULTI || (kind == Rule.Kind.SINGLE && !isGroundRef(head))) {
        throw error(peek(), "else keyword cannot be used on multi-value rules");
      }
      elseRule = elseChain(kind, head, args);
    }
    return new Rule(start.location(), kind, false, head, args, key, value, body, elseRule);
  }

  private static boolean isGroundRef(Term.Ref ref) {
    for (Term t : ref.path()) {
      if (!(t instanceof Term.Scalar)) {
        return false;
      }
    }
    return true;
  }

  private Rule elseChain(Rule.Kind kind, Term.Ref head, List<Term> args) {
    enter();
    try {
      return elseLink(kind, head, args);
    } finally {
      nesting--;
    }
  }

  private Rule elseLink(Rule.Kind kind, Term.Ref head, List<Term> args) {
    Token e = next();
    Term value = null;
    if (peek().is(":=") || peek().is("=")) {
      next();
      value = infixTerm();
    }
    List<Literal> body = ruleBody(e, true);
    Rule elseRule = null;
    if (peek().is("else")) {
      elseRule = elseChain(kind, head, args);
    }
    return new Rule(e.location(), kind, false, head, args, null, value, body, elseRule);
  }

  /** {@code if { ... }}, {@code if expr}, or nothing (when the rule has a value). */
  private List<Literal> ruleBody(Token start, boolean bodyOptional) {
    if (peek().is("if")) {
      next();
      if (peek().is("{")) {
        // As in OPA, `if {` is first read as one literal (`p if { 1 | 1 }` is a set comprehension);
        // when that fails or yields a set literal (`{ x }`), the braces hold a body.
        int mark = pos;
        int savedWildcards = wildcards;
        try {
          Literal single = literal();
          if (!(single.stmt() instanceof Stmt.TermStmt ts && ts.term() instanceof Term.SetTerm)
              && (peek().newlineBefore() || peek().is("else") || peek().is("{"))) {
            return List.of(single);
          }
        } catch (RegoException e) {
          // not a single literal
        }
        pos = mark;
        wildcards = savedWildcards;
        return braceBody();
      }
      return List.of(literal());
    }
    if (peek().is("{")) {
      throw error(peek(), "`if` keyword is required before rule body");
    }
    if (!bodyOptional && !peek().newlineBefore() && peek().kind() != Token.Kind.EOF) {
      throw error(peek(), "unexpected " + describe(peek()));
    }
    return List.of();
  }

  private NumberValue number(String text, Token at) {
    try {
      return NumberValue.parse(text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw error(at, "invalid number: " + text);
    }
  }

  private List<Literal> braceBody() {
    Token open = expect("{");
    int saved = depth;
    depth = 0;
    List<Literal> body = literals("}");
    depth = saved;
    if (body.isEmpty()) {
      throw error(open, "found empty body");
    }
    expect("}");
    return body;
  }

  /** A rule head reference: {@code name} followed by {@code .name} or {@code [term]} parts. */
  private Term.Ref ruleRef() {
    Token name = next();
    checkNotKeyword(name);
    List<Term> path = new ArrayList<>();
    while (!peek().newlineBefore() && (peek().is(".") || peek().is("["))) {
      if (next().is(".")) {
        Token part = next();
        if (part.kind() != Token.Kind.IDENT) {
          throw error(part, "expected name after '.'");
        }
        path.add(new Term.Scalar(StringValue.of(part.text()), part.location()));
      } else {
        depth++;
        path.add(expr());
        depth--;
        expect("]");
      }
    }
    return new Term.Ref(new Term.Var(name.text(), name.location()), path, name.location());
  }

  // ---------------------------------------------------------------- bodies

  /** Body literals until {@code end} (a closing punctuation, or "" for end of input). */
  private List<Literal> literals(String end) {
    List<Literal> out = new ArrayList<>();
    while (!atEnd(end)) {
      out.add(literal());
      if (atEnd(end)) {
        break;
      }
      if (accept(";")) {
        continue;
      }
      if (!peek().newlineBefore()) {
        throw error(peek(), "unexpected " + describe(peek()));
      }
    }
    return out;
  }

  private boolean atEnd(String end) {
    Token t = peek();
    return t.kind() == Token.Kind.EOF || (!end.isEmpty() && t.is(end));
  }

  private Literal literal() {
    enter();
    try {
      Token start = peek();
      if (start.is("some")) {
        next();
        return withs(false, some(start), start);
      }
      if (start.is("every")) {
        next();
        return withs(false, every(start), start);
      }
      boolean negated = false;
      if (start.is("not")) {
        next();
        negated = true;
        if (peek().is("{")) {
          Literal body = negatedBody(start);
          if (body != null) {
            return body;
          }
        }
      }
      Stmt stmt = exprStmt();
      return withs(negated, stmt, start);
    } finally {
      nesting--;
    }
  }

  /**
   * {@code not { a; b }}: true when the body has no solution. Expressed as the negation of a
   * reference into a comprehension over the body. Null when the braces hold a term instead.
   */
  private Literal negatedBody(Token start) {
    int mark = pos;
    int savedWildcards = wildcards;
    List<Literal> body;
    try {
      body = braceBody();
    } catch (RegoException e) {
      pos = mark;
      wildcards = savedWildcards;
      return null;
    }
    Location loc = start.location();
    Term compr = new Term.ArrayCompr(new Term.Scalar(BooleanValue.TRUE, loc), body, loc);
    Term any = new Term.Ref(compr, List.of(new Term.Var("$_" + (wildcards++), loc)), loc);
    return withs(true, new Stmt.TermStmt(any), start);
  }

  private Literal withs(boolean negated, Stmt stmt, Token start) {
    List<Literal.With> withs = new ArrayList<>();
    while (peek().is("with")) {
      Token w = next();
      Term target = expr();
      if (!(target instanceof Term.Ref) && !(target instanceof Term.Var)) {
        throw error(w, "with target must be a reference");
      }
      if (!peek().is("as")) {
        throw error(peek(), "expected as");
      }
      next();
      Term value = infixTerm();
      withs.add(new Literal.With(target, value, w.location()));
    }
    return new Literal(negated, stmt, withs, start.location());
  }

  private Stmt some(Token start) {
    List<Term> terms = new ArrayList<>();
    terms.add(relation());
    while (accept(",")) {
      terms.add(relation());
    }
    if (peek().is("in")) {
      next();
      if (terms.size() > 2) {
        throw error(start, "unexpected , in some declaration");
      }
      Term coll = relation();
      return terms.size() == 2
          ? new Stmt.SomeIn(terms.get(0), terms.get(1), coll)
          : new Stmt.SomeIn(null, terms.get(0), coll);
    }
    List<Term.Var> vars = new ArrayList<>();
    for (Term t : terms) {
      if (!(t instanceof Term.Var v)) {
        throw error(start, "expected var in some declaration");
      }
      vars.add(v);
    }
    return new Stmt.SomeDecl(vars);
  }

  private Stmt every(Token start) {
    Term first = relation();
    Term key = null;
    Term value = first;
    if (accept(",")) {
      key = first;
      value = relation();
    }
    if (!peek().is("in")) {
      throw error(peek(), "expected in after every");
    }
    next();
    Term domain = relation();
    List<Literal> body = braceBody();
    if (!(value instanceof Term.Var) || (key != null && !(key instanceof Term.Var))) {
      throw error(start, "every: expected variables before in");
    }
    return new Stmt.Every(key, value, domain, body);
  }

  private Stmt exprStmt() {
    Term left = infixTerm();
    if (peek().is(",") && depth == 0) {
      throw error(peek(), "unexpected , in expression");
    }
    if (peek().is(":=")) {
      next();
      return new Stmt.Assign(left, infixTerm());
    }
    if (peek().is("=")) {
      next();
      return new Stmt.Unify(left, infixTerm());
    }
    return new Stmt.TermStmt(left);
  }

  /**
   * An expression where, as in OPA, {@code key, value in collection} may also stand: statements,
   * either side of {@code :=} and {@code =}, rule values, {@code with} values, reference keys.
   */
  private Term infixTerm() {
    enter();
    try {
      Term left = relation();
      if (peek().is(",")) {
        int mark = pos;
        int savedWildcards = wildcards;
        next();
        try {
          Term value = relation();
          if (peek().is("in")) {
            Token in = next();
            Term member =
                new Term.Call("internal.member_3", List.of(left, value, relation()), in.location());
            return moreIn(member);
          }
        } catch (RegoException e) {
          // not a key-value membership: the comma belongs to the caller
        }
        pos = mark;
        wildcards = savedWildcards;
      }
      return moreIn(left);
    } finally {
      nesting--;
    }
  }

  // ---------------------------------------------------------------- terms by precedence

  private Term expr() {
    enter();
    try {
      Term left = relation();
      while (continues("in")) {
        Token op = next();
        Term right = relation();
        left = new Term.Call("internal.member_2", List.of(left, right), op.location());
      }
      return left;
    } finally {
      nesting--;
    }
  }

  /** Further {@code in} operators applied to a membership result. */
  private Term moreIn(Term left) {
    while (continues("in")) {
      Token op = next();
      left = new Term.Call("internal.member_2", List.of(left, relation()), op.location());
    }
    return left;
  }

  private Term relation() {
    Term left = or();
    while (peek().kind() == Token.Kind.PUNCT
        && RELATIONS.containsKey(peek().text())
        && continues(peek().text())) {
      Token op = next();
      left = new Term.Call(RELATIONS.get(op.text()), List.of(left, or()), op.location());
    }
    return left;
  }

  private Term or() {
    Term left = and();
    while (continues("|") && depth != barBlockedDepth) {
      Token op = next();
      left = new Term.Call("or", List.of(left, and()), op.location());
    }
    return left;
  }

  private Term and() {
    Term left = arith();
    while (continues("&")) {
      Token op = next();
      left = new Term.Call("and", List.of(left, arith()), op.location());
    }
    return left;
  }

  private Term arith() {
    Term left = factor();
    while (peek().kind() == Token.Kind.PUNCT
        && ARITH.containsKey(peek().text())
        && continues(peek().text())) {
      Token op = next();
      left = new Term.Call(ARITH.get(op.text()), List.of(left, factor()), op.location());
    }
    return left;
  }

  private Term factor() {
    Term left = unary();
    while (peek().kind() == Token.Kind.PUNCT
        && FACTOR.containsKey(peek().text())
        && continues(peek().text())) {
      Token op = next();
      left = new Term.Call(FACTOR.get(op.text()), List.of(left, unary()), op.location());
    }
    return left;
  }

  /** Whether the next token is the binary operator {@code op} continuing this expression. */
  private boolean continues(String op) {
    Token t = peek();
    return t.is(op) && (depth > 0 || !t.newlineBefore());
  }

  private Term unary() {
    enter();
    try {
      return unaryTerm();
    } finally {
      nesting--;
    }
  }

  private Term unaryTerm() {
    Token t = peek();
    if (t.is("-")) {
      // As in OPA, a minus sign only negates a number literal: `- -1` and `- x` are errors.
      next();
      Token n = peek();
      if (n.kind() != Token.Kind.NUMBER) {
        throw error(n, "unexpected " + describe(n) + ": expected number");
      }
      next();
      return postfix(new Term.Scalar(number("-" + n.text(), n), t.location()));
    }
    return postfix(primary());
  }

  private Term primary() {
    enter();
    try {
      Token t = next();
      Location loc = t.location();
      switch (t.kind()) {
        case NUMBER:
          return new Term.Scalar(number(t.text(), t), loc);
        case STRING:
          return new Term.Scalar(StringValue.of(t.text()), loc);
        case IDENT:
          return identTerm(t);
        case EOF:
          throw error(t, "unexpected eof token");
        default:
          break;
      }
      switch (t.text()) {
        case "(":
          {
            depth++;
            Term inner = expr();
            if (peek().is(",")) {
              // (key, value in collection)
              next();
              Term value = relation();
              Token in = peek();
              if (!in.is("in")) {
                throw error(in, "expected in but got " + describe(in));
              }
              next();
              inner =
                  new Term.Call(
                      "internal.member_3", List.of(inner, value, relation()), in.location());
            }
            depth--;
            expect(")");
            return inner;
          }
        case "[":
          return arrayTerm(t);
        case "{":
          return braceTerm(t);
        default:
          throw error(t, "unexpected " + describe(t));
      }
    } finally {
      nesting--;
    }
  }

  private Term identTerm(Token t) {
    Location loc = t.location();
    switch (t.text()) {
      case "null":
        return new Term.Scalar(NullValue.INSTANCE, loc);
      case "true":
        return new Term.Scalar(BooleanValue.TRUE, loc);
      case "false":
        return new Term.Scalar(BooleanValue.FALSE, loc);
      default:
        break;
    }
    if (!(t.text().equals("contains") && peek().is("("))) {
      checkNotKeyword(t); // `contains` is also a builtin's name
    }
    if (t.text().equals("_")) {
      return new Term.Var("$_" + (wildcards++), loc);
    }
    // A dotted name followed by '(' is a call.
    if (peek().is("(") && !peek().newlineBefore()) {
      return call(t.text(), loc);
    }
    int mark = pos;
    StringBuilder name = new StringBuilder(t.text());
    while (peek().is(".")
        && !peek().spaceBefore()
        && tokens.get(pos + 1).kind() == Token.Kind.IDENT
        && !tokens.get(pos + 1).spaceBefore()) {
      name.append('.').append(tokens.get(pos + 1).text());
      pos += 2;
      if (peek().is("(") && !peek().newlineBefore()) {
        return call(name.toString(), loc);
      }
    }
    pos = mark;
    if (t.text().equals("set") && peek().is("(")) {
      next();
      expect(")");
      return new Term.SetTerm(List.of(), loc);
    }
    return new Term.Var(t.text(), loc);
  }

  private Term call(String name, Location loc) {
    if (name.equals("set")) {
      expect("(");
      expect(")");
      return new Term.SetTerm(List.of(), loc);
    }
    expect("(");
    depth++;
    List<Term> args = new ArrayList<>();
    while (!peek().is(")")) {
      args.add(expr());
      if (!accept(",")) {
        break;
      }
    }
    depth--;
    expect(")");
    return new Term.Call(name, args, loc);
  }

  /** Reference parts after a term: {@code .name} and {@code [term]}. */
  private Term postfix(Term base) {
    List<Term> path = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.newlineBefore() && depth == 0) {
        break;
      }
      if (t.is(".") && tokens.get(pos + 1).kind() == Token.Kind.IDENT) {
        next();
        Token n = next();
        if (t.spaceBefore() || n.spaceBefore()) {
          throw error(t.spaceBefore() ? t : n, "unexpected whitespace in reference");
        }
        path.add(new Term.Scalar(StringValue.of(n.text()), n.location()));
      } else if (t.is("[")) {
        next();
        depth++;
        path.add(infixTerm());
        depth--;
        expect("]");
      } else {
        break;
      }
    }
    if (path.isEmpty()) {
      return base;
    }
    if (base instanceof Term.Scalar) {
      throw error(peek(), "illegal ref (head cannot be scalar)");
    }
    if (base instanceof Term.Ref r) {
      List<Term> all = new ArrayList<>(r.path());
      all.addAll(path);
      return new Term.Ref(r.head(), all, r.location());
    }
    return new Term.Ref(base, path, base.location());
  }

  private Term arrayTerm(Token open) {
    depth++;
    try {
      if (accept("]")) {
        return new Term.ArrayTerm(List.of(), open.location());
      }
      int start = pos;
      int startWildcards = wildcards;
      Term first = headTerm();
      if (peek().is("|")) {
        List<Literal> body = comprehensionBodyUnlessList("]", start, startWildcards);
        if (body != null) {
          return new Term.ArrayCompr(first, body, open.location());
        }
        first = expr();
      }
      List<Term> items = new ArrayList<>();
      items.add(first);
      while (accept(",")) {
        if (peek().is("]")) {
          break;
        }
        items.add(expr());
      }
      expect("]");
      return new Term.ArrayTerm(items, open.location());
    } finally {
      depth--;
    }
  }

  private Term braceTerm(Token open) {
    depth++;
    try {
      if (accept("}")) {
        return new Term.ObjectTerm(List.of(), open.location());
      }
      int start = pos;
      int startWildcards = wildcards;
      Term first = headTerm();
      if (accept(":")) {
        Term value = headTerm();
        if (accept("|")) {
          List<Literal> body = comprehensionBody("}");
          return new Term.ObjectCompr(first, value, body, open.location());
        }
        List<Term.Entry> entries = new ArrayList<>();
        entries.add(new Term.Entry(first, value));
        while (accept(",")) {
          if (peek().is("}")) {
            break;
          }
          Term k = expr();
          expect(":");
          entries.add(new Term.Entry(k, expr()));
        }
        expect("}");
        return new Term.ObjectTerm(entries, open.location());
      }
      if (peek().is("|")) {
        List<Literal> body = comprehensionBodyUnlessList("}", start, startWildcards);
        if (body != null) {
          return new Term.SetCompr(first, body, open.location());
        }
        first = expr();
      }
      List<Term> items = new ArrayList<>();
      items.add(first);
      while (accept(",")) {
        if (peek().is("}")) {
          break;
        }
        items.add(expr());
      }
      expect("}");
      return new Term.SetTerm(items, open.location());
    } finally {
      depth--;
    }
  }

  /** The first term in brackets, where a top-level {@code |} starts a comprehension body. */
  private Term headTerm() {
    int saved = barBlockedDepth;
    barBlockedDepth = depth;
    try {
      return expr();
    } finally {
      barBlockedDepth = saved;
    }
  }

  /**
   * The body after a comprehension's {@code |}; or, as in OPA, null when the body stops at a comma:
   * then the brackets hold a list whose first item is a union ({@code [a | b, c]}), and parsing
   * resumes at {@code start}.
   */
  private List<Literal> comprehensionBodyUnlessList(String close, int start, int startWildcards) {
    int savedDepth = depth;
    expect("|");
    try {
      return comprehensionBody(close);
    } catch (RegoException e) {
      if (!peek().is(",")) {
        throw e;
      }
      depth = savedDepth;
      pos = start;
      wildcards = startWildcards;
      return null;
    }
  }

  private List<Literal> comprehensionBody(String close) {
    int saved = depth;
    depth = 0;
    List<Literal> body = literals(close);
    depth = saved;
    if (body.isEmpty()) {
      throw error(peek(), "found empty body");
    }
    expect(close);
    return body;
  }

  // ---------------------------------------------------------------- helpers

  private static final java.util.Set<String> KEYWORDS =
      java.util.Set.of(
          "package",
          "import",
          "as",
          "default",
          "else",
          "if",
          "contains",
          "some",
          "every",
          "in",
          "not",
          "with");

  private void checkNotKeyword(Token t) {
    if (KEYWORDS.contains(t.text())) {
      throw error(t, "unexpected " + t.text() + " keyword");
    }
  }

  private String ident() {
    Token t = next();
    if (t.kind() != Token.Kind.IDENT) {
      throw error(t, "expected identifier but got " + describe(t));
    }
    return t.text();
  }

  private void enter() {
    if (++nesting > MAX_NESTING) {
      nesting = 0;
      throw error(peek(), "nesting too deep");
    }
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Token.Kind.EOF) {
      pos++;
    }
    return t;
  }

  private boolean accept(String punct) {
    if (peek().is(punct) && peek().kind() == Token.Kind.PUNCT) {
      pos++;
      return true;
    }
    return false;
  }

  private Token expect(String punct) {
    Token t = peek();
    if (!(t.kind() == Token.Kind.PUNCT && t.text().equals(punct))) {
      throw error(t, "expected " + punct + " but got " + describe(t));
    }
    return next();
  }

  private void expectEof() {
    if (peek().kind() != Token.Kind.EOF) {
      throw error(peek(), "unexpected " + describe(peek()));
    }
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case EOF -> "eof token";
      case STRING -> "string token";
      case NUMBER -> "number token";
      case IDENT -> "ident token";
      case PUNCT -> "token " + t.text();
    };
  }

  private RegoException error(Token at, String message) {
    return new RegoException("rego_parse_error", message, at.location());
  }
}
