package dev.relocator.cli;

import dev.relocator.IoErrors;
import dev.relocator.RelocatorException;
import dev.relocator.TextFiles;
import dev.relocator.rewrite.ContainerdHosts;
import dev.relocator.rewrite.CrioRegistries;
import dev.relocator.rewrite.NodeConfig;
import dev.relocator.rewrite.RewriteRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code relocator mirrors} group: node configuration that mirrors registries ({@link CommandTree} lists its commands). */
@Command(
    name = "mirrors",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Generate node mirror configuration from prefix and overwriteRegistry rules;"
        + " references stay unchanged and pulls fall back to the upstream registry.")
final class MirrorsCommand {

  /** Writes containerd's {@code <host>/hosts.toml} files for {@code rules} into {@code dir}, warnings to {@code err}. */
  static List<Path> writeContainerd(RewriteRules rules, Path dir, PrintWriter err) {
    NodeConfig config = ContainerdHosts.render(rules);
    RulesOption.print(err, config.warnings());
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, String> file : config.files().entrySet()) {
      Path target = dir.resolve(file.getKey());
      try {
        Files.createDirectories(target.getParent());
      } catch (IOException e) {
        throw new RelocatorException("cannot create " + target.getParent() + ": " + IoErrors.reason(e), e);
      }
      TextFiles.write(target, file.getValue());
      written.add(target);
    }
    return written;
  }

  /** CRI-O's registries.conf fragment for {@code rules}, warnings to {@code err}. */
  static String crio(RewriteRules rules, PrintWriter err) {
    NodeConfig config = CrioRegistries.render(rules);
    RulesOption.print(err, config.warnings());
    return config.files().get(CrioRegistries.FILE);
  }

  /** {@code relocator mirrors containerd}: writes {@code <host>/hosts.toml} files. */
  @Command(
      name = "containerd",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Write containerd certs.d/<host>/hosts.toml files into DIR"
          + " (\"*\" and overwriteRegistry become _default).")
  static final class Containerd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin RulesOption rules;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "The certs.d directory to write into, e.g. /etc/containerd/certs.d.")
    Path out;

    @Override
    public Integer call() {
      RewriteRules loaded = rules.load(spec.commandLine().getErr());
      if (loaded == null) {
        return ExitCodes.FAILURE;
      }
      PrintWriter stdout = spec.commandLine().getOut();
      writeContainerd(loaded, out, spec.commandLine().getErr()).forEach(stdout::println);
      stdout.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code relocator mirrors crio}: prints a registries.conf v2 fragment. */
  @Command(
      name = "crio",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Print a CRI-O registries.conf (version 2) fragment for"
          + " /etc/containers/registries.conf.d/.")
  static final class Crio implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin RulesOption rules;

    @Override
    public Integer call() {
      RewriteRules loaded = rules.load(spec.commandLine().getErr());
      if (loaded == null) {
        return ExitCodes.FAILURE;
      }
      spec.commandLine().getOut().print(crio(loaded, spec.commandLine().getErr()));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
