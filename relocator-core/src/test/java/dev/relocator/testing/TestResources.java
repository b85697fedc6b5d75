package dev.relocator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The text of test fixtures on the class path, such as those core's test-jar carries for other modules. */
public final class TestResources {
  private TestResources() {}

  /** The UTF-8 text of the class-path resource {@code path} (absolute, such as {@code /dev/relocator/rewrite/manifests/rules.yaml}). */
  public static String text(String path) {
    try (InputStream in = TestResources.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
