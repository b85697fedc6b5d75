package dev.relocator.imagebuilder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart's default image tag is the chart's version, and the image is tagged with the
 * version {@code relocator --version} prints: the two must be one, or a default install pulls a
 * tag nobody pushed.
 */
class ChartVersionTest {

  @Test
  void chartVersionIsTheVersionTheImageIsTaggedWith() throws IOException {
    Properties stamped = new Properties();
    try (InputStream in = dev.relocator.cli.Main.class.getResourceAsStream("version.properties")) {
      stamped.load(in);
    }
    String chart = Files.readString(Path.of("..", "deploy", "helm", "relocator", "Chart.yaml"));

    assertThat(chart).containsPattern("(?m)^version: " + java.util.regex.Pattern.quote(stamped.getProperty("version")) + "$");
    assertThat(chart).containsPattern("(?m)^appVersion: \"" + java.util.regex.Pattern.quote(stamped.getProperty("version"))
        + "\"$");
  }
}
