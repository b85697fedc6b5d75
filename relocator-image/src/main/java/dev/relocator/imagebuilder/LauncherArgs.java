package dev.relocator.imagebuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * The argument file the image's entrypoint reads: the JVM settings, the class path and the main class.
 *
 * <p>The image has no shell to run a launcher script, so its {@code relocator} command is the JDK's
 * own launcher under that name, started as {@code relocator @relocator.args ARGS...}: the launcher
 * expands the file in place, and what follows the main class reaches Relocator unchanged.
 */
final class LauncherArgs {
  /** The command's main class. */
  static final String MAIN_CLASS = "dev.relocator.cli.Main";

  /**
   * Settings for a container. The JVM reads its memory limit from the cgroup; the heap takes half of
   * it, leaving the rest to metaspace, the code cache, thread stacks and Netty's direct buffers, so
   * that the chart's limit holds under load. The heap starts at that size: grown from the JVM's
   * default start (1/64 of the limit, 8 MiB), the serial collector's small young generation made the
   * webhook's first seconds under load half as fast (docs/benchmarks.md, "The heap from the start").
   * Out of memory, the process exits and is restarted
   * rather than limping on. No hsperfdata file: the root file system is read-only, and /tmp is for
   * Vert.x's file cache.
   */
  static final List<String> JVM_OPTIONS = List.of(
      "-XX:MaxRAMPercentage=50",
      "-XX:InitialRAMPercentage=50",
      "-XX:+ExitOnOutOfMemoryError",
      "-XX:-UsePerfData");

  private LauncherArgs() {}

  /** The file's text: one argument a line, the class path in the order given. */
  static String text(List<String> jvmOptions, List<String> classPath, String mainClass) {
    if (classPath.isEmpty()) {
      throw new IllegalArgumentException("the class path is empty");
    }
    List<String> lines = new ArrayList<>(jvmOptions);
    for (String entry : classPath) {
      if (entry.contains(":") || entry.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("class path entry \"" + entry + "\" contains ':' or white space");
      }
    }
    lines.add("-cp");
    lines.add(String.join(":", classPath));
    lines.add(mainClass);
    return String.join("\n", lines) + "\n";
  }
}
