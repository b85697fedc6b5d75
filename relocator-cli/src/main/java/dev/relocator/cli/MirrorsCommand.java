package dev.relocator.cli;

import dev.relocator.rewrite.ContainerdHosts;
import dev.relocator.rewrite.CrioRegistries;
import dev.relocator.rewrite.NodeConfig;
import dev.relocator.rewrite.RewriteRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code relocator mirrors} group: node configuration that mirrors registries. */
@Command(
    name = "mirrors",
    subcommands = {MirrorsCommand.Containerd.class, MirrorsCommand.Crio.class},
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Generate node mirror configuration from prefix and overwriteRegistry rules;"
        + " references stay unchanged and pulls fall back to the upstream registry.")
final class MirrorsCommand {

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
    public Integer call() throws IOException {
      RewriteRules loaded = rules.load(spec.commandLine().getErr());
      if (loaded == null) {
        return ExitCodes.FAILURE;
      }
      NodeConfig config = ContainerdHosts.render(loaded);
      RulesOption.print(spec.commandLine().getErr(), config.warnings());
      PrintWriter stdout = spec.commandLine().getOut();
      for (Map.Entry<String, String> file : config.files().entrySet()) {
        Path target = out.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        stdout.println(target);
      }
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
      NodeConfig config = CrioRegistries.render(loaded);
      RulesOption.print(spec.commandLine().getErr(), config.warnings());
      spec.commandLine().getOut().print(config.files().get(CrioRegistries.FILE));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
