/**
 * Classifies scanner findings against a threat model.
 *
 * <p>Layers, each calling only downwards: {@code cli} (the {@code scan-triage} command line) ->
 * {@code output} (SARIF with suppressions, JSON, Markdown) -> {@code classify} (rules applied to
 * findings) -> {@code input} (streaming SARIF and agent JSON readers) -> {@code finding} (the
 * normalised finding and its path handling).
 */
package dev.regard.triage;
