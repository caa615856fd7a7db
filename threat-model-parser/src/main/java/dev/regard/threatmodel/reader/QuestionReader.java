package dev.regard.threatmodel.reader;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.regard.threatmodel.OpenQuestion;
import dev.regard.threatmodel.SectionKind;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.markdown.MdBlock;
import dev.regard.threatmodel.sections.SectionTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads open questions: list items, or table rows where a status column may say a question is
 * answered. A question is open unless its entry says it is resolved, answered or closed.
 */
final class QuestionReader {

  private static final Pattern CLOSED =
      Pattern.compile(
          "^\\s*(?:\\[x\\]|~~)|\\b(?:resolved|answered|closed|decided|done|withdrawn)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern STATUS =
      Pattern.compile("(?i)\\bstatus\\s*:\\s*\\*{0,2}\\s*([\\w-]+)");
  private static final Pattern WAITS_ON = Pattern.compile("(?i)\\bwaits?\\s+on\\s*:\\s*([^.;(]+)");
  private static final Pattern NOBODY = Pattern.compile("(?i)^(?:nobody|no one|none|n/a|-|—)$");
  private static final Pattern MENTION = Pattern.compile("(?:^|[^\\w.])@([A-Za-z0-9][\\w-]*)");
  private static final Pattern WAITING =
      Pattern.compile(
          "\\b(?i:waiting on|waits on|pending|awaiting|owner|asked of)\\s*:?\\s+"
              + "(?:the\\s+)?((?:maintainers|PMC|[A-Z][\\w-]*)(?:\\s+[A-Z][\\w-]*)*)");
  private static final Pattern STATUS_COLUMN = Pattern.compile("\\b(?:status|state|answer)");
  private static final Pattern OWNER_COLUMN =
      Pattern.compile("\\b(?:owner|waiting|who|assignee|asked)");

  private QuestionReader() {}

  static List<OpenQuestion> read(List<SectionTree.Classified> sections) {
    List<OpenQuestion> questions = new ArrayList<>();
    for (SectionTree.Classified section : sections) {
      if (section.section().kind() != SectionKind.OPEN_QUESTIONS) {
        continue;
      }
      String file = section.section().source().file();
      String heading = section.section().heading();
      for (MdBlock block : section.body().blocks()) {
        if (block instanceof MdBlock.ListItem item) {
          String text = item.content().text();
          questions.add(
              new OpenQuestion(
                  text,
                  isOpen(text, item.lead().text()),
                  waitingOn(text),
                  new SourceRef(file, heading, item.line())));
        } else if (block instanceof MdBlock.Table table) {
          readTable(table, file, heading, questions);
        }
      }
    }
    return questions;
  }

  private static void readTable(
      MdBlock.Table table, String file, String heading, List<OpenQuestion> questions) {
    int status = column(table, STATUS_COLUMN);
    int owner = column(table, OWNER_COLUMN);
    for (MdBlock.Row row : table.rows()) {
      String text = Entry.join(row.cells()).text();
      String statusText = cell(row, status);
      boolean open = statusText == null ? isOpen(text, text) : !CLOSED.matcher(statusText).find();
      String ownerText = cell(row, owner);
      questions.add(
          new OpenQuestion(
              text,
              open,
              ownerText != null && !ownerText.isBlank() ? ownerText.strip() : waitingOn(text),
              new SourceRef(file, heading, row.line())));
    }
  }

  /** A "Status: ..." line decides; otherwise words such as "resolved" in the lead do. */
  static boolean isOpen(String text, String lead) {
    Matcher status = STATUS.matcher(text);
    if (status.find()) {
      return !CLOSED.matcher(status.group(1)).find();
    }
    return !CLOSED.matcher(lead).find();
  }

  /**
   * Whom the answer waits on: a "Waits on: X" line, else the {@code @handles} mentioned, else
   * "pending X" and the like; {@code null} when nobody.
   */
  static String waitingOn(String text) {
    Matcher waitsOn = WAITS_ON.matcher(text);
    if (waitsOn.find()) {
      String who = waitsOn.group(1).strip();
      return NOBODY.matcher(who).matches() ? null : who;
    }
    Set<String> handles = new LinkedHashSet<>();
    Matcher mention = MENTION.matcher(text);
    while (mention.find()) {
      handles.add("@" + mention.group(1));
    }
    if (!handles.isEmpty()) {
      return String.join(", ", handles);
    }
    Matcher waiting = WAITING.matcher(text);
    return waiting.find() ? waiting.group(1).strip() : null;
  }

  private static int column(MdBlock.Table table, Pattern pattern) {
    for (int i = 0; i < table.header().size(); i++) {
      if (pattern.matcher(table.header().get(i).text().toLowerCase(Locale.ROOT)).find()) {
        return i;
      }
    }
    return -1;
  }

  private static String cell(MdBlock.Row row, int column) {
    return column >= 0 && column < row.cells().size() ? row.cells().get(column).text() : null;
  }
}
