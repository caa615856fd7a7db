package dev.regard.threatmodel.reader;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.regard.threatmodel.Provenance;
import dev.regard.threatmodel.SectionKind;
import dev.regard.threatmodel.SecurityControl;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.markdown.Inline;
import dev.regard.threatmodel.markdown.MdBlock;
import dev.regard.threatmodel.rules.ProseCriteria;
import dev.regard.threatmodel.sections.SectionTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads security controls: table rows with a key and a default column, and list items naming
 * backticked configuration keys with their defaults ("`queued.max.requests` at 500").
 */
final class ControlReader {

  private static final Pattern KEY_COLUMN =
      Pattern.compile("\\b(?:key|config\\w*|setting|property|parameter|option)\\b");
  private static final Pattern NAME_COLUMN = Pattern.compile("\\b(?:control|name)\\b");
  private static final Pattern DEFAULT_COLUMN = Pattern.compile("\\bdefault");
  private static final Pattern DEFAULT_IN_TEXT =
      Pattern.compile(
          "^[`\\s]*(?:\\((?:default\\s*)?|=\\s*|:\\s*|\\bat\\s+|[—–-]\\s*default(?:s)?(?: value)?"
              + "(?: is| of| to)?\\s*:?\\s*|,?\\s*default(?:s)?(?: value)?(?: is| of| to)?\\s*:?\\s*)"
              + "`?([^,;()`]+?)`?\\s*(?:[,;()]|\\.(?:\\s|$)|$| [—–-] )",
          Pattern.CASE_INSENSITIVE);

  /** A number with its unit, e.g. "100 ms" or "524288": what follows it is commentary. */
  private static final Pattern QUANTITY =
      Pattern.compile(
          "\\d[\\d_,.]*\\s*(?:[KMGT]i?B\\b|bytes?\\b|ms\\b|s\\b|seconds?\\b|minutes?\\b" + "|%)?");

  private ControlReader() {}

  static List<SecurityControl> read(List<SectionTree.Classified> sections) {
    List<SecurityControl> controls = new ArrayList<>();
    for (SectionTree.Classified section : sections) {
      if (section.section().kind() != SectionKind.CONTROLS) {
        continue;
      }
      String file = section.section().source().file();
      String heading = section.section().heading();
      for (MdBlock block : section.body().blocks()) {
        if (block instanceof MdBlock.Table table) {
          readTable(table, section, controls);
        } else if (block instanceof MdBlock.ListItem item) {
          readItem(item.content(), section, new SourceRef(file, heading, item.line()), controls);
        }
      }
    }
    return controls;
  }

  /**
   * Rows of a table with a key or default column; other tables in a controls section (threats and
   * mitigations, for instance) are prose, not controls.
   */
  private static void readTable(
      MdBlock.Table table, SectionTree.Classified section, List<SecurityControl> controls) {
    String file = section.section().source().file();
    String heading = section.section().heading();
    int keyColumn = -1;
    int nameColumn = -1;
    int defaultColumn = -1;
    for (int i = 0; i < table.header().size(); i++) {
      String header = table.header().get(i).text().toLowerCase(Locale.ROOT);
      if (DEFAULT_COLUMN.matcher(header).find()) {
        defaultColumn = i;
      } else if (KEY_COLUMN.matcher(header).find() && keyColumn < 0) {
        keyColumn = i;
      } else if (NAME_COLUMN.matcher(header).find() && nameColumn < 0) {
        nameColumn = i;
      }
    }
    if (keyColumn < 0) {
      keyColumn = nameColumn;
    }
    if (keyColumn < 0 && defaultColumn < 0) {
      return;
    }
    keyColumn = Math.max(keyColumn, 0);
    for (MdBlock.Row row : table.rows()) {
      if (keyColumn >= row.cells().size()) {
        continue;
      }
      Inline keyCell = row.cells().get(keyColumn);
      List<String> keys = ProseCriteria.of(keyCell).configKeys();
      String name = keyCell.text().replace("`", "").strip();
      String defaultValue =
          defaultColumn >= 0 && defaultColumn < row.cells().size()
              ? blankToNull(row.cells().get(defaultColumn).text().replace("`", ""))
              : null;
      List<Inline> rest = new ArrayList<>();
      for (int i = 0; i < row.cells().size(); i++) {
        if (i != keyColumn && i != defaultColumn) {
          rest.add(row.cells().get(i));
        }
      }
      String description = Entry.join(rest).text();
      SourceRef source = new SourceRef(file, heading, row.line());
      Provenance provenance = SectionProvenance.of(Entry.join(row.cells()).text(), section);
      if (keys.isEmpty()) {
        controls.add(
            new SecurityControl(name, null, defaultValue, description, provenance, source));
      }
      for (String key : keys) {
        controls.add(new SecurityControl(key, key, defaultValue, description, provenance, source));
      }
    }
  }

  private static void readItem(
      Inline content,
      SectionTree.Classified section,
      SourceRef source,
      List<SecurityControl> controls) {
    String text = content.text();
    Provenance provenance = SectionProvenance.of(text, section);
    List<String> keys = ProseCriteria.of(content).configKeys();
    if (keys.isEmpty()) {
      controls.add(new SecurityControl(Entry.title(text), null, null, text, provenance, source));
      return;
    }
    for (String key : keys) {
      controls.add(
          new SecurityControl(key, key, defaultAfter(text, key), text, provenance, source));
    }
  }

  /** The default written right after the key's mention, e.g. "`a.b` at 100 MiB" gives "100 MiB". */
  static String defaultAfter(String text, String key) {
    int at = text.indexOf("`" + key);
    if (at < 0) {
      return null;
    }
    int end = text.indexOf('`', at + 1);
    if (end < 0) {
      return null;
    }
    Matcher matcher = DEFAULT_IN_TEXT.matcher(text.substring(end + 1));
    if (!matcher.find()) {
      return null;
    }
    String value = matcher.group(1).strip();
    Matcher quantity = QUANTITY.matcher(value);
    return blankToNull(quantity.lookingAt() ? quantity.group().strip() : value);
  }

  private static String blankToNull(String value) {
    String stripped = value.strip();
    return stripped.isEmpty() || stripped.equals("—") || stripped.equals("-") ? null : stripped;
  }
}
