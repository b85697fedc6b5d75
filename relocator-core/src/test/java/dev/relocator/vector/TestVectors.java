package dev.relocator.vector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test vectors from strings and from the {@code vector/} test resources. */
final class TestVectors {
  private TestVectors() {}

  static String resource(String name) {
    try (InputStream in = TestVectors.class.getResourceAsStream("/vector/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource vector/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static VectorReadResult readResource(String name) {
    return VectorReader.read(name, resource(name));
  }

  /** A vector from YAML lines, which must be valid. */
  static ImageVector vector(String... lines) {
    return VectorReader.read("test.yaml", String.join("\n", lines) + "\n").orThrow();
  }

  static VectorReadResult read(String... lines) {
    return VectorReader.read("test.yaml", String.join("\n", lines) + "\n");
  }
}
