package dev.relocator.imagebuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherArgsTest {

  @Test
  void oneArgumentALineWithTheClassPathJoinedAndTheMainClassLast() {
    assertThat(LauncherArgs.text(List.of("-XX:MaxRAMPercentage=50"), List.of("/a/x.jar", "/a/y.jar"), "m.Main"))
        .isEqualTo("-XX:MaxRAMPercentage=50\n-cp\n/a/x.jar:/a/y.jar\nm.Main\n");
  }

  @Test
  void containerSettingsSizeTheHeapFromTheMemoryLimitFromTheStartAndExitOnOutOfMemory() {
    assertThat(LauncherArgs.JVM_OPTIONS)
        .contains("-XX:MaxRAMPercentage=50", "-XX:InitialRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError",
            "-XX:-UsePerfData")
        .noneMatch(option -> option.startsWith("-Xmx"));
  }

  @Test
  void classPathEntryWithAColonOrSpaceIsRefused() {
    assertThatThrownBy(() -> LauncherArgs.text(List.of(), List.of("/a/b c.jar"), "m.Main"))
        .hasMessage("class path entry \"/a/b c.jar\" contains ':' or white space");
    assertThatThrownBy(() -> LauncherArgs.text(List.of(), List.of("/a:b.jar"), "m.Main"))
        .hasMessage("class path entry \"/a:b.jar\" contains ':' or white space");
  }

  @Test
  void emptyClassPathIsRefused() {
    assertThatThrownBy(() -> LauncherArgs.text(List.of(), List.of(), "m.Main")).hasMessage("the class path is empty");
  }
}
