package dev.regard.rego.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.CompiledPolicy;
import dev.regard.rego.EvalLimits;
import dev.regard.rego.EvalOptions;
import dev.regard.rego.Rego;
import dev.regard.rego.RegoException;
import dev.regard.rego.builtins.BuiltinRegistry;
import dev.regard.rego.builtins.StandardBuiltins;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Documents remembered across queries: rules that read no input are computed once per compiled
 * policy, rules that read only the session input once per distinct value; everything else, and
 * everything under {@code with}, as before. A builtin that counts its calls shows what was
 * computed.
 */
class MemoTest {
  private final AtomicInteger calls = new AtomicInteger();

  private static final String POLICY =
      """
      package p

      index contains x if { some x in data.names; touch(x) }

      caller := touch(sprintf("%s:%s", [input.principal.type, input.principal.name]))

      allow if { some name in index; name == caller; input.action == "read" }

      nested if { caller with input.principal.name as "bob" }
      """;

  private CompiledPolicy compile() {
    return compile(POLICY);
  }

  private CompiledPolicy compile(String module) {
    BuiltinRegistry.Builder registry = BuiltinRegistry.builder();
    StandardBuiltins.registry().all().forEach(registry::add);
    registry.add(
        "touch",
        1,
        (ctx, args) -> {
          calls.incrementAndGet();
          return args[0];
        });
    return Rego.builder()
        .builtins(registry.build())
        .module("p.rego", module)
        .data(
            ObjectValue.of(
                StringValue.of("names"), Rego.parseValue("[\"User:alice\", \"User:bob\"]")))
        .sessionInput("principal")
        .compile();
  }

  private static Value input(String name, String action) {
    return Rego.parseValue(
        "{\"principal\": {\"type\": \"User\", \"name\": \"%s\"}, \"action\": \"%s\"}"
            .formatted(name, action));
  }

  @Test
  void groupsReadingTheSameMembersShareAKeyThatStillTellsInputsApart() {
    CompiledPolicy policy =
        compile(
            """
            package p

            forward := touch(concat("/", [input.principal.type, input.principal.name]))

            backward := touch(concat("/", [input.principal.name, input.principal.type]))

            both := [forward, backward]
            """);
    Value ab = Rego.parseValue("{\"principal\": {\"type\": \"a\", \"name\": \"b\"}}");
    Value ba = Rego.parseValue("{\"principal\": {\"type\": \"b\", \"name\": \"a\"}}");
    assertThat(policy.evaluate("data.p.both", ab)).contains(Rego.parseValue("[\"a/b\", \"b/a\"]"));
    assertThat(calls.get()).isEqualTo(2);
    assertThat(policy.evaluate("data.p.backward", ab)).contains(StringValue.of("b/a"));
    assertThat(calls.get()).as("remembered for these values").isEqualTo(2);
    // The same values under the other members: another key for every group.
    assertThat(policy.evaluate("data.p.both", ba)).contains(Rego.parseValue("[\"b/a\", \"a/b\"]"));
    assertThat(policy.evaluate("data.p.forward", ba)).contains(StringValue.of("b/a"));
    assertThat(calls.get()).isEqualTo(4);
  }

  @Test
  void documentsThatDoNotChangeAreComputedOnce() {
    CompiledPolicy policy = compile();
    assertThat(policy.evaluate("data.p.allow", input("alice", "read"))).contains(BooleanValue.TRUE);
    assertThat(calls.get()).as("the index (two names) and alice's identity").isEqualTo(3);

    assertThat(policy.evaluate("data.p.allow", input("alice", "write"))).isEmpty();
    assertThat(calls.get()).as("nothing new: index and alice are remembered").isEqualTo(3);

    assertThat(policy.evaluate("data.p.allow", input("bob", "read"))).contains(BooleanValue.TRUE);
    assertThat(calls.get()).as("bob's identity only").isEqualTo(4);

    assertThat(policy.evaluate("data.p.allow", input("carol", "read"))).isEmpty();
    assertThat(calls.get()).isEqualTo(5);
  }

  @Test
  void aSessionAnswersEachInputAsASeparateQueryWould() {
    CompiledPolicy policy = compile();
    CompiledPolicy.Session session = policy.session();
    String[][] inputs = {
      {"alice", "read"},
      {"alice", "write"},
      {"bob", "read"},
      {"bob", "read"},
      {"carol", "read"},
      {"alice", "read"}
    };
    for (String[] in : inputs) {
      Value input = input(in[0], in[1]);
      for (String ref : new String[] {"data.p.allow", "data.p.caller", "data.p.nested"}) {
        assertThat(session.evaluate(ref, input))
            .as("%s for %s %s", ref, in[0], in[1])
            .isEqualTo(compile().evaluate(ref, input));
      }
    }
    assertThat(session.evaluate("data.p.allow", null)).isEmpty();
    assertThat(session.evaluate("data.p.caller", input("dave", "read")))
        .contains(StringValue.of("User:dave"));
  }

  @Test
  void aSessionGoesOnAfterAFailedQuery() {
    CompiledPolicy policy =
        Rego.builder()
            .module(
                "p.rego",
                """
                package p
                who := input.principal.name
                n := to_number(input.n)
                """)
            .strictBuiltinErrors(true)
            .sessionInput("principal")
            .compile();
    CompiledPolicy.Session session = policy.session();
    Value alice = Rego.parseValue("{\"principal\": {\"name\": \"alice\"}, \"n\": \"x\"}");
    assertThatThrownBy(() -> session.evaluate("data.p.n", alice)).isInstanceOf(RegoException.class);
    assertThat(session.evaluate("data.p.who", alice)).contains(StringValue.of("alice"));
    Value bob = Rego.parseValue("{\"principal\": {\"name\": \"bob\"}, \"n\": \"2\"}");
    assertThat(session.evaluate("data.p.who", bob)).contains(StringValue.of("bob"));
    assertThat(session.evaluate("data.p.n", bob)).contains(Rego.parseValue("2"));
  }

  @Test
  void withReplacingInputSeesTheReplacedValue() {
    CompiledPolicy policy = compile();
    assertThat(policy.evaluate("data.p.caller", input("alice", "read")))
        .contains(StringValue.of("User:alice"));
    assertThat(policy.evaluate("data.p.nested", input("alice", "read")))
        .contains(BooleanValue.TRUE);
    assertThat(
            policy
                .query(
                    "x := data.p.caller with input.principal.name as \"eve\"",
                    input("alice", "read"))
                .bindings())
        .containsExactly(Map.of("x", StringValue.of("User:eve")));
    assertThat(policy.evaluate("data.p.caller", input("alice", "read")))
        .contains(StringValue.of("User:alice"));
  }

  @Test
  void withReplacingDataIsNotAnsweredFromMemory() {
    CompiledPolicy policy = compile();
    assertThat(policy.evaluate("data.p.allow", input("carol", "read"))).isEmpty();
    assertThat(
            policy
                .query("data.p.allow with data.names as [\"User:carol\"]", input("carol", "read"))
                .bindings())
        .as("the index is computed afresh under with")
        .hasSize(1);
    assertThat(policy.evaluate("data.p.allow", input("carol", "read"))).isEmpty();
  }

  @Test
  void preparingComputesSharedDocumentsBeforeAnyQuery() {
    CompiledPolicy policy = compile();
    policy.prepare(new EvalLimits(Duration.ofSeconds(10), 1_000_000));
    assertThat(calls.get()).as("the index only").isEqualTo(2);
    assertThat(policy.evaluate("data.p.allow", input("bob", "read"))).contains(BooleanValue.TRUE);
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void rememberedDocumentsAreNotChargedAgain() {
    // A query pays the steps of the work it does: a document remembered from an earlier query
    // costs it nothing.
    String policy =
        """
        package p
        a := count([x | some x in numbers.range(1, 1500)])
        allow if { a == 1500 }
        """;
    EvalOptions tight = new EvalOptions(null, new EvalLimits(Duration.ofSeconds(10), 1_000), null);
    CompiledPolicy fresh = Rego.builder().module("p.rego", policy).compile();
    assertThatThrownBy(() -> fresh.evaluate("data.p.allow", null, tight))
        .isInstanceOf(RegoException.class)
        .hasMessageContaining("step limit");
    assertThat(fresh.evaluate("data.p.allow", null)).contains(BooleanValue.TRUE);
    assertThat(fresh.evaluate("data.p.allow", null, tight)).contains(BooleanValue.TRUE);
  }
}
