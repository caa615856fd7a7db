package dev.regard.triage.finding;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises the many ways tools spell a CWE and brings them to the {@code CWE-79} form. */
public final class Cwe {
  // "CWE-79", "cwe-079", "CWE-79: Improper ..." (Semgrep), "external/cwe/cwe-079" (CodeQL).
  private static final Pattern TAG =
      Pattern.compile("^(?:external/cwe/)?cwe[-_ ]?0*(\\d+)(?:\\b.*)?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBER = Pattern.compile("^0*(\\d+)$");

  private Cwe() {}

  /** The CWE a tag names, if it names one. */
  public static Optional<String> fromTag(String tag) {
    Matcher m = TAG.matcher(tag.trim());
    return m.matches() ? Optional.of("CWE-" + m.group(1)) : Optional.empty();
  }

  /** The CWE an id from a CWE taxonomy names: {@code 79}, {@code 079} or {@code CWE-79}. */
  public static Optional<String> fromTaxonId(String id) {
    Matcher m = NUMBER.matcher(id.trim());
    return m.matches() ? Optional.of("CWE-" + m.group(1)) : fromTag(id);
  }

  /** Normalises a CWE as written in a threat model; returns the input upper-cased if unknown. */
  public static String normalise(String cwe) {
    return fromTaxonId(cwe).orElse(cwe.trim().toUpperCase(Locale.ROOT));
  }
}
