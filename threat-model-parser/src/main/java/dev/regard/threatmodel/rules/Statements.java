package dev.regard.threatmodel.rules;

import com.google.re2j.Pattern;
import dev.regard.threatmodel.markdown.Inline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads prose sentence by sentence and says which way each one points: a sentence that puts what it
 * names out of scope, one that puts it in scope (or makes an exception, or gives it to the PMC's
 * responsibility), or one that does neither. Only an {@link Stance#OUT} sentence may yield a
 * suppressing rule; a token an {@link Stance#IN} sentence names anywhere in the model vetoes it.
 */
public final class Statements {

  /** Which way a sentence points. */
  public enum Stance {
    /** It puts what it names out of scope or out of the model. */
    OUT,
    /** It puts what it names in scope, makes an exception, or keeps it the project's concern. */
    IN,
    /** Neither, or it negates what it says: no rule comes from it. */
    NONE
  }

  /**
   * One sentence of an entry.
   *
   * @param text the sentence, code spans in backticks
   * @param stance which way it points
   * @param codeSpans the backticked tokens in it, in order
   */
  public record Sentence(String text, Stance stance, List<String> codeSpans) {
    public Sentence {
      codeSpans = List.copyOf(codeSpans);
    }
  }

  private static final Pattern IN =
      Pattern.compile(
          "(?i)(?:^|[^-\\w])(?:in[- ]scope|in[- ]model|in this model)\\b"
              + "|\\b(?:are|is|remains?|stays?)\\s+(?:\\w+\\s+)?in\\b(?:[^-\\w]|$)"
              + "|\\bpmc'?s responsibility|\\bresponsibility of the pmc|\\bmaintained by the pmc"
              + "|^\\W*(?:exception|except|unless|unlike|however)\\b|\\bexception\\s*:"
              + "|\\bdo not (?:treat|file|wave)\\b|\\bnot (?:an? )?out[- ]of[- ](?:scope|model)"
              + "|\\bis (?:a |an )?(?:valid|security finding|security issue|cve-class)\\b"
              + "|\\bIS a security finding\\b|\\bcovered by (?:this|the) model\\b"
              + "|\\bare in scope\\b|\\bcode-level bugs?\\b[^.]*\\bin scope\\b");

  private static final Pattern OUT =
      Pattern.compile(
          "(?i)\\bout[- ]of[- ](?:scope|model|the model)\\b|\\bnot in scope\\b"
              + "|\\boutside (?:the |its |of the )?(?:scope|model|trust boundary|security boundary)"
              + "|\\bnot (?:part of|covered by) (?:the |this )?(?:security )?(?:model|attack surface)"
              + "|\\bnot components? of a running\\b|\\bnot the (?:shipped |production )?runtime"
              + "|\\bnot (?:a |the )?(?:production )?(?:runtime )?trust surface"
              + "|\\bexcluded\\b|\\bnon[- ]goals?\\b|\\bunsupported[- ]component"
              + "|\\bsecurity boundary is the application'?s|\\bwithin the application'?s trust"
              + "|\\bfalls? within the application'?s\\b");

  /** A negation before the first token: "*not applying* `X` is out of scope". */
  private static final Pattern NEGATION =
      Pattern.compile("(?i)\\b(?:not|never|no|without|cannot|can't|don't|doesn't|isn't)\\b");

  private static final int MAX_SENTENCE = 4_000;

  private Statements() {}

  /** The sentences of an entry, each with its stance; {@code fallback} when a sentence has none. */
  public static List<Sentence> of(Inline content, Stance fallback) {
    List<Sentence> sentences = new ArrayList<>();
    for (String text : split(content.text())) {
      List<String> spans = new ArrayList<>();
      for (String span : content.codeSpans()) {
        if (text.contains("`" + span + "`")) {
          spans.add(span);
        }
      }
      sentences.add(new Sentence(text, stance(text, spans, fallback), spans));
    }
    return sentences;
  }

  /** The stance of one sentence. */
  public static Stance stance(String text, List<String> spans, Stance fallback) {
    if (text.length() > MAX_SENTENCE) {
      return Stance.NONE; // not prose: no sentence of a model runs this long
    }
    boolean in = IN.matcher(text).find();
    boolean out = OUT.matcher(text).find();
    if (in) {
      return Stance.IN; // an in-scope word anywhere wins: when in doubt, in scope
    }
    if (out) {
      return negatedBeforeTokens(text, spans) ? Stance.NONE : Stance.OUT;
    }
    return fallback == Stance.OUT && negatedBeforeTokens(text, spans) ? Stance.NONE : fallback;
  }

  private static boolean negatedBeforeTokens(String text, List<String> spans) {
    if (spans.isEmpty()) {
      return false;
    }
    int first = text.indexOf("`" + spans.get(0) + "`");
    return first > 0 && NEGATION.matcher(text.substring(0, first)).find();
  }

  /**
   * Sentences: split after {@code .}, {@code !} or {@code ?} followed by a capital, a backtick or
   * an opening parenthesis, and before "Note:"; "e.g." and "i.e." do not end a sentence.
   */
  static List<String> split(String text) {
    List<String> sentences = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean end =
          (c == '.' || c == '!' || c == '?' || c == ';')
              && i + 2 < text.length()
              && text.charAt(i + 1) == ' '
              && "ABCDEFGHIJKLMNOPQRSTUVWXYZ`(*".indexOf(text.charAt(i + 2)) >= 0
              && !abbreviation(text, i);
      boolean note = text.startsWith("(Note:", i) || text.startsWith("Note:", i);
      if (note && i > start) {
        sentences.add(text.substring(start, i).strip());
        start = i;
      } else if (end) {
        sentences.add(text.substring(start, i + 1).strip());
        start = i + 2;
      }
    }
    if (start < text.length()) {
      sentences.add(text.substring(start).strip());
    }
    sentences.removeIf(String::isEmpty);
    return sentences;
  }

  private static boolean abbreviation(String text, int dot) {
    String before = text.substring(Math.max(0, dot - 4), dot).toLowerCase(Locale.ROOT);
    return before.endsWith("e.g")
        || before.endsWith("i.e")
        || before.endsWith(" etc")
        || before.endsWith(" vs");
  }
}
