package dev.relocator.vector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    if (!"Deployment".equals(deployment.get("kind"))) {
      throw new VectorException(deploymentSource + ": expected a Deployment, found kind " + deployment.get("kind"));
    }
    Map<String, Object> metadata = map(deployment, "metadata", deploymentSource);
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

    Map<String, Object> podSpec =
        map(map(map(deployment, "spec", deploymentSource), "template", deploymentSource), "spec", deploymentSource);
    List<Map<String, Object>> containers = list(podSpec, "containers");
    if (containers.isEmpty()) {
      throw new VectorException(deploymentSource + ": spec.template.spec.containers is empty");
    }
    Map<String, Object> target = pick(containers, container, deploymentSource);

    Map<String, Object> volume = new LinkedHashMap<>();
    volume.put("name", VOLUME);
    volume.put("configMap", new LinkedHashMap<>(Map.of("name", configMapName)));
    upsert(list(podSpec, "volumes"), volume);

    Map<String, Object> mount = new LinkedHashMap<>();
    mount.put("name", VOLUME);
    mount.put("mountPath", MOUNT_PATH);
    mount.put("readOnly", true);
    List<Map<String, Object>> mounts = list(target, "volumeMounts");
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
    upsert(list(target, "env"), env);
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
    try {
      Map<String, Object> map = YAML.readValue(yaml, new TypeReference<LinkedHashMap<String, Object>>() {});
      if (map == null) {
        throw new VectorException(source + ": empty manifest, expected a Deployment");
      }
      return map;
    } catch (JsonProcessingException e) {
      throw new VectorException(source + ": not a valid YAML manifest: " + e.getOriginalMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key, String source) {
    Object value = parent.get(key);
    if (value == null) {
      Map<String, Object> created = new LinkedHashMap<>();
      parent.put(key, created);
      return created;
    }
    if (!(value instanceof Map)) {
      throw new VectorException(source + ": " + key + " must be a mapping");
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (value == null) {
      List<Map<String, Object>> created = new ArrayList<>();
      parent.put(key, created);
      return created;
    }
    if (!(value instanceof List)) {
      throw new VectorException(key + " must be a list");
    }
    return (List<Map<String, Object>>) value;
  }
}
