package dev.regard.threatmodel.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.regard.threatmodel.Provenance;
import java.util.Locale;

/** Reads provenance tags such as {@code (documented)} or {@code (maintainer — a reviewer)}. */
public final class ProvenanceTags {

  private static final Pattern TAG =
      Pattern.compile(
          "\\(\\s*(?:all\\s+|predominantly\\s+|mostly\\s+)?(documented|maintainer|inferred)\\b[^)]*\\)",
          Pattern.CASE_INSENSITIVE);

  private ProvenanceTags() {}

  /** The first tag in {@code text}, or {@link Provenance#UNSTATED} when there is none. */
  public static Provenance of(String text) {
    Matcher matcher = TAG.matcher(text);
    return matcher.find()
        ? Provenance.valueOf(matcher.group(1).toUpperCase(Locale.ROOT))
        : Provenance.UNSTATED;
  }
}
