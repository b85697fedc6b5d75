package dev.relocator.cli;

import dev.relocator.RelocatorException;
import dev.relocator.image.ImageReference;
import dev.relocator.mirror.ImageLocation;
import dev.relocator.mirror.MirrorDestination;
import dev.relocator.rewrite.InvalidRulesException;
import dev.relocator.rewrite.KubeOneCluster;
import dev.relocator.rewrite.RewriteRules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** How {@code mirror} and {@code verify} name targets: rules first, else the destination's layout. */
final class MirrorTargets {
  private final RewriteRules rules;
  private final MirrorDestination destination;

  private MirrorTargets(RewriteRules rules, MirrorDestination destination) {
    this.rules = rules;
    this.destination = destination;
  }

  /**
   * Refuses, as usage errors, neither {@code toOption} nor {@code --rules}, and a destination
   * that does not parse; before any input is read.
   */
  static void check(CommandSpec command, Path rulesFile, String to, String toOption) {
    if (rulesFile == null && to == null) {
      throw new ParameterException(command.commandLine(), "needs " + toOption + ", --rules, or both");
    }
    try {
      if (to != null) {
        MirrorDestination.parse(to);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }

  /**
   * Targets from {@code rulesFile} and/or {@code to}; null after printing the errors of an
   * invalid rules file.
   */
  static MirrorTargets load(Path rulesFile, String to, String toOption, PrintWriter err) {
    RewriteRules rules = null;
    if (rulesFile != null) {
      try {
        rules = RewriteRules.load(rulesFile);
        RulesOption.print(err, rules.warnings());
      } catch (InvalidRulesException e) {
        RulesOption.print(err, e.diagnostics());
        return null;
      }
    }
    try {
      return new MirrorTargets(rules, to == null ? null : MirrorDestination.parse(to));
    } catch (IllegalArgumentException e) {
      throw new RelocatorException(toOption + ": " + e.getMessage(), e);
    }
  }

  /** Targets from rules already read and a destination already parsed; either may be null. */
  static MirrorTargets of(RewriteRules rules, MirrorDestination destination) {
    return new MirrorTargets(rules, destination);
  }

  /**
   * {@code given}, or when it is empty and the rules are a KubeOne cluster file, the cluster's
   * {@code versions.kubernetes}: the images KubeOne deploys are those of its Kubernetes version.
   */
  List<String> targetVersions(List<String> given) {
    if (!given.isEmpty() || rules == null) {
      return given;
    }
    return rules.kubeOne().flatMap(KubeOneCluster::kubernetesVersion).map(List::of).orElse(given);
  }

  /** The registries the rules say to reach over plain HTTP (KubeOne's {@code insecureRegistry}). */
  List<String> insecureRegistries() {
    return rules == null ? List.of() : rules.kubeOne().map(KubeOneCluster::insecureRegistries).orElse(List.of());
  }

  /** Where {@code image} goes: the rule's relocation when one changes it, else the destination. */
  List<ImageLocation> of(ImageReference image) {
    if (rules != null) {
      ImageReference relocated = rules.apply(image);
      if (!relocated.equals(image)) {
        // Pull by digest when pinned, but keep the tag at the target, as the destination does.
        return List.of(new ImageLocation.Registry(image.tag().isPresent() ? relocated.withoutDigest() : relocated));
      }
    }
    if (destination == null) {
      throw new RelocatorException("no rule in the rules file relocates " + image + ", and no destination was given");
    }
    return destination.targets(image);
  }
}
