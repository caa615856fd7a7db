package dev.regard.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Feeds the parsing-heavy builtins (format strings, templates, globs, patterns, unit strings,
 * numbers) random input made of their metacharacters: each call must either return a value or fail
 * with a {@link BuiltinException}, never with another exception.
 */
class StringsBuiltinsRobustnessTest {
  private static final String ALPHABET =
      "%%dvsxqfeg.0123456789*-+# []{}()!?,\\$\"`|:=abc{{}}.\u00e9\uD83D\uDE00\n";
  private static final String[] NUMBERS = {
    "0", "1", "-1", "2.5", "-3.7", "1e3", "16", "1e400", "1e-400", "99999999999999999999", "-0.5"
  };
  private static final String[][] CALLS = {
    {"sprintf", "text", "array"},
    {"strings.render_template", "text", "object"},
    {"glob.match", "text", "delimiters", "text"},
    {"units.parse", "text"},
    {"units.parse_bytes", "text"},
    {"regex.replace", "text", "text", "text"},
    {"regex.split", "text", "text"},
    {"regex.globs_match", "text", "text"},
    {"regex.template_match", "text", "text", "char", "char"},
    {"to_number", "text"},
    {"format_int", "number", "number"},
    {"substring", "text", "number", "number"},
    {"strings.split_n", "text", "text", "number"},
    {"strings.replace_n", "patterns", "text"},
    {"indexof_n", "text", "text"},
    {"numbers.range", "number", "number"},
    {"div", "number", "number"},
    {"round", "number"},
    {"bits.lsh", "number", "number"},
  };

  @Test
  void randomInputFailsOnlyWithBuiltinErrors() {
    BuiltinRegistry registry = StandardBuiltins.registry();
    SplittableRandom random = new SplittableRandom(20_241_124);
    List<String> unexpected = new ArrayList<>();
    int succeeded = 0;
    for (int i = 0; i < 20_000; i++) {
      String[] call = CALLS[random.nextInt(CALLS.length)];
      Value[] args = new Value[call.length - 1];
      for (int k = 1; k < call.length; k++) {
        args[k - 1] = argument(call[k], random);
      }
      FixedClockContext ctx = new FixedClockContext(0, 1_000_000);
      try {
        registry.find(call[0]).orElseThrow().function().call(ctx, args);
        succeeded++;
      } catch (BuiltinException e) {
        // a clean, reported failure
      } catch (IllegalStateException e) {
        if (ctx.charged() <= 1_000_000) {
          unexpected.add(call[0] + java.util.Arrays.toString(args) + ": " + e);
        }
      } catch (RuntimeException e) {
        unexpected.add(call[0] + java.util.Arrays.toString(args) + ": " + e);
      }
    }
    assertThat(unexpected).isEmpty();
    assertThat(succeeded).as("calls that returned a value").isGreaterThan(3_000);
  }

  private static Value argument(String kind, SplittableRandom random) {
    StringBuilder sb = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    String s = sb.toString();
    return switch (kind) {
      case "text" -> StringValue.of(s);
      case "char" -> StringValue.of(s.isEmpty() ? "{" : s.substring(0, 1));
      case "number" -> NumberValue.parse(NUMBERS[random.nextInt(NUMBERS.length)]);
      case "array" ->
          ArrayValue.of(
              NumberValue.of(random.nextInt(-5, 5)),
              StringValue.of(s),
              NumberValue.parse("2.5"),
              SetValue.EMPTY);
      case "object" ->
          ObjectValue.builder()
              .put("a", NumberValue.of(1))
              .put("b", ArrayValue.of(StringValue.of(s)))
              .build();
      case "patterns" ->
          ObjectValue.builder()
              .put(s, StringValue.of(s + "x"))
              .put("", StringValue.of("-"))
              .build();
      case "delimiters" ->
          random.nextBoolean() ? NullValue.INSTANCE : ArrayValue.of(StringValue.of("."));
      default -> throw new IllegalArgumentException(kind);
    };
  }
}
