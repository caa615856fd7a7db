package dev.regard.threatmodel.realmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.threatmodel.LoadedModel;
import dev.regard.threatmodel.ThreatModelException;
import dev.regard.threatmodel.ThreatModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real models, mutated as maintainers edit them: headings renumbered or unnumbered, table rows
 * and columns reordered, lines dropped or doubled, links broken. The reader never crashes: it gives
 * a model, or an error naming the file and line. Mutations are seeded, so a failure repeats.
 */
class RealModelsFuzzTest {
  private static final int ROUNDS = 25;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"kafka", "unomi", "ranger", "hop"})
  void mutatedModelsGiveAModelOrAnErrorNamingFileAndLine(String project) throws IOException {
    Path source = RealModelsTest.model(project);
    for (int round = 0; round < ROUNDS; round++) {
      Random random = new Random(project.hashCode() * 31L + round);
      Path copy = dir.resolve(project + "-" + round);
      List<Path> pages = copyTree(source, copy);
      for (Path page : pages) {
        Files.writeString(page, mutate(Files.readString(page), random));
      }
      try {
        LoadedModel loaded = ThreatModels.fromRepository(copy);
        assertThat(loaded.model().pages()).isNotEmpty();
        assertThat(loaded.rules().rules())
            .allSatisfy(r -> assertThat(r.match().isEmpty()).isFalse());
      } catch (ThreatModelException e) {
        assertThat(e.file()).as("round %d: %s", round, e.getMessage()).isNotBlank();
        assertThat(e.line()).isNotNegative();
        assertThat(e.getMessage())
            .startsWith(e.line() > 0 ? e.file() + ":" + e.line() + ":" : e.file() + ":");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"kafka", "unomi", "ranger", "hop"})
  void aBrokenLinkToTheModelNamesTheLinkItsFileAndLine(String project) throws IOException {
    Path copy = dir.resolve(project + "-broken");
    copyTree(RealModelsTest.model(project), copy);
    Path security = copy.resolve("SECURITY.md");
    String text = Files.readString(security);
    Files.writeString(security, text.replaceAll("\\]\\(\\./([^)]*?)\\.md\\)", "](./$1-moved.md)"));
    Files.deleteIfExists(copy.resolve("THREAT_MODEL.md"));
    assertThatThrownBy(() -> ThreatModels.fromRepository(copy))
        .isInstanceOfSatisfying(
            ThreatModelException.class,
            e -> {
              assertThat(e.file()).isEqualTo("SECURITY.md");
              assertThat(e.line()).isPositive();
              assertThat(text.lines().toList().get(e.line() - 1)).contains("](./");
            })
        .hasMessageContaining("-moved.md");
  }

  private static String mutate(String text, Random random) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    int mutations = 1 + random.nextInt(6);
    for (int m = 0; m < mutations && !lines.isEmpty(); m++) {
      int at = random.nextInt(lines.size());
      String line = lines.get(at);
      switch (random.nextInt(7)) {
        case 0 -> lines.set(at, line.replaceAll("§(\\d+)", "§" + random.nextInt(40)));
        case 1 -> lines.set(at, line.replaceAll("^(#+)\\s*§?\\d+[a-z]?\\.?\\s*", "$1 "));
        case 2 -> shuffleTableRows(lines, at, random);
        case 3 -> lines.set(at, swapCells(line, random));
        case 4 -> lines.remove(at);
        case 5 -> lines.add(at, line);
        default -> lines.set(at, line.replaceAll("\\]\\(([^)]*)\\)", "]($1-broken)"));
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static void shuffleTableRows(List<String> lines, int at, Random random) {
    int start = at;
    while (start > 0 && lines.get(start - 1).startsWith("|")) {
      start--;
    }
    int end = at;
    while (end < lines.size() && lines.get(end).startsWith("|")) {
      end++;
    }
    if (end - start > 3) {
      Collections.shuffle(lines.subList(start + 2, end), random);
    }
  }

  private static String swapCells(String line, Random random) {
    if (!line.startsWith("|")) {
      return line;
    }
    String[] cells = line.split("\\|", -1);
    if (cells.length < 4) {
      return line;
    }
    int a = 1 + random.nextInt(cells.length - 2);
    int b = 1 + random.nextInt(cells.length - 2);
    String swap = cells[a];
    cells[a] = cells[b];
    cells[b] = swap;
    return String.join("|", cells);
  }

  private static List<Path> copyTree(Path from, Path to) throws IOException {
    List<Path> copies = new ArrayList<>();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
        copies.add(target);
      }
    }
    return copies;
  }
}
