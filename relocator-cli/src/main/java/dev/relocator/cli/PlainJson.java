package dev.relocator.cli;

import java.util.List;
import java.util.Map;

/**
 * Writes trees of maps, lists, strings, booleans, ints, longs and nulls exactly as Jackson's
 * pretty printer does, without Jackson: starting Jackson costs a command that prints a small
 * result more than everything else it does after reading its input.
 */
final class PlainJson {
  private static final String NEWLINE = System.lineSeparator();
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PlainJson() {}

  /** Whether {@code value} is such a tree, every map key a string. */
  static boolean isPlain(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean
        || value instanceof Integer || value instanceof Long) {
      return true;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String) || !isPlain(entry.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (!isPlain(element)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** The pretty-printed JSON of a tree for which {@link #isPlain} holds. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0);
    return out.toString();
  }

  // Jackson indents object entries by two spaces per enclosing object and writes arrays on one
  // line ("[ a, b ]"), so only objects deepen the indentation.
  private static void write(StringBuilder out, Object value, int depth) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{ }");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        indent(out, depth + 1);
        string(out, (String) entry.getKey());
        out.append(" : ");
        write(out, entry.getValue(), depth + 1);
      }
      indent(out, depth);
      out.append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[ ]");
        return;
      }
      out.append("[ ");
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        write(out, list.get(i), depth);
      }
      out.append(" ]");
    } else if (value instanceof String text) {
      string(out, text);
    } else {
      out.append(value);
    }
  }

  private static void indent(StringBuilder out, int depth) {
    out.append(NEWLINE).append("  ".repeat(depth));
  }

  private static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
