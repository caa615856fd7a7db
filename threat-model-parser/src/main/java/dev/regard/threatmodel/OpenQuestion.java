package dev.regard.threatmodel;

/**
 * A question the threat model asks its maintainers, open or answered.
 *
 * @param number the item's number as written ("2", "8a"), or empty when unnumbered
 * @param text the question as plain text
 * @param open false when the entry (or its section) says it is answered, resolved or confirmed
 * @param waitingOn whom the answer waits on, or {@code null} when not stated
 * @param source where it is stated
 */
public record OpenQuestion(
    String number, String text, boolean open, String waitingOn, SourceRef source) {

  public OpenQuestion {
    number = number == null ? "" : number;
  }

  /** "§14 Q2" style citation: the section and the number, or the source when unnumbered. */
  public String citation() {
    return number.isEmpty() ? source.toString() : source.section() + " Q" + number;
  }
}
