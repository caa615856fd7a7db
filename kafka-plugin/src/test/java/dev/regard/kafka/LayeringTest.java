package dev.regard.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin's packages form layers, each calling only downwards, with no package cycle. Read from
 * the main sources' package, import and qualified-name references.
 */
class LayeringTest {
  private static final String ROOT = "dev.regard.kafka.";

  /**
   * Each layer (first package segment under {@code dev.regard.kafka}) and its height: a layer may
   * use layers strictly below it, and its own. Layers of equal height may not use each other.
   */
  static final Map<String, Integer> LAYERS =
      Map.of(
          "principal", 0,
          "bundle", 1,
          "credentials", 2,
          "engine", 3,
          "authz", 4,
          "authn", 4,
          "config", 5);

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
  private static final Pattern REFERENCE =
      Pattern.compile("\\b" + Pattern.quote(ROOT) + "((?:[a-z_][\\w]*\\.)*)[A-Z]");
  private static final Pattern COMMENTS_AND_STRINGS =
      Pattern.compile(
          "(?s)/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])+'");

  @Test
  void mainSourcesCallOnlyDownwardsWithoutCycles() throws IOException {
    Map<String, Set<String>> graph = dependencies(Path.of("src/main/java"));
    assertThat(graph.keySet())
        .as("packages found under src/main/java")
        .contains(ROOT + "authz", ROOT + "authn", ROOT + "engine", ROOT + "principal");
    assertThat(violations(graph)).isEmpty();
  }

  @Test
  void anUpwardCallIsReported() {
    Map<String, Set<String>> graph =
        Map.of(ROOT + "engine", Set.of(ROOT + "authz.input"), ROOT + "authz.input", Set.of());
    assertThat(violations(graph))
        .containsExactly(
            "dev.regard.kafka.engine -> dev.regard.kafka.authz.input: engine may not use authz");
  }

  @Test
  void aCallBetweenLayersOfEqualHeightIsReported() {
    Map<String, Set<String>> graph =
        Map.of(ROOT + "authn", Set.of(ROOT + "authz"), ROOT + "authz", Set.of());
    assertThat(violations(graph))
        .containsExactly(
            "dev.regard.kafka.authn -> dev.regard.kafka.authz: authn may not use authz");
  }

  @Test
  void aCycleWithinALayerIsReported() {
    Map<String, Set<String>> graph =
        Map.of(
            ROOT + "authz", Set.of(ROOT + "authz.cache"),
            ROOT + "authz.cache", Set.of(ROOT + "authz.input"),
            ROOT + "authz.input", Set.of(ROOT + "authz.cache"));
    assertThat(violations(graph))
        .containsExactly(
            "cycle: dev.regard.kafka.authz.cache -> dev.regard.kafka.authz.input"
                + " -> dev.regard.kafka.authz.cache");
  }

  @Test
  void anUnknownLayerIsReported() {
    Map<String, Set<String>> graph = Map.of(ROOT + "misc", Set.of());
    assertThat(violations(graph))
        .containsExactly("dev.regard.kafka.misc: layer misc is not in LayeringTest.LAYERS");
  }

  @Test
  void referencesInCommentsAndStringsAreNotDependencies() {
    String source =
        "package dev.regard.kafka.engine;\n"
            + "import dev.regard.kafka.bundle.Bundle;\n"
            + "/** See {@link dev.regard.kafka.authz.RegardAuthorizer}. */\n"
            + "class X { String s = \"dev.regard.kafka.authn.Y\"; dev.regard.kafka.principal.Z z;"
            + " // dev.regard.kafka.config.ConfigDocs\n}\n";
    assertThat(references(source)).containsExactlyInAnyOrder(ROOT + "bundle", ROOT + "principal");
  }

  /** Package to the other plugin packages its sources reference. */
  static Map<String, Set<String>> dependencies(Path sources) throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Matcher pkg = PACKAGE.matcher(text);
      assertThat(pkg.find()).as("package statement in %s", file).isTrue();
      Set<String> deps = graph.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
      references(text).stream().filter(d -> !d.equals(pkg.group(1))).forEach(deps::add);
    }
    return graph;
  }

  /** The plugin packages a source file references in code (imports included). */
  static Set<String> references(String source) {
    String code = COMMENTS_AND_STRINGS.matcher(source).replaceAll(" ");
    code = PACKAGE.matcher(code).replaceAll(" ");
    Set<String> packages = new TreeSet<>();
    Matcher ref = REFERENCE.matcher(code);
    while (ref.find()) {
      packages.add(ROOT + ref.group(1).replaceAll("\\.$", ""));
    }
    return packages;
  }

  /** Upward calls, calls between layers of equal height, unknown layers and package cycles. */
  static List<String> violations(Map<String, Set<String>> graph) {
    List<String> out = new ArrayList<>();
    for (var entry : new TreeMap<>(graph).entrySet()) {
      String from = layer(entry.getKey());
      if (!LAYERS.containsKey(from)) {
        out.add(entry.getKey() + ": layer " + from + " is not in LayeringTest.LAYERS");
        continue;
      }
      for (String target : entry.getValue()) {
        String to = layer(target);
        if (!to.equals(from) && !(LAYERS.getOrDefault(to, 99) < LAYERS.get(from))) {
          out.add(entry.getKey() + " -> " + target + ": " + from + " may not use " + to);
        }
      }
    }
    out.addAll(cycles(graph));
    return out;
  }

  private static String layer(String pkg) {
    String rest = pkg.substring(ROOT.length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  /** One line per cycle found by a depth-first search, starting at its smallest package. */
  private static List<String> cycles(Map<String, Set<String>> graph) {
    Set<String> cycles = new TreeSet<>();
    for (String start : new TreeSet<>(graph.keySet())) {
      findCycles(graph, start, new ArrayList<>(List.of(start)), cycles);
    }
    return List.copyOf(cycles);
  }

  private static void findCycles(
      Map<String, Set<String>> graph, String start, List<String> path, Set<String> cycles) {
    for (String next : new TreeSet<>(graph.getOrDefault(path.get(path.size() - 1), Set.of()))) {
      if (next.equals(start)) {
        List<String> cycle = new ArrayList<>(path);
        cycle.add(start);
        cycles.add("cycle: " + String.join(" -> ", cycle));
      } else if (next.compareTo(start) > 0 && !path.contains(next)) {
        path.add(next);
        findCycles(graph, start, path, cycles);
        path.remove(path.size() - 1);
      }
    }
  }
}
