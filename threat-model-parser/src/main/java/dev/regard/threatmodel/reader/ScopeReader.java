package dev.regard.threatmodel.reader;

import com.google.re2j.Pattern;
import dev.regard.threatmodel.Component;
import dev.regard.threatmodel.Provenance;
import dev.regard.threatmodel.SectionKind;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.Undecided;
import dev.regard.threatmodel.markdown.Inline;
import dev.regard.threatmodel.markdown.MdBlock;
import dev.regard.threatmodel.rules.ProvenanceTags;
import dev.regard.threatmodel.rules.Statements;
import dev.regard.threatmodel.rules.Statements.Sentence;
import dev.regard.threatmodel.rules.Statements.Stance;
import dev.regard.threatmodel.rules.Tokens;
import dev.regard.threatmodel.sections.SectionTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads components: table rows by what their columns mean (whatever the header says: "In model?",
 * "In this model?", "In/out of model", "Scope", "Status"; whatever the cell says: Yes, No, **Out**,
 * "In — primary boundary"), and list items of out-of-scope sections sentence by sentence (see
 * {@link Statements}). Anything a sentence anywhere in the model puts in scope becomes an in-scope
 * component, so that no out-of-scope rule can reach it.
 */
final class ScopeReader {

  private static final Pattern SCOPE_COLUMN =
      Pattern.compile(
          "\\b(?:in[- ]?scope|scope|in (?:this |the )?model|in/out|in or out|out of model"
              + "|covered|modell?ed|status|included)\\b");
  private static final Pattern EXPLICIT_SCOPE_COLUMN =
      Pattern.compile(
          "\\b(?:in[- ]?scope|in (?:this |the )?model|in/out|in or out|out of model)\\b");
  private static final Pattern PATH_COLUMN =
      Pattern.compile(
          "\\b(?:paths?|where|locations?|director(?:y|ies)|folders?|modules?|packages?"
              + "|entry points?|code|source)\\b");
  private static final Pattern CELL_OUT =
      Pattern.compile(
          "^(?:out|no|excluded|not in (?:scope|model)|not covered|out of (?:scope|model))\\b"
              + "|^[✗❌✘]");
  private static final Pattern CELL_IN =
      Pattern.compile("^(?:in|yes|included|covered|partial(?:ly)?|core)\\b|^[✓✔✅]");

  /** Components and what could not be decided. */
  record Reading(List<Component> components, List<Undecided> undecided) {}

  private final String project;
  private final List<Component> components = new ArrayList<>();
  private final List<Undecided> undecided = new ArrayList<>();

  private ScopeReader(String project) {
    this.project = project;
  }

  static Reading read(List<SectionTree.Classified> sections, String project) {
    ScopeReader reader = new ScopeReader(project);
    for (SectionTree.Classified section : sections) {
      reader.section(section);
    }
    return new Reading(List.copyOf(reader.components), List.copyOf(reader.undecided));
  }

  private void section(SectionTree.Classified section) {
    SectionKind kind = section.section().kind();
    String file = section.section().source().file();
    String heading = section.section().heading();
    boolean scope = kind == SectionKind.SCOPE;
    boolean outOfScope = kind == SectionKind.OUT_OF_SCOPE;
    for (MdBlock block : section.body().blocks()) {
      SourceRef source = new SourceRef(file, heading, block.line());
      if (block instanceof MdBlock.Table table) {
        if (scope || outOfScope || hasExplicitScopeColumn(table)) {
          table(table, outOfScope, scope, section);
        }
      } else if (block instanceof MdBlock.ListItem item && outOfScope) {
        String title = Entry.title(item.lead().text());
        item(title, item.content(), SectionProvenance.of(item.content().text(), section), source);
      } else if (block instanceof MdBlock.ListItem item) {
        keptInScope(item.content(), source);
      } else if (block instanceof MdBlock.Paragraph paragraph) {
        keptInScope(paragraph.content(), source);
      }
    }
  }

  /**
   * Outside the out-of-scope sections, prose only ever keeps code in scope: an out-of-scope word
   * there (a disposition's name, a remark on old releases) makes no rule.
   */
  private void keptInScope(Inline content, SourceRef source) {
    for (Sentence sentence : Statements.of(content, Stance.NONE)) {
      if (sentence.stance() == Stance.IN) {
        inScope(sentence, source);
      }
    }
  }

  /** An out-of-scope item: its out sentences name what is out, its in sentences what is kept. */
  private void item(String title, Inline content, Provenance provenance, SourceRef source) {
    Stance fallback = Stance.OUT;
    List<Sentence> sentences = Statements.of(content, fallback);
    Set<String> paths = new LinkedHashSet<>();
    Set<String> modules = new LinkedHashSet<>();
    boolean leadOut = !sentences.isEmpty() && sentences.get(0).stance() == Stance.OUT;
    for (Sentence sentence : sentences) {
      if (sentence.stance() == Stance.IN) {
        inScope(sentence, source);
      } else if (sentence.stance() == Stance.OUT) {
        addTokens(sentence.codeSpans(), paths, modules);
      } else if (!sentence.codeSpans().isEmpty()) {
        undecided.add(
            new Undecided(
                shorten(sentence.text()),
                "a negation comes before what it names; no rule made",
                source));
      }
    }
    if (leadOut && paths.isEmpty() && modules.isEmpty()) {
      modules.addAll(Tokens.namesFromTitle(title, project));
    }
    if (!paths.isEmpty() || !modules.isEmpty() || leadOut) {
      String text = content.text();
      components.add(
          new Component(
              title,
              false,
              List.copyOf(paths),
              List.copyOf(modules),
              note(text, title),
              provenance,
              source));
    }
  }

  private void inScope(Sentence sentence, SourceRef source) {
    Set<String> paths = new LinkedHashSet<>();
    Set<String> modules = new LinkedHashSet<>();
    addTokens(sentence.codeSpans(), paths, modules);
    if (!paths.isEmpty() || !modules.isEmpty()) {
      components.add(
          new Component(
              "kept in scope: " + shorten(sentence.text()),
              true,
              List.copyOf(paths),
              List.copyOf(modules),
              sentence.text(),
              ProvenanceTags.of(sentence.text()),
              source));
    }
  }

  private static void addTokens(List<String> spans, Set<String> paths, Set<String> modules) {
    for (String span : spans) {
      Tokens.pathGlob(span)
          .ifPresentOrElse(
              paths::add,
              () -> {
                Tokens.packageGlob(span)
                    .ifPresentOrElse(
                        paths::add, () -> Tokens.moduleName(span).ifPresent(modules::add));
              });
    }
  }

  /** Outside scope sections, only a column that says in or out of scope makes a scope table. */
  private static boolean hasExplicitScopeColumn(MdBlock.Table table) {
    for (Inline header : table.header()) {
      if (EXPLICIT_SCOPE_COLUMN.matcher(lower(header.text())).find()) {
        return true;
      }
    }
    return false;
  }

  private void table(
      MdBlock.Table table,
      boolean outOfScopeSection,
      boolean scopeSection,
      SectionTree.Classified section) {
    String file = section.section().source().file();
    String heading = section.section().heading();
    int scopeColumn = -1;
    int pathColumn = -1;
    for (int i = 0; i < table.header().size(); i++) {
      String header = lower(table.header().get(i).text());
      if (scopeColumn < 0 && i > 0 && SCOPE_COLUMN.matcher(header).find()) {
        scopeColumn = i;
      } else if (pathColumn < 0 && i > 0 && PATH_COLUMN.matcher(header).find()) {
        pathColumn = i;
      }
    }
    for (MdBlock.Row row : table.rows()) {
      if (row.cells().isEmpty()) {
        continue;
      }
      SourceRef source = new SourceRef(file, heading, row.line());
      String name = row.cells().get(0).text().replace("`", "").strip();
      Stance stance;
      if (scopeColumn >= 0 && scopeColumn < row.cells().size()) {
        String cell = row.cells().get(scopeColumn).text();
        stance = cellStance(cell);
        if (stance == Stance.NONE) {
          undecided.add(
              new Undecided(
                  name + ": " + shorten(cell),
                  "the scope cell says neither in nor out; kept in scope, no rule made",
                  source));
        }
      } else {
        stance = outOfScopeSection ? Stance.OUT : scopeSection ? Stance.IN : Stance.NONE;
      }
      Set<String> paths = new LinkedHashSet<>();
      Set<String> modules = new LinkedHashSet<>();
      List<Inline> located =
          pathColumn >= 0 && pathColumn < row.cells().size()
              ? List.of(row.cells().get(0), row.cells().get(pathColumn))
              : withoutColumn(row.cells(), scopeColumn);
      for (Inline cell : located) {
        if (cell.codeSpans().isEmpty()) {
          modules.addAll(Tokens.moduleList(cell.text()));
        } else {
          addTokens(cell.codeSpans(), paths, modules);
        }
      }
      if (stance == Stance.OUT && paths.isEmpty() && modules.isEmpty()) {
        modules.addAll(Tokens.namesFromTitle(name, project));
      }
      String all = Entry.join(row.cells()).text();
      List<Inline> noteCells = new ArrayList<>();
      for (int i = 1; i < row.cells().size(); i++) {
        if (i != scopeColumn && i != pathColumn) {
          noteCells.add(row.cells().get(i));
        }
      }
      components.add(
          new Component(
              name,
              stance != Stance.OUT,
              List.copyOf(paths),
              List.copyOf(modules),
              Entry.join(noteCells).text(),
              SectionProvenance.of(all, section),
              source));
    }
  }

  /** Yes, In, ✓ and "In — primary boundary" are in; No, **Out**, ✗ are out; the rest undecided. */
  static Stance cellStance(String cell) {
    String text = lower(cell.replace("*", "").replace("`", ""));
    if (CELL_OUT.matcher(text).find()) {
      return Stance.OUT;
    }
    if (CELL_IN.matcher(text).find()) {
      return Stance.IN;
    }
    return Stance.NONE;
  }

  private static List<Inline> withoutColumn(List<Inline> cells, int column) {
    List<Inline> rest = new ArrayList<>(cells);
    if (column >= 0 && column < rest.size()) {
      rest.remove(column);
    }
    return rest;
  }

  private static String note(String text, String name) {
    String note = text.replace("`", "");
    if (note.startsWith(name)) {
      note = note.substring(name.length()).replaceFirst("^[\\s—–:→.-]+", "");
    }
    return note.strip();
  }

  private static String shorten(String text) {
    return text.length() <= 140 ? text : text.substring(0, 137) + "...";
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT).strip();
  }
}
