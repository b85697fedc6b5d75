package dev.relocator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class TestToolsTest {

  @Test
  void aMissingToolSkipsOutsideCi() {
    assertThatThrownBy(() -> TestTools.require(false, "/usr/bin/nothing", "missing", Map.of()))
        .isInstanceOf(TestAbortedException.class).hasMessageContaining("/usr/bin/nothing: missing");
  }

  @Test
  void aMissingToolFailsWhenCiIsTrue() {
    assertThatThrownBy(() -> TestTools.require(false, "/usr/bin/nothing", "missing", Map.of("CI", "true")))
        .isInstanceOf(AssertionError.class).hasMessage("/usr/bin/nothing: missing (CI=true: required)");
  }

  @Test
  void aToolThatIsThereNeitherSkipsNorFails() {
    TestTools.require(true, "sh", "missing", Map.of("CI", "true"));
    assertThat(TestTools.onPath("sh")).isPresent();
    assertThat(TestTools.onPath("no-such-program-here")).isEmpty();
  }
}
