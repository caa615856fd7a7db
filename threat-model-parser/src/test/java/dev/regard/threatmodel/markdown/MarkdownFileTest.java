package dev.regard.threatmodel.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.threatmodel.ThreatModelException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownFileTest {

  @TempDir Path dir;

  @Test
  void missingFileNamesTheFile() {
    assertThatThrownBy(() -> MarkdownFile.read(dir.resolve("nope.md"), "nope.md"))
        .isInstanceOf(ThreatModelException.class)
        .hasMessageContaining("nope.md")
        .hasMessageContaining("file not found");
  }

  @Test
  void invalidUtf8NamesFileAndLine() throws IOException {
    Path file = dir.resolve("latin1.md");
    byte[] head = "# Title\n\nline two\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + bad.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    Files.write(file, all);

    assertThatThrownBy(() -> MarkdownFile.read(file, "latin1.md"))
        .isInstanceOfSatisfying(
            ThreatModelException.class,
            e -> {
              assertThat(e.file()).isEqualTo("latin1.md");
              assertThat(e.line()).isEqualTo(4);
            })
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void fiftyMegabyteFileIsRefusedWithTheLimit() throws IOException {
    Path file = dir.resolve("huge.md");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(50L * 1024 * 1024);
    }
    assertThatThrownBy(() -> MarkdownFile.read(file, "huge.md"))
        .isInstanceOf(ThreatModelException.class)
        .hasMessageContaining("huge.md")
        .hasMessageContaining("larger than the 4 MiB limit");
  }

  @Test
  void byteOrderMarkIsDropped() throws IOException {
    Path file = dir.resolve("bom.md");
    Files.writeString(file, "\uFEFF# Title\n", StandardCharsets.UTF_8);
    MarkdownDocument document = MarkdownFile.read(file, "bom.md");
    assertThat(document.sections())
        .singleElement()
        .satisfies(s -> assertThat(s.heading()).isEqualTo("Title"));
  }

  @Test
  void crlfLineEndingsKeepLineNumbers() {
    MarkdownDocument document =
        MarkdownDocument.parse(
            "crlf.md", "# One\r\n\r\ntext\r\n\r\n## Two\r\n\r\n- item `a/b`\r\n");
    assertThat(document.sections()).hasSize(2);
    MdSection two = document.sections().get(1);
    assertThat(two.line()).isEqualTo(5);
    assertThat(two.blocks())
        .singleElement()
        .isInstanceOfSatisfying(
            MdBlock.ListItem.class,
            item -> {
              assertThat(item.line()).isEqualTo(7);
              assertThat(item.content().codeSpans()).containsExactly("a/b");
            });
  }

  @Test
  void tablesListsFencesAndLinksAreKept() {
    String text =
        """
        # T

        See [policy](SECURITY.md).

        | A | B |
        | --- | --- |
        | `x` | y |

        - first
          ```triage
          - id: a
          ```
        """;
    MarkdownDocument document = MarkdownDocument.parse("t.md", text);
    assertThat(document.links())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.destination()).isEqualTo("SECURITY.md");
              assertThat(l.label()).isEqualTo("policy");
              assertThat(l.line()).isEqualTo(3);
            });
    var blocks = document.sections().get(0).blocks();
    assertThat(blocks).hasSize(4);
    assertThat(blocks.get(1))
        .isInstanceOfSatisfying(
            MdBlock.Table.class,
            t -> {
              assertThat(t.header()).extracting(Inline::text).containsExactly("A", "B");
              assertThat(t.rows())
                  .singleElement()
                  .satisfies(r -> assertThat(r.line()).isEqualTo(7));
            });
    assertThat(blocks.get(3))
        .isInstanceOfSatisfying(
            MdBlock.Fence.class,
            f -> {
              assertThat(f.info()).isEqualTo("triage");
              assertThat(f.line()).isEqualTo(10);
              assertThat(f.literal()).isEqualTo("- id: a\n");
            });
  }

  @Test
  void nestingBeyondTheLimitIsAnErrorNotAStackOverflow() {
    String deep = ">".repeat(10_000) + " text\n";
    assertThatThrownBy(() -> MarkdownDocument.parse("deep.md", deep))
        .isInstanceOf(ThreatModelException.class)
        .hasMessageContaining("deep.md")
        .hasMessageContaining("nested deeper than");
  }
}
