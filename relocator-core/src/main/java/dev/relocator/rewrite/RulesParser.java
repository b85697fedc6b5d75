package dev.relocator.rewrite;

import dev.relocator.Diagnostic;
import dev.relocator.InputKind;
import dev.relocator.Suggestions;
import dev.relocator.YamlNodes;
import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns the YAML of a rules file into {@link Rule}s, reading SnakeYAML's node tree so that
 * every finding carries the line and the field path ({@code rules[2].prefix}) it is about.
 */
final class RulesParser {
  private static final Set<String> KINDS = Set.of("overwriteRegistry", "prefix", "from", "flatten");
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "overwriteRegistry", Set.of("dropDigest", "corednsQuirk", "skipVerify", "plainHttp"),
      "prefix", Set.of("to", "skipVerify", "plainHttp", "server"),
      "from", Set.of("to"),
      "flatten", Set.of());
  private static final Set<String> COMMON = Set.of("include", "exclude");

  private final String source;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  RulesParser(String source) {
    this.source = source;
  }

  /** Every finding, in file order (fields are checked by kind, not by position). */
  List<Diagnostic> diagnostics() {
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(java.util.Comparator.comparingInt(Diagnostic::line));
    return sorted;
  }

  List<Rule> parse(String text) {
    int before = diagnostics.size();
    Node root = YamlNodes.compose(source, text, diagnostics);
    return diagnostics.size() > before ? List.of() : parse(root);
  }

  /**
   * The rules of {@code values}, one map per rule with a rules file's fields: represented as the
   * node tree a file would compose to (no text, no line numbers), then checked the same way.
   */
  List<Rule> parseValues(List<? extends Map<String, ?>> values) {
    return parse(new Yaml().represent(Map.of("rules", values)));
  }

  private List<Rule> parse(Node root) {
    if (root == null) {
      error(0, "", "file is empty; expected a mapping with a \"rules\" list");
      return List.of();
    }
    if (!(root instanceof MappingNode mapping)) {
      error(line(root), "", "expected a mapping with a \"rules\" list");
      return List.of();
    }
    Optional<InputKind> kind = InputKind.of(mapping);
    if (kind.isPresent() && kind.get().type() != InputKind.Type.RULES) {
      error(line(root), "", kind.get().notA("a rules file, which has a \"rules\" list (or a KubeOne cluster file)"));
      return List.of();
    }
    Node list = null;
    for (NodeTuple tuple : mapping.getValue()) {
      String key = keyOf(tuple);
      if ("rules".equals(key) && list != null) {
        error(line(tuple.getKeyNode()), key, "duplicate field");
      } else if ("rules".equals(key)) {
        list = tuple.getValueNode();
      } else {
        error(line(tuple.getKeyNode()), key == null ? "" : key, "unknown field; the file holds only \"rules\"");
      }
    }
    if (list == null) {
      error(line(root), "rules", "missing; expected a list of rules");
      return List.of();
    }
    if (!(list instanceof SequenceNode sequence)) {
      error(line(list), "rules", "expected a list of rules");
      return List.of();
    }
    List<Rule> rules = new ArrayList<>();
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      Rule rule = rule(i, items.get(i));
      if (rule != null) {
        rules.add(rule);
      }
    }
    return rules;
  }

  private Rule rule(int index, Node node) {
    String at = "rules[" + index + "]";
    if (!(node instanceof MappingNode mapping)) {
      error(line(node), at, "expected a mapping with one of " + String.join(", ", sorted(KINDS)));
      return null;
    }
    Map<String, Node> fields = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = keyOf(tuple);
      if (key == null) {
        error(line(tuple.getKeyNode()), at, "field names must be plain strings");
      } else if (fields.putIfAbsent(key, tuple.getValueNode()) != null) {
        error(line(tuple.getKeyNode()), at + "." + key, "duplicate field");
      }
    }
    int errors = errorCount();
    List<String> kinds = fields.keySet().stream().filter(KINDS::contains).toList();
    if (kinds.isEmpty()) {
      for (String key : fields.keySet()) {
        String suggestion = Suggestions.closest(key, allFields());
        if (suggestion != null && KINDS.contains(suggestion)) {
          error(line(node), at, "needs one of " + String.join(", ", sorted(KINDS))
              + "; did you mean " + suggestion + " instead of " + key + "?");
          return null;
        }
      }
    }
    if (kinds.size() != 1) {
      error(line(node), at, kinds.isEmpty()
          ? "needs one of " + String.join(", ", sorted(KINDS))
          : "has " + String.join(" and ", kinds) + "; a rule has exactly one kind");
      return null;
    }
    String kind = kinds.get(0);
    for (Map.Entry<String, Node> field : fields.entrySet()) {
      String key = field.getKey();
      if (!key.equals(kind) && !COMMON.contains(key) && !ALLOWED.get(kind).contains(key)) {
        boolean elsewhere = ALLOWED.values().stream().anyMatch(s -> s.contains(key));
        String suggestion = Suggestions.closest(key, allFields());
        error(line(field.getValue()), at + "." + key, elsewhere
            ? "not allowed in a " + kind + " rule"
            : "unknown field" + (suggestion == null ? "" : "; did you mean " + suggestion + "?"));
      }
    }
    Selector selector = selector(at, fields);
    int line = line(node);
    Rule rule = switch (kind) {
      case "overwriteRegistry" -> overwrite(index, line, at, fields, selector);
      case "prefix" -> prefix(index, line, at, fields, selector);
      case "from" -> exact(index, line, at, fields, selector);
      default -> flatten(index, line, at, fields, selector);
    };
    return errorCount() == errors ? rule : null;
  }

  private Rule overwrite(int index, int line, String at, Map<String, Node> fields, Selector selector) {
    Location target = location(at + ".overwriteRegistry", fields.get("overwriteRegistry"));
    boolean dropDigest = bool(at + ".dropDigest", fields.get("dropDigest"), false);
    boolean coredns = bool(at + ".corednsQuirk", fields.get("corednsQuirk"), true);
    Rule.MirrorOptions mirror = mirror(at, fields, false);
    if (target == null || selector == null) {
      return null;
    }
    return new Rule.OverwriteRegistry(index, line, selector, target, dropDigest, coredns, mirror);
  }

  private Rule prefix(int index, int line, String at, Map<String, Node> fields, Selector selector) {
    Node prefixNode = fields.get("prefix");
    String text = string(at + ".prefix", prefixNode);
    String prefix = null;
    if (text != null) {
      if (text.equals(Rule.Prefix.ANY)) {
        prefix = text;
      } else if (text.startsWith("*")) {
        error(line(prefixNode), at + ".prefix", Location.quote(text)
            + ": wildcard host prefixes are not supported; use \"*\" for every registry or include globs");
      } else {
        Location location = location(at + ".prefix", prefixNode);
        prefix = location == null ? null : location.toString();
      }
    }
    Location to = required(line, at, "to", fields) ? location(at + ".to", fields.get("to")) : null;
    Rule.MirrorOptions mirror = mirror(at, fields, true);
    if (Rule.Prefix.ANY.equals(prefix) && fields.containsKey("server")) {
      error(line(fields.get("server")), at + ".server", "the \"*\" prefix has no single upstream server");
    }
    if (prefix == null || to == null || selector == null) {
      return null;
    }
    return new Rule.Prefix(index, line, selector, prefix, to, mirror);
  }

  private Rule exact(int index, int line, String at, Map<String, Node> fields, Selector selector) {
    ImageReference from = reference(at + ".from", fields.get("from"));
    ImageReference to = required(line, at, "to", fields) ? reference(at + ".to", fields.get("to")) : null;
    if (from == null || to == null || selector == null) {
      return null;
    }
    if (from.tag().isEmpty() && from.digest().isEmpty()
        && (to.tag().isPresent() || to.digest().isPresent())) {
      error(line(fields.get("to")), at + ".to", Location.quote(to.toString()) + " pins a tag or digest,"
          + " but from \"" + from + "\" maps every tag and digest of its repository; drop it, or add one to from");
      return null;
    }
    return new Rule.Exact(index, line, selector, from, to);
  }

  private Rule flatten(int index, int line, String at, Map<String, Node> fields, Selector selector) {
    Node node = fields.get("flatten");
    if (!(node instanceof MappingNode mapping)) {
      error(line(node), at + ".flatten", "expected a mapping with a prefix, such as {prefix: registry.example/flat}");
      return null;
    }
    Node prefixNode = null;
    for (NodeTuple tuple : mapping.getValue()) {
      String key = keyOf(tuple);
      if ("prefix".equals(key)) {
        prefixNode = tuple.getValueNode();
      } else {
        error(line(tuple.getKeyNode()), at + ".flatten." + key, "unknown field; flatten takes only prefix");
      }
    }
    if (prefixNode == null) {
      error(line(node), at + ".flatten.prefix", "missing");
      return null;
    }
    String prefix = string(at + ".flatten.prefix", prefixNode);
    if (prefix == null) {
      return null;
    }
    try {
      ImageReference probe = ImageReference.parse(prefix + "/x");
      if (probe.tag().isPresent() || probe.digest().isPresent() || prefix.endsWith("/")) {
        throw new InvalidReferenceException(prefix, "a prefix must not carry a tag or digest");
      }
    } catch (InvalidReferenceException e) {
      error(line(prefixNode), at + ".flatten.prefix", Location.quote(prefix)
          + " is not a repository prefix: " + e.reason());
      return null;
    }
    // As upstream: the readable part may shrink to nothing, but "/" and the hash must fit.
    if (prefix.length() > Flattener.MAX_PREFIX_LENGTH) {
      error(line(prefixNode), at + ".flatten.prefix", "is " + prefix.length() + " characters long, over "
          + Flattener.MAX_PREFIX_LENGTH + ": the prefix, \"/\" and the " + Flattener.HASH_LENGTH
          + "-character hash must fit in the " + Flattener.NAME_MAX + " characters a name may have");
      return null;
    }
    return selector == null ? null : new Rule.Flatten(index, line, selector, prefix);
  }

  private Rule.MirrorOptions mirror(String at, Map<String, Node> fields, boolean withServer) {
    boolean skipVerify = bool(at + ".skipVerify", fields.get("skipVerify"), false);
    boolean plainHttp = bool(at + ".plainHttp", fields.get("plainHttp"), false);
    Optional<String> server = Optional.empty();
    if (withServer && fields.containsKey("server")) {
      String text = string(at + ".server", fields.get("server"));
      if (text != null && !text.startsWith("https://") && !text.startsWith("http://")) {
        error(line(fields.get("server")), at + ".server", Location.quote(text) + " must be an http:// or https:// URL");
      } else if (text != null) {
        server = Optional.of(text);
      }
    }
    return new Rule.MirrorOptions(skipVerify, plainHttp, server);
  }

  private Selector selector(String at, Map<String, Node> fields) {
    List<String> include = globs(at + ".include", fields.get("include"));
    List<String> exclude = globs(at + ".exclude", fields.get("exclude"));
    if (include == null || exclude == null) {
      return null;
    }
    return Selector.of(include, exclude);
  }

  private List<String> globs(String at, Node node) {
    if (node == null) {
      return List.of();
    }
    List<Node> items = node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
    List<String> globs = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String path = node instanceof SequenceNode ? at + "[" + i + "]" : at;
      String glob = string(path, items.get(i));
      if (glob == null) {
        ok = false;
      } else if (glob.isEmpty()) {
        error(line(items.get(i)), path, "a glob must not be empty");
        ok = false;
      } else {
        globs.add(glob);
      }
    }
    return ok ? globs : null;
  }

  private Location location(String at, Node node) {
    String text = string(at, node);
    if (text == null) {
      return null;
    }
    try {
      return Location.parse(text);
    } catch (IllegalArgumentException e) {
      error(line(node), at, e.getMessage());
      return null;
    }
  }

  private ImageReference reference(String at, Node node) {
    String text = string(at, node);
    if (text == null) {
      return null;
    }
    try {
      return ImageReference.parse(text);
    } catch (InvalidReferenceException e) {
      error(line(node), at, e.getMessage());
      return null;
    }
  }

  private boolean required(int line, String at, String key, Map<String, Node> fields) {
    if (fields.containsKey(key)) {
      return true;
    }
    error(line, at + "." + key, "missing");
    return false;
  }

  private String string(String at, Node node) {
    if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
      return scalar.getValue();
    }
    error(node == null ? 0 : line(node), at, node == null ? "missing" : "expected a string");
    return null;
  }

  private boolean bool(String at, Node node, boolean fallback) {
    if (node == null) {
      return fallback;
    }
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
      String value = scalar.getValue().toLowerCase(java.util.Locale.ROOT);
      return value.equals("true") || value.equals("yes") || value.equals("on");
    }
    error(line(node), at, "expected true or false");
    return fallback;
  }

  private static List<String> allFields() {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(KINDS);
    all.addAll(COMMON);
    ALLOWED.values().forEach(all::addAll);
    return List.copyOf(all);
  }

  private static String keyOf(NodeTuple tuple) {
    return tuple.getKeyNode() instanceof ScalarNode key ? key.getValue() : null;
  }

  private static int line(Node node) {
    return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  private static List<String> sorted(Set<String> set) {
    return set.stream().sorted().toList();
  }

  private int errorCount() {
    return (int) diagnostics.stream().filter(Diagnostic::isError).count();
  }

  private void error(int line, String path, String message) {
    diagnostics.add(Diagnostic.error(source, line, path, message));
  }
}
