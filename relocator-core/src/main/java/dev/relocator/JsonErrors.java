package dev.relocator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Jackson's exceptions in a user's words: the key path and what was expected ({@code
 * clusters: expected a list}), or a YAML problem with its line and column, never Java class names
 * or {@code [Source: REDACTED ...]}. The one place that reads them; readers of JSON and YAML files
 * put the file name in front.
 */
public final class JsonErrors {
  private JsonErrors() {}

  /** Where and what is wrong ({@code line 3, column 9: clusters: expected a list}). */
  public static String describe(Throwable e) {
    int line = line(e);
    int column = column(e);
    return (line <= 0 ? "" : "line " + line + (column > 0 ? ", column " + column : "") + ": ") + reason(e);
  }

  /** What is wrong, without where: for a finding that carries its line itself. */
  public static String reason(Throwable e) {
    // Jackson wraps SnakeYAML's exception, whose problem says what was expected.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException yaml) {
        return "not valid YAML: " + yaml.getProblem()
            + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")");
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnrecognizedPropertyException unknown) {
        List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
            : unknown.getKnownPropertyIds().stream().map(String::valueOf).toList();
        String meant = Suggestions.closest(unknown.getPropertyName(), known);
        return path(unknown) + "unknown key \"" + unknown.getPropertyName() + "\""
            + (meant == null ? "" : " (did you mean \"" + meant + "\"?)");
      }
      if (t instanceof MismatchedInputException mismatch) {
        return path(mismatch) + "expected " + expected(mismatch.getTargetType());
      }
      if (t instanceof JsonProcessingException json) {
        return "not valid JSON or YAML: " + firstLine(json.getOriginalMessage());
      }
    }
    return firstLine(e.getMessage());
  }

  /** The 1-based line reading stopped at, or 0. */
  public static int line(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        return yaml.getProblemMark().getLine() + 1;
      }
    }
    JsonLocation location = e instanceof JsonProcessingException json ? json.getLocation() : null;
    return location == null ? 0 : Math.max(0, location.getLineNr());
  }

  private static int column(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        return yaml.getProblemMark().getColumn() + 1;
      }
    }
    JsonLocation location = e instanceof JsonProcessingException json ? json.getLocation() : null;
    return location == null ? 0 : Math.max(0, location.getColumnNr());
  }

  /** {@code spec.map[0]: }, or nothing at the top level. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    if (e instanceof UnrecognizedPropertyException && path.length() > 0) {
      // The path ends at the unknown key itself: name its parent.
      int cut = Math.max(path.lastIndexOf("."), 0);
      path.setLength(cut);
    }
    return path.isEmpty() ? "" : path + ": ";
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (type == String.class || type == Character.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    return Map.class.isAssignableFrom(type) ? "a mapping" : "an object";
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }
}
