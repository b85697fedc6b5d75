package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.RelocatorException;
import dev.relocator.registry.error.PlainHttpRegistryException;
import dev.relocator.registry.error.RegistryException;
import dev.relocator.registry.error.RegistryUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorReporterTest {

  private static String report(Exception e, String... args) {
    CommandLine commandLine = Main.newCommandLine();
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.parseArgs(args);
    int code = new ErrorReporter().handleExecutionException(e, commandLine, null);
    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    return err.toString();
  }

  @Test
  void anInternalErrorIsOneLineThatPointsToVerbose() {
    assertThat(report(new IllegalStateException("boom"), "image", "normalize", "x"))
        .isEqualTo("relocator: internal error: IllegalStateException: boom (rerun with --verbose for the stack trace)"
            + System.lineSeparator());
  }

  @Test
  void withVerboseTheStackTraceFollowsAndTheHintIsGone() {
    String err = report(new IllegalStateException("boom"), "--verbose", "image", "normalize", "x");
    assertThat(err.lines().findFirst()).hasValue("relocator: internal error: IllegalStateException: boom");
    assertThat(err).contains("\tat ").doesNotContain("rerun with --verbose");
  }

  @Test
  void anInputErrorNeedsNoHint() {
    assertThat(report(new RelocatorException("cannot read a.yaml: no such file"), "image", "normalize", "x"))
        .isEqualTo("relocator: cannot read a.yaml: no such file" + System.lineSeparator());
  }

  @Test
  void anIoErrorIsWordedByTheCoreTable() {
    assertThat(report(new UncheckedIOException(new NoSuchFileException("a.yaml")), "image", "normalize", "x"))
        .isEqualTo("relocator: cannot access a.yaml: no such file or directory" + System.lineSeparator());
    assertThat(report(new AccessDeniedException("a.yaml"), "image", "normalize", "x"))
        .isEqualTo("relocator: cannot access a.yaml: permission denied" + System.lineSeparator());
    assertThat(report(new IOException("stream closed"), "image", "normalize", "x"))
        .isEqualTo("relocator: I/O error: stream closed" + System.lineSeparator());
  }

  @Test
  void aRegistryAnsweringInPlainHttpIsNamedWithTheFlagThatDeclaresItInsecure() {
    String failed = "ping 127.0.0.1:5000: TLS with 127.0.0.1:5000 failed: it answers in plain HTTP"
        + " (declare it an insecure registry to use HTTP)";
    assertThat(report(PlainHttpRegistryException.of(failed, "127.0.0.1:5000", null), "image", "normalize", "x"))
        .isEqualTo("relocator: " + failed + ": --insecure-registry 127.0.0.1:5000" + System.lineSeparator());
  }

  @Test
  void theFlagIsNamedAlsoWhenTheRegistryFailureIsWrapped() {
    RegistryException copy = new RegistryException("copy a -> b: failed",
        PlainHttpRegistryException.of("it answers in plain HTTP", "registry.test:5000", null));
    assertThat(ErrorLines.describe(copy)).isEqualTo("copy a -> b: failed: --insecure-registry registry.test:5000");
  }

  @Test
  void otherRegistryFailuresGetNoFlag() {
    assertThat(ErrorLines.hint(RegistryUnavailableException.permanent("TLS failed", null))).isEmpty();
  }
}
