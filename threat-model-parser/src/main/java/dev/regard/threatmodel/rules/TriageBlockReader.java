package dev.regard.threatmodel.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.regard.threatmodel.Disposition;
import dev.regard.threatmodel.MatchCriteria;
import dev.regard.threatmodel.Provenance;
import dev.regard.threatmodel.RuleOrigin;
import dev.regard.threatmodel.SourceRef;
import dev.regard.threatmodel.ThreatModelException;
import dev.regard.threatmodel.TriageRule;
import dev.regard.threatmodel.Verdict;
import dev.regard.threatmodel.markdown.MdBlock;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the explicit rules of a {@code triage} fenced block: a YAML list of rules, validated
 * strictly so that a typo never silently widens or drops a rule. Every error names the file and the
 * document line.
 */
public final class TriageBlockReader {

  /** The fenced block's info string. */
  public static final String INFO = "triage";

  private static final Set<String> RULE_KEYS =
      Set.of("id", "verdict", "disposition", "match", "rationale", "provenance");
  private static final List<String> MATCH_KEYS =
      List.of("paths", "modules", "rule_ids", "cwes", "tags", "message_patterns", "config_keys");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final Pattern CWE = Pattern.compile("(?:CWE-)?(\\d{1,5})");

  private final String file;
  private final String section;
  private final int firstContentLine;

  private TriageBlockReader(String file, String section, MdBlock.Fence fence) {
    this.file = file;
    this.section = section;
    this.firstContentLine = fence.line() + 1;
  }

  /**
   * The rules of one block.
   *
   * @param file the document's file name
   * @param section the heading of the section holding the block; becomes each rule's source
   * @param fence the block
   * @throws ThreatModelException on invalid YAML, unknown keys or verdicts, or missing fields
   */
  public static List<TriageRule> read(String file, String section, MdBlock.Fence fence) {
    return new TriageBlockReader(file, section, fence).read(fence.literal());
  }

  private List<TriageRule> read(String yaml) {
    Node root = compose(yaml);
    if (root == null) {
      return List.of();
    }
    if (!(root instanceof SequenceNode list)) {
      throw error(root, "a triage block holds a YAML list of rules (\"- id: ...\")");
    }
    List<TriageRule> rules = new ArrayList<>();
    for (Node item : list.getValue()) {
      rules.add(rule(item));
    }
    return rules;
  }

  private Node compose(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(0);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(16);
    options.setCodePointLimit(1024 * 1024);
    try {
      return new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? firstContentLine - 1 : firstContentLine + mark.getLine();
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new ThreatModelException(file, line, "invalid YAML in triage block: " + problem, e);
    } catch (YAMLException e) {
      throw new ThreatModelException(
          file, firstContentLine - 1, "invalid YAML in triage block: " + e.getMessage(), e);
    }
  }

  private TriageRule rule(Node node) {
    Map<String, Node> fields = mapping(node, RULE_KEYS, "rule");
    String id = requiredScalar(node, fields, "id");
    if (!ID.matcher(id).matches()) {
      throw error(
          fields.get("id"), "rule id '" + id + "' must be letters, digits and . _ : - only");
    }
    Verdict verdict;
    try {
      verdict = Verdict.fromId(requiredScalar(node, fields, "verdict"));
    } catch (IllegalArgumentException e) {
      throw error(fields.get("verdict"), "rule '" + id + "': " + e.getMessage());
    }
    Disposition disposition = disposition(id, verdict, fields.get("disposition"));
    if (!fields.containsKey("match")) {
      throw error(node, "rule '" + id + "' has no 'match'");
    }
    MatchCriteria match = match(id, fields.get("match"));
    String rationale = requiredScalar(node, fields, "rationale");
    Provenance provenance = Provenance.UNSTATED;
    if (fields.containsKey("provenance")) {
      try {
        provenance = Provenance.fromId(scalar(fields.get("provenance"), "provenance"));
      } catch (IllegalArgumentException e) {
        throw error(fields.get("provenance"), "rule '" + id + "': " + e.getMessage());
      }
    }
    return new TriageRule(
        id,
        verdict,
        disposition,
        match,
        rationale,
        provenance,
        RuleOrigin.EXPLICIT,
        new SourceRef(file, section, line(node)));
  }

  private Disposition disposition(String id, Verdict verdict, Node node) {
    if (node == null) {
      if (verdict == Verdict.OUT_OF_MODEL) {
        throw new ThreatModelException(
            file,
            firstContentLine,
            "rule '"
                + id
                + "': out-of-model needs a disposition (OUT-OF-MODEL:<reason> or BY-DESIGN)");
      }
      return new Disposition(Disposition.KNOWN_NON_FINDING, null);
    }
    Disposition disposition;
    try {
      disposition = Disposition.parse(scalar(node, "disposition"));
    } catch (IllegalArgumentException e) {
      throw error(node, "rule '" + id + "': " + e.getMessage());
    }
    if (verdict != RuleDeriver.verdictOf(disposition)) {
      throw error(
          node,
          "rule '"
              + id
              + "': verdict "
              + verdict.id()
              + " cannot have disposition "
              + disposition.label()
              + " (out-of-model takes OUT-OF-MODEL:<reason>; known-non-finding takes BY-DESIGN"
              + " or KNOWN-NON-FINDING)");
    }
    return disposition;
  }

  private MatchCriteria match(String id, Node node) {
    Map<String, Node> fields = mapping(node, Set.copyOf(MATCH_KEYS), "match");
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String key : MATCH_KEYS) {
      values.put(key, fields.containsKey(key) ? strings(fields.get(key), key) : List.of());
    }
    List<String> cwes = new ArrayList<>();
    List<Node> cweNodes = fields.containsKey("cwes") ? items(fields.get("cwes")) : List.of();
    for (int i = 0; i < cweNodes.size(); i++) {
      var matcher = CWE.matcher(values.get("cwes").get(i).strip().toUpperCase(Locale.ROOT));
      if (!matcher.matches()) {
        throw error(cweNodes.get(i), "rule '" + id + "': CWE must look like CWE-502");
      }
      cwes.add("CWE-" + Integer.parseInt(matcher.group(1)));
    }
    List<Node> patternNodes =
        fields.containsKey("message_patterns") ? items(fields.get("message_patterns")) : List.of();
    for (int i = 0; i < patternNodes.size(); i++) {
      // Patterns run on RE2 (linear time), so they are checked against RE2's syntax here.
      try {
        Pattern.compile(values.get("message_patterns").get(i));
      } catch (PatternSyntaxException e) {
        throw error(
            patternNodes.get(i),
            "rule '"
                + id
                + "': message pattern is not a valid RE2 regular expression: "
                + e.getDescription());
      }
    }
    MatchCriteria criteria =
        new MatchCriteria(
            values.get("paths").stream().map(ProseCriteria::pathGlob).toList(),
            values.get("modules").stream().map(ProseCriteria::pathGlob).toList(),
            values.get("rule_ids"),
            cwes,
            values.get("tags"),
            values.get("message_patterns"),
            values.get("config_keys"));
    if (criteria.isEmpty()) {
      throw error(
          node,
          "rule '"
              + id
              + "': match gives no criterion; a rule without one would match every"
              + " finding");
    }
    return criteria;
  }

  private Map<String, Node> mapping(Node node, Set<String> allowed, String what) {
    if (!(node instanceof MappingNode mapping)) {
      throw error(node, what + " must be a YAML mapping");
    }
    Map<String, Node> fields = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalar(tuple.getKeyNode(), what + " key");
      if (!allowed.contains(key)) {
        throw error(
            tuple.getKeyNode(),
            "unknown "
                + what
                + " key '"
                + key
                + "' (allowed: "
                + String.join(", ", sorted(allowed))
                + ")");
      }
      if (fields.put(key, tuple.getValueNode()) != null) {
        throw error(tuple.getKeyNode(), "duplicate " + what + " key '" + key + "'");
      }
    }
    return fields;
  }

  private String requiredScalar(Node owner, Map<String, Node> fields, String key) {
    Node node = fields.get(key);
    if (node == null) {
      throw error(owner, "rule has no '" + key + "'");
    }
    String value = scalar(node, key).strip();
    if (value.isEmpty()) {
      throw error(node, "'" + key + "' is empty");
    }
    return value;
  }

  private String scalar(Node node, String what) {
    if (!(node instanceof ScalarNode scalar)) {
      throw error(node, what + " must be a single value");
    }
    return scalar.getValue();
  }

  /** A scalar or a list of scalars, each non-blank. */
  private List<String> strings(Node node, String key) {
    List<String> values = new ArrayList<>();
    for (Node item : items(node)) {
      String value = scalar(item, key + " entry").strip();
      if (value.isEmpty()) {
        throw error(item, key + " entry is empty");
      }
      values.add(value);
    }
    return values;
  }

  private List<Node> items(Node node) {
    return node instanceof SequenceNode list ? list.getValue() : List.of(node);
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }

  private int line(Node node) {
    return firstContentLine + node.getStartMark().getLine();
  }

  private ThreatModelException error(Node node, String cause) {
    return new ThreatModelException(file, line(node), "triage block: " + cause);
  }
}
