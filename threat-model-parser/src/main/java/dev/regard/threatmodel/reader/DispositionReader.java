package dev.regard.threatmodel.reader;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.regard.threatmodel.DispositionEntry;
import dev.regard.threatmodel.SectionKind;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.markdown.Inline;
import dev.regard.threatmodel.markdown.MdBlock;
import dev.regard.threatmodel.sections.SectionTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the model's disposition table, written as a table (name, meaning, licensing sections, by
 * column meaning) or as a list of bold names ("**Out of scope** — it requires …").
 */
final class DispositionReader {

  private static final Pattern NAME_COLUMN =
      Pattern.compile("\\b(?:disposition|classification|class|verdict|outcome)");
  private static final Pattern MEANING_COLUMN =
      Pattern.compile("\\b(?:meaning|when|description|criteria|applies|means)");
  private static final Pattern LICENSE_COLUMN =
      Pattern.compile("\\b(?:licen[cs]ed|section|cites?|basis|source|per)\\b");
  private static final Pattern SECTION_REF = Pattern.compile("§\\s*(\\d+[a-z]?(?:\\.\\d+[a-z]?)*)");

  /** Names that keep a finding for a maintainer: a vulnerability, hardening, a model gap. */
  private static final Pattern KEEPS =
      Pattern.compile(
          "(?i)^(?:valid|vulnerability|a vulnerability|security vulnerability|valid[- ]hardening"
              + "|hardening|a hardening suggestion|hardening suggestion|model[- ]gap|in[- ]scope)\\b");

  private DispositionReader() {}

  static List<DispositionEntry> read(List<SectionTree.Classified> sections) {
    List<DispositionEntry> entries = new ArrayList<>();
    for (SectionTree.Classified section : sections) {
      if (section.section().kind() != SectionKind.DISPOSITIONS) {
        continue;
      }
      String file = section.section().source().file();
      String heading = section.section().heading();
      for (MdBlock block : section.body().blocks()) {
        if (block instanceof MdBlock.Table table) {
          readTable(table, file, heading, entries);
        } else if (block instanceof MdBlock.ListItem item) {
          String name = Entry.title(item.lead().text());
          String text = item.content().text();
          String meaning = text.startsWith(name) ? text.substring(name.length()) : text;
          meaning = meaning.replaceFirst("^[\\s*—–:-]+", "").strip();
          entries.add(
              new DispositionEntry(
                  clean(name),
                  suppresses(clean(name)),
                  meaning,
                  sectionRefs(text),
                  new SourceRef(file, heading, item.line())));
        }
      }
    }
    return entries;
  }

  private static void readTable(
      MdBlock.Table table, String file, String heading, List<DispositionEntry> entries) {
    int name = column(table, NAME_COLUMN, 0);
    int meaning = column(table, MEANING_COLUMN, name == 0 ? 1 : 0);
    int license = column(table, LICENSE_COLUMN, -1);
    for (MdBlock.Row row : table.rows()) {
      String label = clean(cell(row, name));
      if (label.isEmpty()) {
        continue;
      }
      String licensed = license >= 0 ? cell(row, license) : cell(row, meaning);
      entries.add(
          new DispositionEntry(
              label,
              suppresses(label),
              cell(row, meaning),
              sectionRefs(licensed),
              new SourceRef(file, heading, row.line())));
    }
  }

  static boolean suppresses(String name) {
    return !KEEPS.matcher(name.strip()).find();
  }

  private static List<String> sectionRefs(String text) {
    Set<String> refs = new LinkedHashSet<>();
    Matcher m = SECTION_REF.matcher(text);
    while (m.find()) {
      refs.add("§" + m.group(1));
    }
    return List.copyOf(refs);
  }

  private static String clean(String text) {
    return text.replace("`", "").replace("*", "").replaceAll("\\s+", " ").strip();
  }

  private static int column(MdBlock.Table table, Pattern pattern, int fallback) {
    for (int i = 0; i < table.header().size(); i++) {
      if (pattern.matcher(table.header().get(i).text().toLowerCase(Locale.ROOT)).find()) {
        return i;
      }
    }
    return fallback;
  }

  private static String cell(MdBlock.Row row, int column) {
    if (column < 0 || column >= row.cells().size()) {
      return "";
    }
    Inline cell = row.cells().get(column);
    return cell.text();
  }
}
