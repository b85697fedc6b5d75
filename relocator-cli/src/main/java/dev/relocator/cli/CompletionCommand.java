package dev.relocator.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code relocator completion bash|zsh}: prints the shell completion script picocli generates. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a completion script for bash or zsh (commands, options, enum values and files).",
        "bash: source <(relocator completion bash)",
        "zsh:  source <(relocator completion zsh)"})
final class CompletionCommand implements Callable<Integer> {
  /**
   * The shells the script serves. picocli writes one script for both: sourced in zsh, it loads
   * zsh's bash compatibility itself ({@code autoload -U +X bashcompinit && bashcompinit}, and
   * {@code compinit} unless completion is already on), as picocli documents.
   */
  static final List<String> SHELLS = List.of("bash", "zsh");

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", completionCandidates = Shells.class, description = "bash or zsh.")
  String shell;

  @Override
  public Integer call() {
    if (!SHELLS.contains(shell)) {
      throw new ParameterException(spec.commandLine(), "invalid shell \"" + shell + "\": expected bash or zsh");
    }
    // Generated from the whole command tree, not the one built for this command line alone.
    String script = AutoComplete.bash("relocator", Main.newCommandLine());
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** The values the completion script offers after {@code relocator completion}. */
  static final class Shells implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return SHELLS.iterator();
    }
  }
}
