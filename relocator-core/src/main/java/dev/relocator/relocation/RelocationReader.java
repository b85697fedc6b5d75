package dev.relocator.relocation;

import dev.relocator.Diagnostic;
import dev.relocator.RelocatorException;
import dev.relocator.Suggestions;
import dev.relocator.TextFiles;
import dev.relocator.YamlNodes;
import dev.relocator.image.LayoutText;
import dev.relocator.rewrite.InvalidRulesException;
import dev.relocator.rewrite.RewriteRules;
import dev.relocator.vector.FindOptions;
import dev.relocator.version.InvalidVersionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a relocation file from SnakeYAML's node tree, as the vector reader does, so that every
 * finding carries file, line and key path, and all of them come back at once: unknown keys (with
 * "did you mean"), values of the wrong kind, missing or unreadable files, Kubernetes versions that
 * do not parse, and the rules' own findings (an inline list is checked where it stands in the file).
 * Paths are resolved against the file's directory.
 */
public final class RelocationReader {
  private final Path file;
  private final String source;
  private final String text;
  private final Path dir;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  /** The line of each key read, by key path: a finding about a whole mapping points at its key. */
  private final Map<String, Integer> keyLines = new LinkedHashMap<>();

  private RelocationReader(Path file, String text) {
    this.file = file;
    this.source = file.toString();
    this.text = text;
    Path parent = file.getParent();
    this.dir = parent == null ? Path.of("") : parent;
  }

  /** What was read, and every finding; {@code relocation} is null when the file is no usable mapping. */
  public record Result(Relocation relocation, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  /** Reads {@code file}; throws {@link RelocatorException} only when it cannot be read at all. */
  public static Result read(Path file) {
    return read(file, TextFiles.read(file));
  }

  /** Reads {@code text} as the content of {@code file} (whose directory anchors relative paths). */
  public static Result read(Path file, String text) {
    RelocationReader reader = new RelocationReader(file, text);
    Relocation relocation = reader.read();
    List<Diagnostic> sorted = new ArrayList<>(reader.diagnostics);
    sorted.sort(Comparator.comparingInt(Diagnostic::line).thenComparing(Diagnostic::path));
    return new Result(relocation, sorted);
  }

  private Relocation read() {
    int findings = diagnostics.size();
    Node root = YamlNodes.compose(source, text, diagnostics);
    if (diagnostics.size() > findings) {
      return null;
    }
    if (!(root instanceof MappingNode top)) {
      error(root == null ? 1 : line(root), "", "expected a mapping with apiVersion: " + Relocation.API_VERSION
          + " and kind: " + Relocation.KIND + (root == null ? ", found an empty file" : ", found " + kind(root)));
      return null;
    }
    Map<String, Node> fields = mapping(top, "");
    constant(top, fields, "apiVersion", Relocation.API_VERSION);
    constant(top, fields, "kind", Relocation.KIND);
    Sources sources = sources(top, fields.get("sources"));
    Optional<RewriteRules> rules = rules(fields.get("rules"), fields.containsKey("rules") ? rulesKey(top) : null);
    Optional<Located> target = Optional.ofNullable(located(fields.get("target"), "target")).map(this::resolvedLocation);
    Relocation.Registries registries = registries(fields.get("registries"));
    Relocation.Outputs outputs = outputs(fields.get("outputs"));
    Optional<Located> referrers = Optional.ofNullable(located(fields.get("referrers"), "referrers"));
    if (outputs.overwrite().isPresent() && sources.vector.isEmpty()) {
      error(keyLines.get("outputs.overwrite"), "outputs.overwrite", "needs sources.vector: the overwrite names its entries");
    }
    return new Relocation(file, sources.vector, sources.images, sources.manifests, sources.bundle, rules, target,
        registries, outputs, referrers);
  }

  private record Sources(Optional<Relocation.VectorSource> vector, List<Path> images, List<Path> manifests,
      Optional<Located> bundle) {}

  private Sources sources(MappingNode top, Node node) {
    Sources none = new Sources(Optional.empty(), List.of(), List.of(), Optional.empty());
    if (node == null) {
      error(line(top), "sources", "missing: name at least one of vector, images, manifests, bundle");
      return none;
    }
    Map<String, Node> fields = section(node, "sources");
    if (fields == null) {
      return none;
    }
    if (fields.isEmpty()) {
      error(keyLines.get("sources"), "sources", "empty: name at least one of vector, images, manifests, bundle");
    }
    Optional<Relocation.VectorSource> vector = Optional.ofNullable(vector(fields.get("vector")));
    List<Path> images = files(fields.get("images"), "sources.images");
    List<Path> manifests = files(fields.get("manifests"), "sources.manifests");
    Optional<Located> bundle = Optional.ofNullable(located(fields.get("bundle"), "sources.bundle"))
        .map(this::resolvedLocation);
    bundle.ifPresent(this::checkBundle);
    return new Sources(vector, images, manifests, bundle);
  }

  private Relocation.VectorSource vector(Node node) {
    Map<String, Node> fields = section(node, "sources.vector");
    if (fields == null) {
      return null;
    }
    Path vectorFile = null;
    if (fields.containsKey("file")) {
      List<Path> one = files(fields.get("file"), "sources.vector.file", false);
      vectorFile = one.isEmpty() ? null : one.get(0);
    } else {
      error(keyLines.get("sources.vector"), "sources.vector.file", "missing: the image vector file");
    }
    List<Path> overwrites = files(fields.get("overwrites"), "sources.vector.overwrites");
    List<String> versions = new ArrayList<>();
    for (Located version : strings(fields.get("kubernetesVersions"), "sources.vector.kubernetesVersions")) {
      try {
        FindOptions.of(null, version.value(), null); // as --target-version is checked
        versions.add(version.value());
      } catch (InvalidVersionException e) {
        diagnostics.add(version.error(e.getMessage()));
      }
    }
    List<Located> architectures = strings(fields.get("architectures"), "sources.vector.architectures");
    return vectorFile == null ? null : new Relocation.VectorSource(vectorFile, overwrites, versions, architectures);
  }

  /**
   * The rules of a file name, or of an inline list: that list is parsed from the relocation file's
   * own lines (the rest blanked), so its findings carry the file's line numbers and the key path
   * {@code rules[2].prefix} as it stands there.
   */
  private Optional<RewriteRules> rules(Node node, NodeTuple key) {
    if (node == null) {
      return Optional.empty();
    }
    try {
      if (node instanceof ScalarNode) {
        Located name = located(node, "rules");
        Path rulesFile = name == null ? null : existing(name, dir.resolve(name.value()), false);
        if (rulesFile == null) {
          return Optional.empty();
        }
        RewriteRules rules = RewriteRules.load(rulesFile);
        diagnostics.addAll(rules.warnings());
        return Optional.of(rules);
      }
      if (!(node instanceof SequenceNode)) {
        error(line(node), "rules", "must be a rules file name or a list of rules, found " + kind(node));
        return Optional.empty();
      }
      RewriteRules rules = RewriteRules.parse(source, onlyLines(key));
      diagnostics.addAll(rules.warnings());
      return Optional.of(rules);
    } catch (InvalidRulesException e) {
      diagnostics.addAll(e.diagnostics());
      return Optional.empty();
    } catch (RelocatorException e) {
      error(line(node), "rules", e.getMessage());
      return Optional.empty();
    }
  }

  /** The file's text with every line outside {@code tuple} blank, so line numbers stay those of the file. */
  private String onlyLines(NodeTuple tuple) {
    int first = tuple.getKeyNode().getStartMark().getLine();
    var end = tuple.getValueNode().getEndMark();
    int last = end.getColumn() == 0 ? end.getLine() - 1 : end.getLine();
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      out.append(i >= first && i <= last ? lines[i] : "").append('\n');
    }
    return out.toString();
  }

  private NodeTuple rulesKey(MappingNode top) {
    NodeTuple found = null;
    for (NodeTuple tuple : top.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("rules")) {
        found = tuple;
      }
    }
    return found;
  }

  private Relocation.Registries registries(Node node) {
    Map<String, Node> fields = section(node, "registries");
    if (fields == null) {
      return Relocation.Registries.NONE;
    }
    List<String> insecure = strings(fields.get("insecure"), "registries.insecure").stream().map(Located::value).toList();
    Optional<Path> caFile = files(fields.get("caFile"), "registries.caFile", false).stream().findFirst();
    Map<String, List<Located>> endpoints = new LinkedHashMap<>();
    Node endpointsNode = fields.get("endpoints");
    MappingNode endpointMap = endpointsNode == null ? null : asMapping(endpointsNode, "registries.endpoints");
    if (endpointMap != null) {
      for (NodeTuple tuple : endpointMap.getValue()) {
        String name = tuple.getKeyNode() instanceof ScalarNode key ? key.getValue() : null;
        if (name == null || name.isBlank()) {
          error(line(tuple.getKeyNode()), "registries.endpoints", "registry names must be plain strings");
          continue;
        }
        endpoints.put(name, strings(tuple.getValueNode(), "registries.endpoints." + name));
      }
    }
    return new Relocation.Registries(insecure, caFile, endpoints);
  }

  private Relocation.Outputs outputs(Node node) {
    Map<String, Node> fields = section(node, "outputs");
    if (fields == null) {
      return Relocation.Outputs.NONE;
    }
    return new Relocation.Outputs(output(fields.get("lock"), "outputs.lock"),
        output(fields.get("overwrite"), "outputs.overwrite"), imageMaps(fields.get("imageMaps")),
        output(fields.get("containerd"), "outputs.containerd"), output(fields.get("crio"), "outputs.crio"));
  }

  private Optional<Relocation.ImageMaps> imageMaps(Node node) {
    Map<String, Node> fields = section(node, "outputs.imageMaps");
    if (fields == null) {
      return Optional.empty();
    }
    Optional<Path> out = output(fields.get("file"), "outputs.imageMaps.file");
    if (!fields.containsKey("file")) {
      error(keyLines.get("outputs.imageMaps"), "outputs.imageMaps.file", "missing: the file the maps are written to");
    }
    Optional<Located> namespace = Optional.ofNullable(located(fields.get("namespace"), "outputs.imageMaps.namespace"));
    Optional<Located> cluster = Optional.ofNullable(located(fields.get("cluster"), "outputs.imageMaps.cluster"));
    if (namespace.isPresent() == cluster.isPresent()) {
      error(keyLines.get("outputs.imageMaps"), "outputs.imageMaps", namespace.isPresent()
          ? "has both namespace and cluster: an ImageMap is for one namespace, a ClusterImageMap for all"
          : "needs namespace (an ImageMap) or cluster (a ClusterImageMap)");
    }
    return out.map(f -> new Relocation.ImageMaps(f, namespace, cluster));
  }

  /** An output path: a string, resolved; its directory is made when written. */
  private Optional<Path> output(Node node, String path) {
    Located value = located(node, path);
    return value == null ? Optional.empty() : Optional.of(dir.resolve(value.value()).normalize());
  }

  /** Hands back the known keys; each unknown key and each duplicate is an error. */
  private Map<String, Node> mapping(MappingNode map, String path) {
    List<String> known = RelocationSchema.keysBelow(path);
    Map<String, Node> fields = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    String prefix = path.isEmpty() ? "" : path + ".";
    for (NodeTuple tuple : map.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        error(line(tuple.getKeyNode()), path, "keys must be plain strings, found " + kind(tuple.getKeyNode()));
        continue;
      }
      String key = keyNode.getValue();
      if (!seen.add(key)) {
        error(line(keyNode), prefix + key, "duplicate key");
      } else if (known.contains(key)) {
        fields.put(key, tuple.getValueNode());
        keyLines.put(prefix + key, line(keyNode));
      } else {
        String suggestion = Suggestions.closest(key, known);
        error(line(keyNode), prefix + key, "unknown key" + (suggestion == null ? "" : " (did you mean \"" + suggestion
            + "\"?)") + "; " + (path.isEmpty() ? "the file" : path) + " holds " + String.join(", ", known));
      }
    }
    return fields;
  }

  private void constant(MappingNode top, Map<String, Node> fields, String key, String expected) {
    Node node = fields.get(key);
    if (node == null) {
      error(line(top), key, "missing: must be " + expected);
      return;
    }
    Located value = located(node, key);
    if (value != null && !value.value().equals(expected)) {
      diagnostics.add(value.error("\"" + value.value() + "\": must be " + expected));
    }
  }

  /** One file, or a list of them, each resolved and required to exist. */
  private List<Path> files(Node node, String path) {
    return files(node, path, true);
  }

  private List<Path> files(Node node, String path, boolean list) {
    List<Path> out = new ArrayList<>();
    for (Located name : list ? strings(node, path) : optional(located(node, path))) {
      Path resolved = existing(name, dir.resolve(name.value()).normalize(), false);
      if (resolved != null) {
        out.add(resolved);
      }
    }
    return out;
  }

  private Path existing(Located name, Path resolved, boolean directory) {
    if (directory ? Files.isDirectory(resolved) : Files.isRegularFile(resolved)) {
      return resolved;
    }
    String why = Files.exists(resolved) ? (directory ? "is not a directory" : "is a directory, not a file") : "no such "
        + (directory ? "directory" : "file");
    diagnostics.add(name.error(name.value() + ": " + why + " (" + resolved + ", relative to the relocation file)"));
    return null;
  }

  private void checkBundle(Located bundle) {
    Optional<LayoutText> layout = LayoutText.split(bundle.value());
    if (layout.isEmpty()) {
      diagnostics.add(bundle.error("\"" + bundle.value() + "\": expected oci:DIR or oci-archive:FILE"));
      return;
    }
    Path whole = Path.of(layout.get().rest()); // already resolved against the file's directory
    if (layout.get().name() != null && !Files.exists(whole)) {
      // mirror's --from takes oci:DIR:REF for one image; a bundle is every image it holds.
      diagnostics.add(bundle.error("\"" + bundle.value() + "\": a bundle is read whole: oci:DIR or oci-archive:FILE,"
          + " without :REF"));
      return;
    }
    existing(bundle, whole, !layout.get().archive());
  }

  /**
   * {@code oci:DIR} and {@code oci-archive:FILE} with the path (all after the prefix: a bundle or
   * target names no image) resolved against the file's directory.
   */
  private Located resolvedLocation(Located location) {
    return LayoutText.split(location.value()).filter(layout -> !layout.rest().isEmpty())
        .map(layout -> new Located(layout.prefix() + dir.resolve(layout.rest()).normalize(), location.source(),
            location.line(), location.path()))
        .orElse(location);
  }

  /** A string or a list of strings, each located; anything else is an error. */
  private List<Located> strings(Node node, String path) {
    if (node == null || isNull(node)) {
      return List.of();
    }
    if (node instanceof ScalarNode) {
      return optional(located(node, path));
    }
    if (!(node instanceof SequenceNode sequence)) {
      error(line(node), path, "must be a list of strings, found " + kind(node));
      return List.of();
    }
    List<Located> out = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      out.addAll(optional(located(sequence.getValue().get(i), path + "[" + i + "]")));
    }
    return out;
  }

  /** A non-empty string value with its place; null (after an error) for anything else. */
  private Located located(Node node, String path) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof ScalarNode scalar) || isNull(node)) {
      error(line(node), path, "must be a string, found " + (isNull(node) ? "nothing" : kind(node)));
      return null;
    }
    if (scalar.getValue().isBlank()) {
      error(line(node), path, "must not be empty");
      return null;
    }
    return new Located(scalar.getValue(), source, line(node), path);
  }

  /** The known keys of the mapping at {@code path}; null when it is absent or (after an error) no mapping. */
  private Map<String, Node> section(Node node, String path) {
    MappingNode map = node == null ? null : asMapping(node, path);
    return map == null ? null : mapping(map, path);
  }

  private MappingNode asMapping(Node node, String path) {
    if (node instanceof MappingNode map) {
      return map;
    }
    error(line(node), path, "must be a mapping, found " + (isNull(node) ? "nothing" : kind(node)));
    return null;
  }

  private static List<Located> optional(Located value) {
    return value == null ? List.of() : List.of(value);
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  private static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    return node instanceof SequenceNode ? "a list" : "the scalar \"" + ((ScalarNode) node).getValue() + "\"";
  }

  private static int line(Node node) {
    return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  private void error(int line, String path, String message) {
    diagnostics.add(Diagnostic.error(source, line, path, message));
  }
}
