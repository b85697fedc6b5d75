package dev.relocator.vector;

import java.util.Map;
import java.util.Objects;

/**
 * One of Gardener's entry labels ({@code name} plus an arbitrary {@code value}, for example the
 * CVE categorisation), kept as data so a merge or a write gives it back unchanged.
 *
 * @param name the label name
 * @param value the label value as read: a string, number, boolean, list or map, or null
 * @param extra keys other than {@code name} and {@code value}, kept in order
 */
public record Label(String name, Object value, Map<String, Object> extra) {
  public Label {
    extra = Yamls.copyOf(extra);
  }

  public static Label of(String name, Object value) {
    return new Label(Objects.requireNonNull(name, "name"), value, Map.of());
  }
}
