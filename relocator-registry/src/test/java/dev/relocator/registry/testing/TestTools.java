package dev.relocator.registry.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Skips a test whose external tool is missing, except on CI where a missing tool is a failure. */
public final class TestTools {
  public static final Path REGISTRY = Path.of("/usr/bin/docker-registry");
  public static final Path SKOPEO = Path.of("/usr/bin/skopeo");

  private TestTools() {}

  /** Skips (or on CI fails) unless {@code tool} is an executable file. */
  public static void assumeInstalled(Path tool) {
    boolean present = Files.isExecutable(tool);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(tool + " is missing; run scripts/ensure-test-tools.sh");
    }
    assumeTrue(present, tool + " is missing (scripts/ensure-test-tools.sh installs it); skipping");
  }
}
