package dev.relocator.vector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.relocator.InputKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Injects a component's image vector overwrite into its Deployment, as Gardener does for
 * dependent components: an immutable ConfigMap whose name carries a checksum of its content, and
 * the Deployment patched to mount it and point {@code IMAGEVECTOR_OVERWRITE} at it. A changed
 * overwrite gives a new ConfigMap name, so the pod template changes and the Deployment rolls.
 */
public final class OverwriteInjector {
  /** The ConfigMap key, the name Gardener's documentation uses. */
  public static final String DATA_KEY = "images_overwrite.yaml";

  static final String VOLUME = "imagevector-overwrite";
  static final String MOUNT_PATH = "/imagevector-overwrite";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .stringQuotingChecker(new KeepStringsStrings())
              .build());

  private OverwriteInjector() {}

  /**
   * The ConfigMap and the patched Deployment.
   *
   * @param configMap the immutable ConfigMap holding the overwrite
   * @param deployment the Deployment with the volume, the mount and the environment variable
   */
  public record Injection(Map<String, Object> configMap, Map<String, Object> deployment) {
    /** Both manifests as one YAML stream, ConfigMap first. */
    public String toYaml() {
      try {
        return YAML.writeValueAsString(configMap) + "---\n" + YAML.writeValueAsString(deployment);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot render the manifests", e);
      }
    }
  }

  /**
   * Injects the overwrite of the component called {@code componentName} into the Deployment in
   * {@code deploymentYaml}; throws {@link VectorException} when there is no such component.
   */
  public static Injection inject(
      ComponentOverwrites components, String componentName, String deploymentSource, String deploymentYaml, String container) {
    return inject(components.component(componentName), deploymentSource, deploymentYaml, container);
  }

  /**
   * Injects {@code component}'s overwrite into the Deployment in {@code deploymentYaml}.
   *
   * @param container the container to patch, or null for the first
   * @throws VectorException when the manifest is no Deployment or the container is missing
   */
  public static Injection inject(ComponentOverwrite component, String deploymentSource, String deploymentYaml, String container) {
    Map<String, Object> deployment = parse(deploymentSource, deploymentYaml);
    Object kind = deployment.get("kind");
    if (!"Deployment".equals(kind)) {
      throw new VectorException(deploymentSource + ": " + (kind != null
          ? "expected a Deployment, found kind \"" + kind + "\""
          : InputKind.of(deploymentYaml).map(k -> k.notA("a Deployment")).orElse("expected a Deployment, found no \"kind\"")));
    }
    Map<String, Object> metadata = map(deployment, "metadata", "metadata", deploymentSource);
    Object deploymentName = metadata.get("name");
    if (!(deploymentName instanceof String name) || name.isBlank()) {
      throw new VectorException(deploymentSource + ": metadata.name is required");
    }
    String data = component.imageVectorOverwrite();
    String configMapName = configMapName(name, data);

    Map<String, Object> configMap = new LinkedHashMap<>();
    configMap.put("apiVersion", "v1");
    configMap.put("kind", "ConfigMap");
    Map<String, Object> cmMeta = new LinkedHashMap<>();
    cmMeta.put("name", configMapName);
    if (metadata.get("namespace") != null) {
      cmMeta.put("namespace", metadata.get("namespace"));
    }
    cmMeta.put("labels", new LinkedHashMap<>(Map.of(
        "app.kubernetes.io/managed-by", "relocator",
        "relocator.dev/component", component.name())));
    configMap.put("metadata", cmMeta);
    configMap.put("immutable", true);
    configMap.put("data", new LinkedHashMap<>(Map.of(DATA_KEY, data)));

    Map<String, Object> spec = map(deployment, "spec", "spec", deploymentSource);
    Map<String, Object> template = map(spec, "template", "spec.template", deploymentSource);
    String podPath = "spec.template.spec";
    Map<String, Object> podSpec = map(template, "spec", podPath, deploymentSource);
    List<Map<String, Object>> containers = list(podSpec, "containers", podPath, deploymentSource);
    if (containers.isEmpty()) {
      throw new VectorException(deploymentSource + ": spec.template.spec.containers is empty");
    }
    Map<String, Object> target = pick(containers, container, deploymentSource);

    Map<String, Object> volume = new LinkedHashMap<>();
    volume.put("name", VOLUME);
    volume.put("configMap", new LinkedHashMap<>(Map.of("name", configMapName)));
    upsert(list(podSpec, "volumes", podPath, deploymentSource), volume);

    Map<String, Object> mount = new LinkedHashMap<>();
    mount.put("name", VOLUME);
    mount.put("mountPath", MOUNT_PATH);
    mount.put("readOnly", true);
    String containerPath = podPath + ".containers[" + containers.indexOf(target) + "]";
    List<Map<String, Object>> mounts = list(target, "volumeMounts", containerPath, deploymentSource);
    for (Map<String, Object> other : mounts) {
      if (MOUNT_PATH.equals(other.get("mountPath")) && !VOLUME.equals(other.get("name"))) {
        throw new VectorException(deploymentSource + ": container " + target.get("name") + " already mounts volume "
            + other.get("name") + " at " + MOUNT_PATH);
      }
    }
    upsert(mounts, mount);

    Map<String, Object> env = new LinkedHashMap<>();
    env.put("name", EnvironmentOverride.OVERWRITE);
    env.put("value", MOUNT_PATH + "/" + DATA_KEY);
    upsert(list(target, "env", containerPath, deploymentSource), env);
    return new Injection(configMap, deployment);
  }

  /** {@code <deployment>-imagevector-<first 10 hex of sha256(content)>}, within 253 characters. */
  static String configMapName(String deploymentName, String content) {
    String hash = sha256(content).substring(0, 10);
    String prefix = deploymentName + "-imagevector-";
    int max = 253 - hash.length();
    if (prefix.length() > max) {
      prefix = prefix.substring(0, max);
    }
    return prefix + hash;
  }

  private static String sha256(String content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static Map<String, Object> pick(List<Map<String, Object>> containers, String name, String source) {
    if (name == null) {
      return containers.get(0);
    }
    List<String> names = new ArrayList<>();
    for (Map<String, Object> c : containers) {
      if (name.equals(c.get("name"))) {
        return c;
      }
      names.add(String.valueOf(c.get("name")));
    }
    throw new VectorException(source + ": no container \"" + name + "\" in the Deployment; it has: " + String.join(", ", names));
  }

  /** Replaces the item with the same name, or appends. */
  private static void upsert(List<Map<String, Object>> items, Map<String, Object> item) {
    for (int i = 0; i < items.size(); i++) {
      if (item.get("name").equals(items.get(i).get("name"))) {
        items.set(i, item);
        return;
      }
    }
    items.add(item);
  }

  private static Map<String, Object> parse(String source, String yaml) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      // One line, as every error: SnakeYAML's own message spans several with a source excerpt.
      if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        throw new VectorException(source + ":" + (marked.getProblemMark().getLine() + 1) + ": not valid YAML: "
            + marked.getProblem());
      }
      throw new VectorException(source + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new VectorException(source + ": empty manifest, expected a Deployment");
    }
    if (!tree.isObject()) {
      throw new VectorException(source + ": expected a Deployment mapping, found " + (tree.isArray() ? "a list" : "a scalar"));
    }
    return YAML.convertValue(tree, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  /** {@code parent.key}, created when absent; {@code path} names it in errors. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key, String path, String source) {
    Object value = parent.get(key);
    if (value == null) {
      Map<String, Object> created = new LinkedHashMap<>();
      parent.put(key, created);
      return created;
    }
    if (!(value instanceof Map)) {
      throw new VectorException(source + ": " + path + " must be a mapping, found " + kind(value));
    }
    return (Map<String, Object>) value;
  }

  /** The list of mappings {@code parent.key}, created when absent; {@code parentPath} names it in errors. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> parent, String key, String parentPath, String source) {
    String path = parentPath + "." + key;
    Object value = parent.get(key);
    if (value == null) {
      List<Map<String, Object>> created = new ArrayList<>();
      parent.put(key, created);
      return created;
    }
    if (!(value instanceof List<?> items)) {
      throw new VectorException(source + ": " + path + " must be a list, found " + kind(value));
    }
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map)) {
        throw new VectorException(source + ": " + path + "[" + i + "] must be a mapping, found " + kind(items.get(i)));
      }
    }
    return (List<Map<String, Object>>) value;
  }

  private static String kind(Object value) {
    return value instanceof Map ? "a mapping" : value instanceof List ? "a list" : "a scalar";
  }

  /**
   * Quotes every string a YAML reader would take for another type ({@code "8080"}, {@code "1.0"},
   * {@code "0755"}): written plain, an env value or annotation would turn into a number and the
   * API server would reject the Deployment.
   */
  private static final class KeepStringsStrings extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;
    private static final Resolver RESOLVER = new Resolver();

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || !Tag.STR.equals(RESOLVER.resolve(NodeId.scalar, value, true));
    }
  }
}
