package dev.regard.threatmodel.reader;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.regard.threatmodel.SectionKind;
import dev.regard.threatmodel.SecurityPolicy;
import dev.regard.threatmodel.markdown.Inline;
import dev.regard.threatmodel.markdown.MdBlock;
import dev.regard.threatmodel.markdown.MdLink;
import dev.regard.threatmodel.sections.SectionTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads SECURITY.md: the reporting channels (addresses and links in the reporting sections, or in
 * the whole policy when it has none) and the supported-version statements.
 */
final class PolicyReader {

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

  private PolicyReader() {}

  static SecurityPolicy read(String file, List<SectionTree.Classified> sections) {
    boolean hasReporting =
        sections.stream().anyMatch(s -> s.section().kind() == SectionKind.REPORTING);
    Set<String> channels = new LinkedHashSet<>();
    List<String> versions = new ArrayList<>();
    for (SectionTree.Classified section : sections) {
      SectionKind kind = section.section().kind();
      for (MdBlock block : section.body().blocks()) {
        if (kind == SectionKind.REPORTING
            || (!hasReporting && kind != SectionKind.SUPPORTED_VERSIONS)) {
          block.inlines().forEach(inline -> channels.addAll(channels(inline)));
        }
        if (kind == SectionKind.SUPPORTED_VERSIONS) {
          versions.addAll(statements(block));
        }
      }
    }
    return new SecurityPolicy(file, List.copyOf(channels), versions);
  }

  private static List<String> channels(Inline inline) {
    List<String> channels = new ArrayList<>();
    Matcher email = EMAIL.matcher(inline.text());
    while (email.find()) {
      channels.add(email.group());
    }
    for (MdLink link : inline.links()) {
      String destination = link.destination();
      if (destination.startsWith("https://") || destination.startsWith("http://")) {
        channels.add(destination);
      }
    }
    return channels;
  }

  private static List<String> statements(MdBlock block) {
    if (block instanceof MdBlock.Table table) {
      return table.rows().stream().map(row -> Entry.join(row.cells()).text()).toList();
    }
    if (block instanceof MdBlock.Fence) {
      return List.of();
    }
    return block.inlines().stream().map(Inline::text).filter(t -> !t.isBlank()).toList();
  }
}
