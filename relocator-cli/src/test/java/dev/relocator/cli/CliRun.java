package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.registry.testing.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One command line run in-process, with its exit code and everything it printed. */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code args} as {@code relocator} does: on the tree built for them. */
  static CliRun of(String... args) {
    return run(Main.newCommandLine(args), args);
  }

  /** Runs {@code args} on the whole command tree, every command built. */
  static CliRun onFullTree(String... args) {
    return run(Main.newCommandLine(), args);
  }

  /** Pushes the test images into the plain-HTTP {@code registry} with {@code relocator mirror}; a failure fails the test. */
  static void seed(TestImages images, String registry) {
    CliRun seed = of("mirror", "--from", "oci:" + images.layout.dir(), "--to", registry, "--insecure-registry", registry);
    assertThat(seed.exitCode()).as(seed.err()).isZero();
  }

  private static CliRun run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
