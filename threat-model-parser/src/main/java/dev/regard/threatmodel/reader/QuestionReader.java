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
import java.util.Map;
import java.util.Set;

/**
 * Reads the maintainers' questions wherever the rubric puts them: table rows (a status column may
 * say a question is answered), or numbered and bulleted items, read from the source lines so that
 * items written straight after a bold group line ("**Wave 2 — …**" then "4. …", which Markdown
 * folds into one paragraph) and items numbered "8a." are still found. A question is resolved when
 * its entry says so ("Confirmed —", "Resolved", "Status: answered") or its section is one of
 * answers ("Open questions — RESOLVED by the PMC", "Maintainer decisions"), unless the entry says
 * it is still open.
 */
final class QuestionReader {

  private static final Pattern CLOSED =
      Pattern.compile(
          "^\\s*(?:\\[x\\]|~~)|\\b(?:resolved|answered|closed|decided|done|withdrawn|confirmed)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LEAD_CLOSED =
      Pattern.compile(
          "^(?:\\[[xX]\\]|~~|(?:\\*\\*[^*]*\\*\\*\\s*)?"
              + "(?:resolved|answered|confirmed|closed|decided|done)\\b)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SECTION_OF_ANSWERS =
      Pattern.compile("(?i)\\b(?:resolved|answered|decisions|answers|resolution)\\b");
  private static final Pattern STILL_OPEN =
      Pattern.compile("(?i)^\\W*(?:remaining|still)\\b[^:]*\\bopen\\b[^:]*:");
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
  private static final Pattern ITEM =
      Pattern.compile("^ {0,3}(?:[-*+] +)?(?:(\\d{1,3}[a-z]?)[.)]|[-*+]) +(.*)$");
  private static final Pattern BOLD_LINE = Pattern.compile("^ {0,3}\\*\\*[^*]+\\*\\*\\s*:?\\s*$");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s");

  private QuestionReader() {}

  /**
   * The questions of every open-questions section.
   *
   * @param sections the classified sections of the model's pages
   * @param lines the source lines of each page, by file name
   */
  static List<OpenQuestion> read(
      List<SectionTree.Classified> sections, Map<String, List<String>> lines) {
    List<OpenQuestion> questions = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      SectionTree.Classified section = sections.get(i);
      if (section.section().kind() != SectionKind.OPEN_QUESTIONS) {
        continue;
      }
      String file = section.section().source().file();
      String heading = section.section().heading();
      boolean answers = SECTION_OF_ANSWERS.matcher(heading).find();
      boolean hasTable = false;
      for (MdBlock block : section.body().blocks()) {
        if (block instanceof MdBlock.Table table) {
          hasTable = true;
          readTable(table, file, heading, answers, questions);
        }
      }
      List<String> source = lines.get(file);
      if (!hasTable && source != null) {
        int from = section.section().source().line();
        int to = source.size();
        if (i + 1 < sections.size() && sections.get(i + 1).section().source().file().equals(file)) {
          to = sections.get(i + 1).section().source().line() - 1;
        }
        readLines(source, from, to, file, heading, answers, questions);
      }
    }
    return questions;
  }

  /** Items from source lines {@code from+1 .. to} (1-based, the heading on {@code from}). */
  private static void readLines(
      List<String> source,
      int from,
      int to,
      String file,
      String heading,
      boolean answers,
      List<OpenQuestion> questions) {
    String number = null;
    StringBuilder text = null;
    int start = 0;
    boolean stillOpen = false;
    boolean previousBlank = false;
    boolean inFence = false;
    for (int n = Math.max(from, 0) + 1; n <= Math.min(to, source.size()) + 1; n++) {
      String line = n <= Math.min(to, source.size()) ? source.get(n - 1) : "";
      if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      boolean end = n > Math.min(to, source.size());
      Matcher item = ITEM.matcher(line);
      boolean startsItem = !end && item.matches();
      boolean opensStill = !end && STILL_OPEN.matcher(line).find();
      boolean continues =
          !end
              && !line.isBlank()
              && !startsItem
              && !opensStill
              && !BOLD_LINE.matcher(line).matches()
              && !HEADING.matcher(line).find()
              && (!previousBlank || line.startsWith(" ") || line.startsWith("\t"));
      if (text != null && continues) {
        text.append(' ').append(line.strip());
      } else if (text != null && (end || !line.isBlank())) {
        questions.add(question(number, text, start, file, heading, answers, stillOpen));
        text = null;
      }
      if (startsItem) {
        number = item.group(1);
        text = new StringBuilder(item.group(2).strip());
        start = n;
        stillOpen = false;
      } else if (opensStill) {
        number = null;
        text = new StringBuilder(line.strip());
        start = n;
        stillOpen = true;
      }
      previousBlank = line.isBlank();
    }
  }

  private static OpenQuestion question(
      String number,
      StringBuilder raw,
      int line,
      String file,
      String heading,
      boolean answers,
      boolean stillOpen) {
    String text = plain(raw.toString());
    boolean open;
    Matcher status = STATUS.matcher(text);
    if (stillOpen) {
      open = true;
    } else if (status.find()) {
      open = !CLOSED.matcher(status.group(1)).find();
    } else {
      open = !answers && !LEAD_CLOSED.matcher(raw.toString().strip()).find();
    }
    return new OpenQuestion(
        number, text, open, waitingOn(text), new SourceRef(file, heading, line));
  }

  /** Markdown emphasis and link syntax removed; code spans keep their backticks. */
  private static String plain(String markdown) {
    return markdown
        .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
        .replaceAll("\\*\\*|__", "")
        .replaceAll("(?<![\\w*])\\*(?=\\S)|(?<=\\S)\\*(?![\\w*])", "")
        .replaceAll("\\s+", " ")
        .strip();
  }

  private static void readTable(
      MdBlock.Table table,
      String file,
      String heading,
      boolean answers,
      List<OpenQuestion> questions) {
    int status = column(table, STATUS_COLUMN);
    int owner = column(table, OWNER_COLUMN);
    for (MdBlock.Row row : table.rows()) {
      String text = Entry.join(row.cells()).text();
      String statusText = cell(row, status);
      boolean open =
          statusText == null ? !answers && isOpen(text, text) : !CLOSED.matcher(statusText).find();
      String ownerText = cell(row, owner);
      String number = row.cells().isEmpty() ? "" : row.cells().get(0).text().strip();
      questions.add(
          new OpenQuestion(
              number.matches("(?i)q?\\d{1,3}[a-z]?") ? number.replaceFirst("(?i)^q", "") : "",
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
