package dev.regard.threatmodel.markdown;

import java.util.List;

/**
 * A heading and the blocks up to the next heading of any level.
 *
 * @param heading the heading text; empty for the preamble before the first heading
 * @param level the heading level, or 0 for the preamble
 * @param line the heading's 1-based line (1 for the preamble)
 * @param blocks the body, in document order
 */
public record MdSection(String heading, int level, int line, List<MdBlock> blocks) {

  public MdSection {
    blocks = List.copyOf(blocks);
  }
}
