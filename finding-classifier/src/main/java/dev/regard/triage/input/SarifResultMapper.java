package dev.regard.triage.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regard.triage.finding.Cwe;
import dev.regard.triage.finding.Finding;
import dev.regard.triage.finding.PathNormalizer;
import dev.regard.triage.finding.PathNormalizer.UriBase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Maps one SARIF {@code result} object, with its run's context, to a {@link Finding}. */
final class SarifResultMapper {
  private static final Pattern SOURCE_FILE = Pattern.compile("\\.(java|kt|scala|groovy)$");

  private final String input;
  private final String inputName;
  private final PathNormalizer paths;

  SarifResultMapper(String input, PathNormalizer paths) {
    this.input = input;
    this.inputName = FindingIds.inputName(input);
    this.paths = paths;
  }

  String input() {
    return input;
  }

  Finding map(JsonNode result, RunContext run, int ordinal) {
    RuleInfo rule = rule(result, run);
    String ruleId = JsonInput.text(result, "ruleId");
    if (ruleId == null) {
      ruleId = JsonInput.text(result.path("rule"), "id");
    }
    if (ruleId == null && rule != null) {
      ruleId = rule.id();
    }
    Set<String> tags = new LinkedHashSet<>();
    Set<String> cwes = new LinkedHashSet<>();
    if (rule != null) {
      tags.addAll(rule.tags());
      cwes.addAll(rule.cwes());
    }
    List<String> resultTags = JsonInput.strings(result.path("properties"), "tags");
    tags.addAll(resultTags);
    resultTags.forEach(tag -> Cwe.fromTag(tag).ifPresent(cwes::add));
    JsonInput.strings(result.path("properties"), "cwe")
        .forEach(c -> Cwe.fromTaxonId(c).ifPresent(cwes::add));
    cwes.addAll(SarifTaxa.cwes(result.path("taxa"), run.taxonomyNames()));

    JsonNode location = result.path("locations").path(0);
    String path = null;
    boolean sourceRootRelative = false;
    JsonNode physical = location.path("physicalLocation");
    Optional<String> resolved = physicalPath(physical.path("artifactLocation"), run);
    String logical = logicalName(location, result);
    if (resolved.isPresent()) {
      path = resolved.get();
      sourceRootRelative =
          looksSourceRootRelative(physical.path("artifactLocation"), path, logical, run);
    }
    if (path == null && logical != null) {
      Optional<String> fromClass = PathNormalizer.javaSourceFromQualifiedName(logical);
      path = fromClass.orElse(null);
      sourceRootRelative = fromClass.isPresent();
    }
    if (sourceRootRelative) {
      Optional<String> inRepo = paths.locateSource(path);
      if (inRepo.isPresent()) {
        path = inRepo.get();
        sourceRootRelative = false;
      }
    }
    int line = physical.path("region").path("startLine").asInt(0);
    String message = message(result, rule);
    String level = level(result, rule);
    String fingerprint = FindingIds.fingerprint(run.toolName(), ruleId, path, line, message);
    return new Finding(
        FindingIds.id(inputName, ordinal),
        fingerprint,
        input,
        run.toolName(),
        ruleId,
        level,
        message,
        path,
        line,
        sourceRootRelative,
        logical,
        new ArrayList<>(cwes),
        new ArrayList<>(tags),
        JsonInput.text(physical.path("region").path("snippet"), "text"));
  }

  private Optional<String> physicalPath(JsonNode artifact, RunContext run) {
    if (!artifact.isObject()) {
      return Optional.empty();
    }
    String uri = JsonInput.text(artifact, "uri");
    String baseId = JsonInput.text(artifact, "uriBaseId");
    if (uri == null && artifact.path("index").canConvertToInt()) {
      int index = artifact.get("index").asInt();
      UriBase indexed =
          index >= 0 && index < run.artifacts().size() ? run.artifacts().get(index) : null;
      if (indexed != null) {
        uri = indexed.uri();
        baseId = baseId != null ? baseId : indexed.uriBaseId();
      }
    }
    return paths.resolve(uri, baseId, run.bases());
  }

  /**
   * SpotBugs and other bytecode scanners write a source file relative to a source root ({@code
   * org/example/Foo.java}) with no base id. Such a path is recognised when it is a source file
   * whose package path is the enclosing class's package, or when SpotBugs wrote it.
   */
  private static boolean looksSourceRootRelative(
      JsonNode artifact, String path, String logical, RunContext run) {
    if (artifact.has("uriBaseId") || path.startsWith("/") || !SOURCE_FILE.matcher(path).find()) {
      return false;
    }
    String dotted = path.substring(0, path.lastIndexOf('.')).replace('/', '.');
    if (logical != null && dotted.contains(".") && logical.contains(dotted)) {
      return true;
    }
    return run.toolName().equalsIgnoreCase("SpotBugs");
  }

  private static String logicalName(JsonNode location, JsonNode result) {
    for (JsonNode logical : location.path("logicalLocations")) {
      String name = JsonInput.text(logical, "fullyQualifiedName");
      if (name == null) {
        name = JsonInput.text(logical, "name");
      }
      if (name != null) {
        return name;
      }
    }
    // SpotBugs without sources: the class is only in the message or the properties.
    return JsonInput.text(result.path("properties"), "className");
  }

  private static RuleInfo rule(JsonNode result, RunContext run) {
    JsonNode ref = result.path("rule");
    int index = result.path("ruleIndex").asInt(ref.path("index").asInt(-1));
    JsonNode component = ref.path("toolComponent");
    if (index >= 0) {
      List<RuleInfo> rules = run.driverRules();
      if (component.path("index").canConvertToInt()) {
        int ext = component.get("index").asInt();
        rules =
            ext >= 0 && ext < run.extensionRules().size() ? run.extensionRules().get(ext) : null;
      }
      if (rules != null && index < rules.size()) {
        return rules.get(index);
      }
    }
    String id = JsonInput.text(result, "ruleId");
    if (id == null) {
      id = JsonInput.text(ref, "id");
    }
    return id == null ? null : run.rulesById().get(id);
  }

  private static String message(JsonNode result, RuleInfo rule) {
    JsonNode message = result.path("message");
    String text = JsonInput.text(message, "text");
    if (text == null) {
      text = JsonInput.text(message, "markdown");
    }
    String id = JsonInput.text(message, "id");
    if (text == null && id != null && rule != null) {
      text = rule.messageStrings().get(id);
    }
    if (text == null) {
      return "";
    }
    List<String> arguments = JsonInput.strings(message, "arguments");
    for (int i = 0; i < arguments.size(); i++) {
      text = text.replace("{" + i + "}", arguments.get(i));
    }
    return text;
  }

  private static String level(JsonNode result, RuleInfo rule) {
    String level = JsonInput.text(result, "level");
    if (level != null) {
      return level;
    }
    String kind = JsonInput.text(result, "kind");
    if (kind != null && !kind.equals("fail")) {
      return "none"; // SARIF 3.27.10: a result that is not a failure has no level
    }
    if (rule != null && rule.defaultLevel() != null) {
      return rule.defaultLevel();
    }
    return "warning";
  }
}
