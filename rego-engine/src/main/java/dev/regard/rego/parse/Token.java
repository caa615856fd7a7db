package dev.regard.rego.parse;

import dev.regard.rego.ast.Location;

/**
 * A lexical token. {@code text} is the source text, or the decoded value for strings; {@code
 * newlineBefore} tells whether a line break separates it from the previous token, which ends a body
 * expression; {@code spaceBefore} whether anything (blanks, comments, line breaks) does.
 */
record Token(
    Kind kind, String text, Location location, boolean newlineBefore, boolean spaceBefore) {
  enum Kind {
    IDENT,
    STRING,
    NUMBER,
    PUNCT,
    EOF
  }

  boolean is(String punctOrIdent) {
    return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(punctOrIdent);
  }
}
