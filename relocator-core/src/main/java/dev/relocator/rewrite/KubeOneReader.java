package dev.relocator.rewrite;

import dev.relocator.Diagnostic;
import dev.relocator.Suggestions;
import dev.relocator.YamlNodes;
import dev.relocator.version.InvalidVersionException;
import dev.relocator.version.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Translates a KubeOne cluster file into rules, once, at the edge. {@code registryConfiguration}
 * becomes an {@code overwriteRegistry} rule that moves every image as KubeOne does (digest
 * dropped, CoreDNS where kubeadm looks for it); containerd registry mirrors (v1beta2) become
 * prefix rules. Findings carry the line and key path; a key KubeOne does not define gets a
 * warning, as an unknown key of an image vector does.
 */
final class KubeOneReader {
  private static final String V1BETA1 = KubeOneCluster.API_VERSIONS.get(0);

  /** The top-level fields of KubeOne's KubeOneCluster types, so that real files read without warnings. */
  private static final Set<String> TOP_V1BETA1 = Set.of("apiVersion", "kind", "name", "controlPlane",
      "alternativeNames", "apiEndpoint", "cloudProvider", "versions", "containerRuntime", "clusterNetwork", "proxy",
      "staticWorkers", "dynamicWorkers", "machineController", "caBundle", "features", "addons", "systemPackages",
      "assetConfiguration", "registryConfiguration");
  private static final Set<String> TOP_V1BETA2 = Set.of("apiVersion", "kind", "name", "controlPlane",
      "kubeletConfig", "apiEndpoint", "cloudProvider", "versions", "containerRuntime", "clusterNetwork", "proxy",
      "staticWorkers", "dynamicWorkers", "machineController", "operatingSystemManager", "caBundle",
      "certificateAuthority", "features", "addons", "helmReleases", "systemPackages", "assetConfiguration",
      "registryConfiguration", "loggingConfig", "tlsCipherSuites", "controlPlaneComponents");
  private static final Set<String> VERSIONS = Set.of("kubernetes");
  private static final Set<String> REGISTRY_CONFIGURATION = Set.of("overwriteRegistry", "insecureRegistry");
  private static final Set<String> CONTAINER_RUNTIME = Set.of("docker", "containerd");
  /** v1beta1's containerd is an empty struct: registry mirrors came with v1beta2. */
  private static final Set<String> CONTAINERD_V1BETA1 = Set.of();
  private static final Set<String> CONTAINERD_V1BETA2 = Set.of("registries", "deviceOwnershipFromSecurityContext",
      "sandboxImage");
  private static final Set<String> CONTAINERD_REGISTRY = Set.of("mirrors", "overridePath", "tlsConfig", "auth");
  private static final Set<String> TLS_CONFIG = Set.of("insecureSkipVerify");

  private final String source;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private String apiVersion;

  KubeOneReader(String source) {
    this.source = source;
  }

  /** The rules a cluster file yields, and what else it says about registries. */
  record Result(List<Rule> rules, KubeOneCluster cluster) {}

  /** Whether {@code text} is a KubeOne cluster file: a mapping whose {@code kind} is KubeOneCluster. */
  static boolean describes(String text) {
    try {
      Node root = YamlNodes.compose(text, new LoaderOptions());
      return root instanceof MappingNode top && fields(top).get("kind") instanceof ScalarNode kind
          && KubeOneCluster.KIND.equals(kind.getValue());
    } catch (YAMLException e) {
      return false; // the rules parser reports it
    }
  }

  /** Every finding, in file order. */
  List<Diagnostic> diagnostics() {
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(Comparator.comparingInt(Diagnostic::line));
    return sorted;
  }

  /** The translation of {@code text}, or null after an error that leaves nothing to read. */
  Result read(String text) {
    Node root = YamlNodes.compose(source, text, diagnostics);
    if (root == null) {
      return null;
    }
    MappingNode top = (MappingNode) root; // describes(text) held
    Map<String, Node> fields = fields(top);
    String version = string("apiVersion", fields.get("apiVersion"), top);
    if (version == null) {
      return null;
    }
    if (!KubeOneCluster.API_VERSIONS.contains(version)) {
      error(line(fields.get("apiVersion")), "apiVersion", Location.quote(version) + " is not a "
          + KubeOneCluster.KIND + " version Relocator reads; expected " + String.join(" or ", KubeOneCluster.API_VERSIONS));
      return null;
    }
    apiVersion = version;
    known(top, "", apiVersion.equals(V1BETA1) ? TOP_V1BETA1 : TOP_V1BETA2);

    Optional<String> kubernetes = kubernetesVersion(fields.get("versions"));
    List<Rule> rules = new ArrayList<>();
    List<String> insecure = new ArrayList<>();
    Rule.OverwriteRegistry overwrite = overwrite(fields.get("registryConfiguration"), kubernetes);
    if (overwrite != null) {
      rules.add(overwrite);
      if (overwrite.mirror().plainHttp()) {
        insecure.add(overwrite.registry());
      }
    }
    mirrors(fields.get("containerRuntime"), rules);
    return new Result(rules, new KubeOneCluster(apiVersion, kubernetes, insecure));
  }

  private Optional<String> kubernetesVersion(Node node) {
    MappingNode versions = mapping("versions", node);
    if (versions == null) {
      return Optional.empty();
    }
    known(versions, "versions", VERSIONS);
    Node value = fields(versions).get("kubernetes");
    if (value == null) {
      return Optional.empty();
    }
    String text = string("versions.kubernetes", value, versions);
    if (text == null) {
      return Optional.empty();
    }
    try {
      Version.parse(text);
    } catch (InvalidVersionException e) {
      error(line(value), "versions.kubernetes", e.getMessage());
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /**
   * KubeOne's overwrite: the registry replaced, path and tag kept, the digest dropped (KubeOne
   * writes {@code registry/path:tag}). kubeadm, given the registry as its image repository, pulls
   * CoreDNS from {@code registry/coredns}, except on Kubernetes 1.21, where it looked for {@code
   * registry/coredns/coredns}: the quirk is off for 1.21 only.
   */
  private Rule.OverwriteRegistry overwrite(Node node, Optional<String> kubernetes) {
    MappingNode configuration = mapping("registryConfiguration", node);
    if (configuration == null) {
      return null;
    }
    known(configuration, "registryConfiguration", REGISTRY_CONFIGURATION);
    Map<String, Node> fields = fields(configuration);
    boolean insecure = bool("registryConfiguration.insecureRegistry", fields.get("insecureRegistry"));
    Node registry = fields.get("overwriteRegistry");
    String text = registry == null ? null : string("registryConfiguration.overwriteRegistry", registry, configuration);
    if (text == null || text.isEmpty()) {
      if (insecure) {
        warning(line(fields.get("insecureRegistry")), "registryConfiguration.insecureRegistry",
            "has no effect without overwriteRegistry");
      }
      return null;
    }
    Location target;
    try {
      target = Location.parse(text);
    } catch (IllegalArgumentException e) {
      error(line(registry), "registryConfiguration.overwriteRegistry", e.getMessage());
      return null;
    }
    boolean coredns = kubernetes.map(KubeOneReader::corednsMovesUp).orElse(true);
    return new Rule.OverwriteRegistry(0, line(registry), Selector.none(), target, true, coredns,
        new Rule.MirrorOptions(false, insecure, Optional.empty()));
  }

  /** Whether kubeadm of {@code version} looks for CoreDNS at {@code registry/coredns}: all but 1.21. */
  private static boolean corednsMovesUp(String version) {
    Version parsed = Version.parse(version);
    return !(parsed.major() == 1 && parsed.minor() == 21);
  }

  /** containerd registry mirrors, each registry's first mirror as a prefix rule. */
  private void mirrors(Node node, List<Rule> rules) {
    MappingNode runtime = mapping("containerRuntime", node);
    if (runtime == null) {
      return;
    }
    known(runtime, "containerRuntime", CONTAINER_RUNTIME);
    MappingNode containerd = mapping("containerRuntime.containerd", fields(runtime).get("containerd"));
    if (containerd == null) {
      return;
    }
    known(containerd, "containerRuntime.containerd", apiVersion.equals(V1BETA1) ? CONTAINERD_V1BETA1 : CONTAINERD_V1BETA2);
    if (apiVersion.equals(V1BETA1)) {
      return;
    }
    MappingNode registries = mapping("containerRuntime.containerd.registries", fields(containerd).get("registries"));
    if (registries == null) {
      return;
    }
    for (NodeTuple tuple : registries.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        error(line(tuple.getKeyNode()), "containerRuntime.containerd.registries", "keys must be registry hosts");
        continue;
      }
      String host = key.getValue();
      String at = "containerRuntime.containerd.registries." + host;
      Rule rule = mirror(at, host, tuple, rules.size());
      if (rule != null) {
        rules.add(rule);
      }
    }
  }

  private Rule mirror(String at, String host, NodeTuple tuple, int index) {
    int line = line(tuple.getKeyNode());
    String prefix;
    if (host.equals(Rule.Prefix.ANY)) {
      prefix = host;
    } else {
      try {
        Location location = Location.parse(host);
        if (!location.path().isEmpty()) {
          throw new IllegalArgumentException(Location.quote(host) + " is not a registry host: it has a path");
        }
        prefix = location.domain();
      } catch (IllegalArgumentException e) {
        error(line, at, e.getMessage());
        return null;
      }
    }
    MappingNode registry = mapping(at, tuple.getValueNode());
    if (registry == null) {
      return null;
    }
    known(registry, at, CONTAINERD_REGISTRY);
    Map<String, Node> fields = fields(registry);
    boolean overridePath = bool(at + ".overridePath", fields.get("overridePath"));
    boolean skipVerify = false;
    MappingNode tls = mapping(at + ".tlsConfig", fields.get("tlsConfig"));
    if (tls != null) {
      known(tls, at + ".tlsConfig", TLS_CONFIG);
      skipVerify = bool(at + ".tlsConfig.insecureSkipVerify", fields(tls).get("insecureSkipVerify"));
    }
    Node list = fields.get("mirrors");
    if (!(list instanceof SequenceNode mirrors) || mirrors.getValue().isEmpty()) {
      if (list != null && !(list instanceof SequenceNode)) {
        error(line(list), at + ".mirrors", "expected a list of mirror URLs");
      }
      return null;
    }
    List<Node> urls = mirrors.getValue();
    if (urls.size() > 1) {
      warning(line(urls.get(1)), at + ".mirrors[1]", "only the first mirror becomes a rule: Relocator relocates each"
          + " image to one place; the others are left out");
    }
    String url = string(at + ".mirrors[0]", urls.get(0), registry);
    if (url == null) {
      return null;
    }
    boolean plainHttp = url.toLowerCase(Locale.ROOT).startsWith("http://");
    String rest = url.replaceFirst("(?i)^https?://", "").replaceFirst("/+$", "");
    int slash = rest.indexOf('/');
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    String mirrorHost = slash < 0 ? rest : rest.substring(0, slash);
    if (!path.isEmpty()) {
      // containerd appends /v2 to a mirror's path unless override_path is set; only then does the path
      // name the registry API root, below which a repository path is what a rule can say.
      if (!overridePath || !(path.equals("v2") || path.startsWith("v2/"))) {
        warning(line(urls.get(0)), at + ".mirrors[0]", Location.quote(url) + " serves the registry API below /"
            + path + ", which no relocation can name (a rule names a host and a repository path,"
            + " as https://HOST/v2/PATH with overridePath: true); left out");
        return null;
      }
      path = path.equals("v2") ? "" : path.substring("v2/".length());
    }
    Location to;
    try {
      to = Location.parse(path.isEmpty() ? mirrorHost : mirrorHost + "/" + path);
    } catch (IllegalArgumentException e) {
      error(line(urls.get(0)), at + ".mirrors[0]", e.getMessage());
      return null;
    }
    return new Rule.Prefix(index, line, Selector.none(), prefix, to,
        new Rule.MirrorOptions(skipVerify, plainHttp, Optional.empty()));
  }

  /** Warns about each key of {@code map} that KubeOne's type for {@code path} does not define. */
  private void known(MappingNode map, String path, Set<String> keys) {
    String prefix = path.isEmpty() ? "" : path + ".";
    Set<String> seen = new HashSet<>();
    for (NodeTuple tuple : map.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        error(line(tuple.getKeyNode()), path, "keys must be plain strings");
        continue;
      }
      if (!seen.add(key.getValue())) {
        warning(line(key), prefix + key.getValue(), "duplicate key: the last value wins");
      }
      if (!keys.contains(key.getValue())) {
        String suggestion = Suggestions.closest(key.getValue(), List.copyOf(keys));
        warning(line(key), prefix + key.getValue(), "unknown key \"" + key.getValue() + "\" in " + apiVersion
            + (suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)") + ": ignored");
      }
    }
  }

  /** The last value of each plain key, as YAML decoders keep it. */
  private static Map<String, Node> fields(MappingNode map) {
    Map<String, Node> fields = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key) {
        fields.put(key.getValue(), tuple.getValueNode());
      }
    }
    return fields;
  }

  /** {@code node} as a mapping; null, after an error unless it is absent or null, otherwise. */
  private MappingNode mapping(String at, Node node) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (node instanceof MappingNode map) {
      return map;
    }
    error(line(node), at, "expected a mapping");
    return null;
  }

  private String string(String at, Node node, Node parent) {
    if (node == null) {
      error(line(parent), at, "missing");
      return null;
    }
    if (node instanceof ScalarNode scalar && !isNull(node)) {
      return scalar.getValue();
    }
    error(line(node), at, "expected a string");
    return null;
  }

  private boolean bool(String at, Node node) {
    if (node == null || isNull(node)) {
      return false;
    }
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
      String value = scalar.getValue().toLowerCase(Locale.ROOT);
      return value.equals("true") || value.equals("yes") || value.equals("on");
    }
    error(line(node), at, "expected true or false");
    return false;
  }

  private static boolean isNull(Node node) {
    return node.getTag().equals(Tag.NULL);
  }

  private static int line(Node node) {
    return node == null ? 0 : node.getStartMark().getLine() + 1;
  }

  private void error(int line, String path, String message) {
    diagnostics.add(Diagnostic.error(source, line, path, message));
  }

  private void warning(int line, String path, String message) {
    diagnostics.add(Diagnostic.warning(source, line, path, message));
  }
}
