package dev.relocator.vector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes a vector as Gardener's YAML: known fields in Gardener's order, then unknown keys as read;
 * multi-line strings (the CA bundle) as literal blocks; strings that YAML would read as numbers
 * ({@code "3.10"}) quoted.
 */
public final class VectorWriter {
  private VectorWriter() {}

  public static String write(ImageVector vector) {
    return yaml().dump(toMap(vector));
  }

  /** The vector as plain ordered maps and lists, as {@link #write} renders it. */
  public static Map<String, Object> toMap(ImageVector vector) {
    Map<String, Object> top = new LinkedHashMap<>();
    List<Object> images = new ArrayList<>();
    for (ImageSource entry : vector.entries()) {
      images.add(entry(entry));
    }
    top.put("images", images);
    if (vector.caBundle() != null) {
      Map<String, Object> ca = new LinkedHashMap<>();
      put(ca, "inline", vector.caBundle().inline());
      ca.putAll(vector.caBundle().extra());
      top.put("caBundle", ca);
    }
    top.putAll(vector.extra());
    return top;
  }

  private static Map<String, Object> entry(ImageSource e) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "name", e.name());
    put(m, "sourceRepository", e.sourceRepository());
    put(m, "repository", e.repository());
    put(m, "tag", e.tag());
    put(m, "ref", e.ref());
    put(m, "version", e.version());
    put(m, "runtimeVersion", e.runtimeVersion());
    put(m, "targetVersion", e.targetVersion());
    put(m, "architectures", e.architectures());
    if (e.labels() != null) {
      List<Object> labels = new ArrayList<>();
      for (Label label : e.labels()) {
        Map<String, Object> l = new LinkedHashMap<>();
        put(l, "name", label.name());
        l.put("value", label.value());
        l.putAll(label.extra());
        labels.add(l);
      }
      m.put("labels", labels);
    }
    if (e.resourceId() != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      put(r, "name", e.resourceId().name());
      r.putAll(e.resourceId().extra());
      m.put("resourceId", r);
    }
    m.putAll(e.extra());
    return m;
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static Yaml yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setWidth(4096);
    options.setSplitLines(false);
    return new Yaml(new LiteralBlocks(options), options);
  }

  /** Represents multi-line strings as literal blocks, so PEM text stays readable. */
  private static final class LiteralBlocks extends Representer {
    LiteralBlocks(DumperOptions options) {
      super(options);
      Represent plain = representers.get(String.class);
      representers.put(
          String.class,
          data -> {
            String text = data.toString();
            if (text.indexOf('\n') >= 0 && !text.contains("\t") && noTrailingSpaces(text)) {
              return representScalar(Tag.STR, text, DumperOptions.ScalarStyle.LITERAL);
            }
            return plain.representData(data);
          });
    }

    private static boolean noTrailingSpaces(String text) {
      for (String line : text.split("\n", -1)) {
        if (line.endsWith(" ")) {
          return false;
        }
      }
      return true;
    }
  }
}
