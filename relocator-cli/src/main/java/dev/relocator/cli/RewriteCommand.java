package dev.relocator.cli;

import dev.relocator.TextFiles;
import dev.relocator.rewrite.ManifestRewrite;
import dev.relocator.rewrite.ManifestRewriter;
import dev.relocator.rewrite.RewriteRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relocator rewrite}: rewrites the image fields of Kubernetes manifests. */
@Command(
    name = "rewrite",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Rewrite the container images of Kubernetes manifests with the rules and print the result.",
      "Only image scalars change; comments, quoting, anchors and layout stay byte for byte.",
      "With --check nothing is printed but the images that would change; exit code 1 if any."
    })
final class RewriteCommand implements Callable<Integer> {
  private static final String STDIN = "-";

  @Spec CommandSpec spec;

  @Mixin RulesOption rules;

  @Option(names = "--check", description = "List the images that would change and exit 1 if any.")
  boolean check;

  @Parameters(arity = "0..*", paramLabel = "FILE", defaultValue = STDIN,
      description = "Manifest files; '-' (the default) reads standard input.")
  List<String> files;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RewriteRules loaded = rules.load(err);
    if (loaded == null) {
      return ExitCodes.FAILURE;
    }
    int changes = 0;
    boolean first = true;
    boolean endsWithNewline = true;
    for (String file : files) {
      String source = file.equals(STDIN) ? "<stdin>" : file;
      String text = file.equals(STDIN)
          ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : TextFiles.read(Path.of(file));
      ManifestRewrite result = ManifestRewriter.rewrite(source, text, loaded);
      RulesOption.print(err, result.diagnostics());
      changes += result.changes().size();
      if (check) {
        for (ManifestRewrite.Change change : result.changes()) {
          out.println(source + ":" + change.image().line() + ": " + change.image().where() + ": "
              + change.image().value() + " -> " + change.newValue());
        }
      } else {
        // Files are joined into one stream: a separator keeps their documents apart. A newline is
        // added only before a following file, so a single file comes out byte for byte.
        if (!first && !endsWithNewline) {
          out.print("\n");
        }
        if (!first && !text.startsWith("---")) {
          out.print("---\n");
        }
        out.print(result.text());
        if (!result.text().isEmpty()) {
          endsWithNewline = result.text().endsWith("\n");
        }
      }
      first = false;
    }
    out.flush();
    return check && changes > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
  }
}
