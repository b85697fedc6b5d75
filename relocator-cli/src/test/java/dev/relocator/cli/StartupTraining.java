package dev.relocator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mirror runs {@code ./relocator} writes its start-up archive from (run with
 * {@code -XX:DumpLoadedClassList}): an OCI layout pushed into a {@link TrainingRegistry}, copied
 * from there into a second one, then checked again when nothing needs copying, all on loopback.
 * An archive without the classes (and lambda forms) of a real copy leaves a copy about 0.3 s of
 * CPU to load and link them from the jar; one trained on a mirror that only fails to connect
 * misses those of every request too (docs/benchmarks.md, "Mirror").
 *
 * <p>Usage: {@code java -cp relocator.jar dev.relocator.cli.StartupTraining LAYOUT_DIR}; exits with
 * the highest exit code of the three runs.
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: StartupTraining LAYOUT_DIR");
      System.exit(ExitCodes.USAGE);
    }
    System.exit(run(Path.of(args[0])));
  }

  static int run(Path layout) throws IOException {
    Path images = Files.createTempFile("relocator-training", ".txt");
    try (TrainingRegistry source = TrainingRegistry.start(); TrainingRegistry target = TrainingRegistry.start()) {
      String from = source.hostPort();
      String to = target.hostPort();
      int code = Main.run("mirror", "--from", "oci:" + layout, "--to", from, "--insecure-registry", from);
      Files.writeString(images, from + "/relocator/training:1\n");
      String[] copy = {"mirror", "--images", images.toString(), "--to", to, "--insecure-registry", from,
          "--insecure-registry", to};
      code = Math.max(code, Main.run(copy));
      return Math.max(code, Main.run(copy)); // up to date now
    } finally {
      Files.deleteIfExists(images);
    }
  }
}
