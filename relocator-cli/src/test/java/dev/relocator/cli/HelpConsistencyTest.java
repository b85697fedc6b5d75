package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class HelpConsistencyTest {

  private static void collect(CommandLine command, List<CommandLine> out) {
    out.add(command);
    for (CommandLine sub : command.getSubcommands().values()) {
      collect(sub, out);
    }
  }

  @Test
  void everyOutputOptionIsLabelledFormatOrFile() {
    List<CommandLine> commands = new ArrayList<>();
    collect(Main.newCommandLine(), commands);
    List<String> labels = new ArrayList<>();
    for (CommandLine command : commands) {
      OptionSpec output = command.getCommandSpec().findOption("-o");
      if (output != null) {
        labels.add(command.getCommandSpec().qualifiedName() + " " + output.paramLabel());
      }
    }
    assertThat(labels).isNotEmpty().allMatch(label -> label.endsWith(" FORMAT") || label.endsWith(" FILE"));
  }

  @Test
  void everyCommandHasHelpThatExitsZero() {
    List<CommandLine> commands = new ArrayList<>();
    collect(Main.newCommandLine(), commands);
    for (CommandLine command : commands) {
      List<String> args = new ArrayList<>(List.of(command.getCommandSpec().qualifiedName().split(" ")));
      args.remove(0);
      args.add("--help");
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.OK);
      assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: " + command.getCommandSpec().qualifiedName());
    }
    assertThat(commands).hasSizeGreaterThanOrEqualTo(13);
  }
}
