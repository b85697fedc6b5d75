package dev.relocator.cli;

import dev.relocator.oci.Platform;
import dev.relocator.vector.FindOptions;
import dev.relocator.vector.VectorFiles;
import dev.relocator.vector.VectorException;
import dev.relocator.vector.VectorReadResult;
import dev.relocator.version.InvalidVersionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that choose what an image vector yields, shared by {@code vector resolve},
 * {@code mirror} and {@code verify} with one set of rules: every problem with them is a usage error
 * (exit 2), each version is parsed once, and the vector is read with {@code IMAGEVECTOR_OVERWRITE}
 * from the environment before the {@code --overwrite} files.
 */
final class VectorSelection {
  static final String TARGET_VERSION = "--target-version";

  /** The command these options are mixed into, for its usage errors. */
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--overwrite", paramLabel = "FILE",
      description = "An overwrite vector merged onto the vector (after IMAGEVECTOR_OVERWRITE, when set); "
          + "repeatable, applied in order.")
  List<Path> overwrites = new ArrayList<>();

  @Option(names = TARGET_VERSION, paramLabel = "V",
      description = "The Kubernetes version the images act on; mirror and verify take it repeatedly, "
          + "for the images of each version.")
  List<String> targetVersions = new ArrayList<>();

  @Option(names = "--allow-unresolved",
      description = "Leave out, with a warning, an image name that resolves to no entry for a target version or "
          + "architecture, instead of failing (exit 1).")
  boolean allowUnresolved;

  /**
   * Takes {@code versions} as if given by {@code --target-version} when none was: the default a
   * KubeOne cluster file's {@code versions.kubernetes} gives.
   */
  void defaultTargetVersions(List<String> versions) {
    if (targetVersions.isEmpty()) {
      targetVersions.addAll(versions);
    }
  }

  /** The process environment; package-private so tests can give one of their own. */
  Map<String, String> environment = System.getenv();

  /**
   * One find per {@code --target-version}, in order (none when there is none), each version parsed
   * here once; an empty or unparsable version is a usage error: an empty value (an unset shell
   * variable) would silently mean "any version".
   */
  List<FindOptions> targets() {
    List<FindOptions> targets = new ArrayList<>();
    for (String version : targetVersions) {
      requireNotBlank(command, TARGET_VERSION, version);
      targets.add(parsed(TARGET_VERSION, () -> FindOptions.of(null, version, null)));
    }
    return targets;
  }

  /** For a command that finds for one target version: the only {@code --target-version}, if any. */
  FindOptions target() {
    List<FindOptions> targets = targets();
    if (targets.size() > 1) {
      throw new ParameterException(command.commandLine(),
          "option '" + TARGET_VERSION + "' (V) should be specified only once");
    }
    return targets.isEmpty() ? null : targets.get(0);
  }

  /** For a command with other sources than a vector: these options need {@code --vector}. */
  void requireVector(boolean vectorGiven) {
    if (vectorGiven) {
      return;
    }
    if (!targetVersions.isEmpty()) {
      throw new ParameterException(command.commandLine(), TARGET_VERSION + " needs --vector");
    }
    if (!overwrites.isEmpty()) {
      throw new ParameterException(command.commandLine(), "--overwrite needs --vector");
    }
  }

  /** {@code vector} with {@code IMAGEVECTOR_OVERWRITE} and then the {@code --overwrite} files merged over it. */
  VectorReadResult read(Path vector) {
    return VectorFiles.read(vector, overwrites, environment);
  }

  /**
   * The {@code --arch} values of mirror and verify as platforms, each architecture checked by the
   * one rule vector resolve applies, before any work: OCI names only ({@code x86_64} and {@code
   * AMD64} are refused, with {@code amd64} suggested).
   */
  static List<Platform> platforms(CommandSpec command, List<String> arch) {
    List<Platform> platforms = new ArrayList<>();
    for (String text : arch) {
      try {
        platforms.add(Platform.parse(text));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(command.commandLine(), "--arch: " + e.getMessage());
      }
      String[] parts = text.strip().split("/", -1);
      requireKnownArchitecture(command, parts.length == 1 ? parts[0] : parts[1]);
    }
    return platforms;
  }

  /** Refuses an architecture that is not an OCI name, with the name meant when one is close. */
  static void requireKnownArchitecture(CommandSpec command, String arch) {
    try {
      FindOptions.requireKnownArchitecture(arch);
    } catch (VectorException e) {
      throw new ParameterException(command.commandLine(), "--arch: " + e.getMessage());
    }
  }

  /** Refuses an empty value: unset shell variables must not widen a selection. */
  static void requireNotBlank(CommandSpec command, String option, String value) {
    if (value != null && value.isBlank()) {
      throw new ParameterException(command.commandLine(), option + " must not be empty");
    }
  }

  /** {@code parse}'s result, a version that does not parse turned into a usage error. */
  FindOptions parsed(String option, Supplier<FindOptions> parse) {
    try {
      return parse.get();
    } catch (InvalidVersionException e) {
      throw new ParameterException(command.commandLine(), option + ": " + e.getMessage());
    }
  }
}
