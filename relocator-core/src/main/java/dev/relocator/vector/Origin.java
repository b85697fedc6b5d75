package dev.relocator.vector;

import java.util.Map;
import java.util.Objects;

/**
 * Where an entry of an image vector was read: the file, the entry's 1-based line, its index in
 * the file's {@code images} list and the line of each field, so later findings (merge warnings,
 * validation) can point at the text the user wrote.
 *
 * @param source the file name or label, never null
 * @param line the 1-based line of the entry, 0 when unknown
 * @param index the entry's index in its file's {@code images} list
 * @param fieldLines the 1-based line of each field by field path relative to the entry
 */
public record Origin(String source, int line, int index, Map<String, Integer> fieldLines) {

  /** The origin of an entry built in code rather than read from a file. */
  public static final Origin UNKNOWN = new Origin("<memory>", 0, -1, Map.of());

  public Origin {
    Objects.requireNonNull(source, "source");
    fieldLines = Map.copyOf(fieldLines);
  }

  /** The line of {@code field} (such as {@code tag} or {@code architectures[1]}), else the entry's. */
  public int lineOf(String field) {
    return fieldLines.getOrDefault(field, line);
  }

  /** The field path of this entry, {@code images[3]}. */
  public String path() {
    return "images[" + index + "]";
  }

  /** {@code file:line} for messages. */
  public String where() {
    return line > 0 ? source + ":" + line : source;
  }
}
