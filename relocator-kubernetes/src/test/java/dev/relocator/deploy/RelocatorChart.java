package dev.relocator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.relocator.testing.TestTools;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders deploy/helm/relocator with helm-java, which runs Helm's own Go code from the
 * linux-amd64 artifact on the test class path, so no helm binary and no network are needed.
 */
public final class RelocatorChart {

  static final Path DIR = Path.of("..", "deploy", "helm", "relocator");
  static final String RELEASE = "relocator";
  public static final String NAMESPACE = "relocator-system";
  /** A repository under the reserved .test domain: the chart itself names no registry. */
  static final String REPOSITORY = "registry.test/platform/relocator";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private RelocatorChart() {}

  /** helm-java ships its Go library for linux-amd64 only here; elsewhere the chart tests skip. */
  public static void requireHelmJava() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    TestTools.require(os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64")),
        "helm-java", "its native library is on the test class path for linux-amd64 only, this is "
            + os + "-" + arch);
  }

  static Helm helm() {
    return new Helm(DIR);
  }

  /** The chart rendered with the image repository set and {@code values} on top. */
  static String render(Map<String, ?> values) {
    return render(values, NAMESPACE);
  }

  /** {@link #render(Map)} into another release namespace. */
  static String render(Map<String, ?> values, String namespace) {
    TemplateCommand template = helm().template().withName(RELEASE).withNamespace(namespace)
        .set("image.repository", REPOSITORY);
    values.forEach(template::set);
    return template.call();
  }

  /** Every object of {@link #render}, in Helm's order; kinds fabric8 lacks (cert-manager's) are generic. */
  public static List<HasMetadata> objects(Map<String, ?> values) {
    return parse(render(values));
  }

  /** {@link #objects(Map)} for a release in {@code namespace}. */
  public static List<HasMetadata> objects(Map<String, ?> values, String namespace) {
    return parse(render(values, namespace));
  }

  /** Kubernetes objects from multi-document YAML; kinds fabric8 lacks are generic. */
  public static List<HasMetadata> parse(String yaml) {
    Object parsed = SERIALIZATION.unmarshal(yaml);
    List<HasMetadata> out = new ArrayList<>();
    if (parsed instanceof List<?> list) {
      list.forEach(o -> out.add((HasMetadata) o));
    } else {
      out.add((HasMetadata) parsed);
    }
    return out;
  }

  static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as("rendered %s objects", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  /** The one object of {@code type} named {@code name}. */
  static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name)).toList();
    assertThat(found).as("rendered %s objects named %s", type.getSimpleName(), name).hasSize(1);
    return found.get(0);
  }

  static GenericKubernetesResource only(List<HasMetadata> objects, String kind) {
    List<HasMetadata> found = objects.stream().filter(o -> o.getKind().equals(kind)).toList();
    assertThat(found).as("rendered %s objects", kind).hasSize(1);
    return (GenericKubernetesResource) found.get(0);
  }

  static List<String> kinds(List<HasMetadata> objects) {
    return objects.stream().map(HasMetadata::getKind).toList();
  }
}
