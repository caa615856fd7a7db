package dev.regard.threatmodel.reader;

import com.google.re2j.Pattern;
import dev.regard.threatmodel.Component;
import dev.regard.threatmodel.SectionKind;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.markdown.Inline;
import dev.regard.threatmodel.markdown.MdBlock;
import dev.regard.threatmodel.rules.ProseCriteria;
import dev.regard.threatmodel.rules.ProvenanceTags;
import dev.regard.threatmodel.sections.SectionTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads components from scope sections (tables with an in-scope column) and out-of-scope sections
 * (tables and lists of paths and modules).
 */
final class ScopeReader {

  private static final Pattern SCOPE_COLUMN =
      Pattern.compile("\\b(?:in[- ]?scope|scope|in model|covered|modelled|modeled)\\b");
  private static final Pattern NEGATIVE =
      Pattern.compile(
          "^(?:no|out|excluded|n/a)\\b|^[✗❌]|\\bout[- ]of[- ](?:scope|model)\\b"
              + "|\\bnot in scope\\b");
  private static final Pattern PATH_COLUMN =
      Pattern.compile(
          "\\b(?:paths?|where|locations?|director(?:y|ies)|folders?|modules?|packages?)\\b");
  private static final Pattern SAYS_OUT_OF_SCOPE =
      Pattern.compile("\\b(?:out[- ]of[- ]scope|not in scope|out of (?:the )?model)\\b");

  private ScopeReader() {}

  static List<Component> read(List<SectionTree.Classified> sections) {
    List<Component> components = new ArrayList<>();
    for (SectionTree.Classified section : sections) {
      SectionKind kind = section.section().kind();
      if (kind != SectionKind.SCOPE && kind != SectionKind.OUT_OF_SCOPE) {
        continue;
      }
      boolean outOfScopeSection = kind == SectionKind.OUT_OF_SCOPE;
      String file = section.section().source().file();
      String heading = section.section().heading();
      for (MdBlock block : section.body().blocks()) {
        SourceRef source = new SourceRef(file, heading, block.line());
        if (block instanceof MdBlock.Table table) {
          readTable(table, outOfScopeSection, file, heading, components);
        } else if (block instanceof MdBlock.ListItem item) {
          String text = item.content().text();
          boolean out =
              outOfScopeSection || SAYS_OUT_OF_SCOPE.matcher(lower(item.lead().text())).find();
          if (out) {
            String name = Entry.title(item.lead().text());
            components.add(
                new Component(
                    name,
                    false,
                    paths(item.lead(), name),
                    note(text, name),
                    ProvenanceTags.of(text),
                    source));
          }
        }
      }
    }
    return components;
  }

  private static void readTable(
      MdBlock.Table table,
      boolean outOfScopeSection,
      String file,
      String heading,
      List<Component> components) {
    int scopeColumn = -1;
    int pathColumn = -1;
    for (int i = 0; i < table.header().size(); i++) {
      String header = lower(table.header().get(i).text());
      if (SCOPE_COLUMN.matcher(header).find()) {
        scopeColumn = i;
      } else if (pathColumn < 0 && i > 0 && PATH_COLUMN.matcher(header).find()) {
        pathColumn = i;
      }
    }
    if (scopeColumn < 0 && !outOfScopeSection) {
      // A table in a scope section without an in-scope column lists what is covered.
      scopeColumn = -2;
    }
    for (MdBlock.Row row : table.rows()) {
      if (row.cells().isEmpty()) {
        continue;
      }
      boolean hasScopeCell = scopeColumn >= 0 && scopeColumn < row.cells().size();
      boolean inScope =
          hasScopeCell
              ? !NEGATIVE.matcher(lower(row.cells().get(scopeColumn).text())).find()
              : scopeColumn == -2;
      boolean hasPathCell = pathColumn >= 0 && pathColumn < row.cells().size();
      String name = row.cells().get(0).text().replace("`", "").strip();
      // The note is what the row says besides its name, scope and paths.
      List<Inline> noteCells = new ArrayList<>();
      for (int i = 1; i < row.cells().size(); i++) {
        if (i != scopeColumn && i != pathColumn) {
          noteCells.add(row.cells().get(i));
        }
      }
      List<Inline> described = new ArrayList<>(row.cells());
      if (hasScopeCell) {
        described.remove(scopeColumn);
      }
      List<String> paths =
          hasPathCell
              ? pathCell(row.cells().get(pathColumn))
              : paths(Entry.join(described), inScope ? "" : name);
      Inline rest = Entry.join(noteCells);
      components.add(
          new Component(
              name,
              inScope,
              paths,
              rest.text(),
              ProvenanceTags.of(Entry.join(row.cells()).text()),
              new SourceRef(file, heading, row.line())));
    }
  }

  /**
   * Backticked paths, packages and module names; failing those, the name itself when it is a list
   * of bare module names such as {@code tools / bin / docker}.
   */
  private static List<String> paths(Inline content, String name) {
    Set<String> paths = new LinkedHashSet<>(ProseCriteria.of(content).paths());
    paths.addAll(ProseCriteria.backtickedModules(content));
    if (paths.isEmpty() && !name.isEmpty()) {
      paths.addAll(ProseCriteria.moduleGlobs(name));
    }
    return List.copyOf(paths);
  }

  /**
   * Every backticked token of a path column; a bare name such as {@code mvnw} or {@code raft} may
   * be a file or a directory, so it stands for both.
   */
  private static List<String> pathCell(Inline cell) {
    Set<String> paths = new LinkedHashSet<>();
    for (String span : cell.codeSpans()) {
      String token = span.strip();
      if (token.isEmpty() || token.contains(" ")) {
        continue;
      }
      String glob = ProseCriteria.pathGlob(token);
      paths.add(glob);
      if (!glob.contains("/") && !glob.contains("*")) {
        paths.add(glob + "/**");
      }
    }
    if (paths.isEmpty()) {
      paths.addAll(ProseCriteria.moduleGlobs(cell.text()));
    }
    return List.copyOf(paths);
  }

  private static String note(String text, String name) {
    String note = text.replace("`", "");
    if (note.startsWith(name)) {
      note = note.substring(name.length()).replaceFirst("^[\\s—–:→-]+", "");
    }
    return note.strip();
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT).strip();
  }
}
