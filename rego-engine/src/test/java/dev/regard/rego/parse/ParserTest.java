package dev.regard.rego.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.RegoError;
import dev.regard.rego.RegoException;
import dev.regard.rego.ast.Location;
import dev.regard.rego.ast.Module;
import dev.regard.rego.ast.Rule;
import dev.regard.rego.ast.Stmt;
import dev.regard.rego.ast.Term;
import dev.regard.rego.value.StringValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {

  private static RegoError parseError(String src) {
    try {
      Parser.parseModule("x.rego", src);
    } catch (RegoException e) {
      assertThat(e.code()).isEqualTo("rego_parse_error");
      return e.errors().get(0);
    }
    throw new AssertionError("expected a parse error for: " + src);
  }

  @Test
  void rejectsWhatOpaRejects() {
    assertThat(parseError("package t\np if regex.\nmatch(\"a\", \"a\")\n").message())
        .contains("whitespace");
    assertThat(parseError("package t\np if { y := 1; x = - y }\n").message())
        .isEqualTo("unexpected ident token: expected number");
    assertThat(parseError("package t\np := - -1\n").message()).contains("expected number");
    assertThat(parseError("package t\np\n").message())
        .isEqualTo("var cannot be used for rule name");
    assertThat(parseError("package t\np.a\n").message())
        .isEqualTo("`contains` keyword is required for partial set rules");
    assertThat(parseError("package t\np.a.b\n").message())
        .isEqualTo("refs cannot be used for rule");
  }

  @Test
  void readsAmbiguousFormsAsOpaDoes() {
    // A comprehension body that stops at a comma: an array whose first item is a union.
    Term array = Parser.parseTerm("[x | y, 5]");
    assertThat(array).isInstanceOf(Term.ArrayTerm.class);
    assertThat(((Term.ArrayTerm) array).items().get(0))
        .isInstanceOfSatisfying(Term.Call.class, c -> assertThat(c.name()).isEqualTo("or"));
    assertThat(Parser.parseTerm("{x | y, 5}")).isInstanceOf(Term.SetTerm.class);
    assertThat(Parser.parseTerm("{1 | 1}")).isInstanceOf(Term.SetCompr.class);
    assertThat(Parser.parseTerm("- 1")).isEqualTo(Parser.parseTerm("-1"));
    // `key, value in collection` may stand on the right of `:=`.
    Module m = Parser.parseModule("a.rego", "package t\np if { b := 0, 2 in [5, 6] }\n");
    Stmt.Assign assign = (Stmt.Assign) m.rules().get(0).body().get(0).stmt();
    assertThat(assign.right())
        .isInstanceOfSatisfying(
            Term.Call.class, c -> assertThat(c.name()).isEqualTo("internal.member_3"));
    // `if { 1 | 1 }` is one literal, a set comprehension; `if { x }` a body.
    Module sets = Parser.parseModule("b.rego", "package t\np if { 1 | 1 }\nq if { x }\n");
    assertThat(((Stmt.TermStmt) sets.rules().get(0).body().get(0).stmt()).term())
        .isInstanceOf(Term.SetCompr.class);
    assertThat(((Stmt.TermStmt) sets.rules().get(1).body().get(0).stmt()).term())
        .isInstanceOf(Term.Var.class);
  }

  @Test
  void parsesPackageImportsAndRuleForms() {
    Module m =
        Parser.parseModule(
            "a.rego",
            """
            package kafka.authz
            import rego.v1
            import data.lib.util as u
            default allow := false
            allow if input.x == 1
            names contains n if some n in input.names
            by[k] := v if some k, v in input.m
            a.b[c].d := 1 if c := "z"
            f(x, y) := x + y
            g(x) := "neg" if { x < 0 } else := "pos"
            """);
    assertThat(m.packagePath()).containsExactly("kafka", "authz");
    assertThat(m.imports()).hasSize(2);
    assertThat(m.imports().get(1).alias()).isEqualTo("u");
    List<Rule> rules = m.rules();
    assertThat(rules)
        .extracting(Rule::kind)
        .containsExactly(
            Rule.Kind.SINGLE,
            Rule.Kind.SINGLE,
            Rule.Kind.MULTI,
            Rule.Kind.SINGLE,
            Rule.Kind.SINGLE,
            Rule.Kind.FUNCTION,
            Rule.Kind.FUNCTION);
    assertThat(rules.get(0).isDefault()).isTrue();
    assertThat(rules.get(4).head().path()).hasSize(3);
    assertThat(rules.get(6).elseRule()).isNotNull();
    assertThat(rules.get(1).location()).isEqualTo(new Location("a.rego", 5, 1));
  }

  @Test
  void decodesStringsAndRawStrings() {
    Term t = Parser.parseTerm("[\"a\\tb\\u00e9\\\"\", `raw\\n`]");
    Term.ArrayTerm a = (Term.ArrayTerm) t;
    assertThat(((Term.Scalar) a.items().get(0)).value()).isEqualTo(StringValue.of("a\tbé\""));
    assertThat(((Term.Scalar) a.items().get(1)).value()).isEqualTo(StringValue.of("raw\\n"));
  }

  @Test
  void barStartsAComprehensionButIsUnionInsideParentheses() {
    assertThat(Parser.parseTerm("[x | x := 1]")).isInstanceOf(Term.ArrayCompr.class);
    assertThat(Parser.parseTerm("{k: v | k := 1; v := 2}")).isInstanceOf(Term.ObjectCompr.class);
    Term.SetTerm s = (Term.SetTerm) Parser.parseTerm("{(a | b)}");
    assertThat(((Term.Call) s.items().get(0)).name()).isEqualTo("or");
  }

  @Test
  void operatorPrecedence() {
    Term.Call eq = (Term.Call) Parser.parseTerm("1 + 2 * 3 == 7");
    assertThat(eq.name()).isEqualTo("equal");
    Term.Call plus = (Term.Call) eq.args().get(0);
    assertThat(plus.name()).isEqualTo("plus");
    assertThat(((Term.Call) plus.args().get(1)).name()).isEqualTo("mul");
    assertThat(((Term.Call) Parser.parseTerm("x in {1} == true")).name())
        .isEqualTo("internal.member_2");
  }

  @Test
  void lineBreaksSeparateBodyExpressions() {
    List<dev.regard.rego.ast.Literal> body = Parser.parseQuery("x := y\n[a, b] = z");
    assertThat(body).hasSize(2);
    assertThat(body.get(1).stmt()).isInstanceOf(Stmt.Unify.class);
    List<dev.regard.rego.ast.Literal> spanning = Parser.parseQuery("x := [\n1,\n2\n]");
    assertThat(spanning).hasSize(1);
  }

  @Test
  void errorsCarryTheirLocation() {
    RegoError e = parseError("package p\n\nallow {\n  true\n}\n");
    assertThat(e.message()).contains("`if` keyword is required");
    assertThat(e.location()).isEqualTo(new Location("x.rego", 3, 7));
    assertThat(e.toString()).startsWith("x.rego:3: rego_parse_error: ");

    assertThat(parseError("package p\np := \"unterminated\n").location().line()).isEqualTo(2);
    assertThat(parseError("package p\np := 1 +\n").location().line()).isEqualTo(3);
    assertThat(parseError("package p\np contains\n").message()).isNotEmpty();
    assertThat(parseError("p := 1").message()).contains("package expected");
    assertThat(parseError("package p\nq[x]\n").message()).contains("contains");
    assertThat(parseError("package p\np := 01\n").message()).contains("leading zero");
    assertThat(parseError("package p\np := \"\\q\"\n").message()).contains("escape");
  }

  @Test
  void someEveryAndWith() {
    List<dev.regard.rego.ast.Literal> body =
        Parser.parseQuery(
            "some x, y; some k, v in obj; every z in xs { z > 0 }; f(1) with input.a as 2 with count as g");
    assertThat(body.get(0).stmt()).isInstanceOf(Stmt.SomeDecl.class);
    assertThat(((Stmt.SomeIn) body.get(1).stmt()).key()).isNotNull();
    assertThat(body.get(2).stmt()).isInstanceOf(Stmt.Every.class);
    assertThat(body.get(3).withs()).hasSize(2);
  }
}
