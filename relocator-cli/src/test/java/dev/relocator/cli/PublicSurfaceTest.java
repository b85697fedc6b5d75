package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's only public type is its entry point; commands and helpers stay package-private. */
class PublicSurfaceTest {
  @Test
  void onlyMainIsPublic() {
    List<Class<?>> internals = List.of(ExitCodes.class, OutputFormat.class, RelocatorCommand.class, Serialization.class,
        ErrorReporter.class, UsageErrorReporter.class, VectorCommand.class, ImageCommand.class, RulesOption.class);
    assertThat(internals).noneMatch(type -> Modifier.isPublic(type.getModifiers()));
    assertThat(Modifier.isPublic(Main.class.getModifiers())).isTrue();
  }
}
