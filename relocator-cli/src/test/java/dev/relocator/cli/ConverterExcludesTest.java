package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * {@link Main#main} turns off picocli's built-in converters for java.time's and java.sql's types
 * (a start-up cost): every option or parameter of such a type must bring a converter of its own,
 * or the command line would no longer convert it.
 */
class ConverterExcludesTest {
  private static final List<Pattern> EXCLUDED =
      Stream.of(Main.CONVERTER_EXCLUDES.split(",")).map(Pattern::compile).toList();

  @Test
  void everyArgumentOfAnExcludedTypeHasAConverterOfItsOwn() {
    List<String> checked = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    walk(Main.newCommandLine(), checked, missing);
    assertThat(missing).isEmpty();
    // The check saw the serve command's durations, so a walk that found nothing cannot pass.
    assertThat(checked).contains("relocator serve --warm-up", "relocator serve --retry-delay");
  }

  @Test
  void thePatternsMatchJavaTimeAndJavaSqlOnly() {
    assertThat(excluded(Duration.class)).isTrue();
    assertThat(excluded(java.sql.Timestamp.class)).isTrue();
    assertThat(excluded(java.nio.file.Path.class)).isFalse();
    assertThat(excluded(String.class)).isFalse();
    assertThat(excluded(java.util.Date.class)).isFalse();
  }

  private static void walk(CommandLine command, List<String> checked, List<String> missing) {
    for (ArgSpec arg : command.getCommandSpec().args()) {
      boolean excludedType = Stream.concat(Stream.of(arg.type()), Stream.of(arg.auxiliaryTypes()))
          .anyMatch(ConverterExcludesTest::excluded);
      if (excludedType) {
        String name = command.getCommandSpec().qualifiedName() + " " + arg.paramLabel();
        if (arg.isOption()) {
          name = command.getCommandSpec().qualifiedName() + " " + ((CommandLine.Model.OptionSpec) arg).longestName();
        }
        checked.add(name);
        if (arg.converters().length == 0) {
          missing.add(name);
        }
      }
    }
    for (CommandLine sub : command.getSubcommands().values()) {
      walk(sub, checked, missing);
    }
  }

  private static boolean excluded(Class<?> type) {
    return EXCLUDED.stream().anyMatch(p -> p.matcher(type.getName()).matches());
  }
}
