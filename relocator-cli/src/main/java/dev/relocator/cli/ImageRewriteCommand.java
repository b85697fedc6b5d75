package dev.relocator.cli;

import dev.relocator.RelocatorException;
import dev.relocator.image.ImageReference;
import dev.relocator.rewrite.Rewrite;
import dev.relocator.rewrite.RewriteRules;
import dev.relocator.rewrite.Rule;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relocator image rewrite}: what each reference becomes under a rules file. */
@Command(
    name = "rewrite",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print what each image reference becomes under the rules.",
      "text: one canonical reference per line on stdout; invalid ones are reported on stderr.",
      "json: an array in input order of {input, output, rule}: output is canonical, rule the"
          + " zero-based index of the matching rule or null; an invalid input has output and rule"
          + " null and an error.",
      "Exits 1 if any reference is invalid or cannot be rewritten, after printing all of them."
    })
final class ImageRewriteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RulesOption rules;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Parameters(arity = "1..*", paramLabel = "REF",
      description = "Image references; '-' reads one reference per line from standard input.")
  List<String> references;

  @Override
  public Integer call() throws IOException {
    if (format == OutputFormat.YAML) {
      throw new ParameterException(spec.commandLine(), "image rewrite supports -o text or -o json, not yaml");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RewriteRules loaded = rules.load(err);
    if (loaded == null) {
      return ExitCodes.FAILURE;
    }
    List<Map<String, Object>> results = new ArrayList<>();
    boolean allRewritten = true;
    for (String text : ImageNormalizeCommand.expandStandardInput(references)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("input", text);
      try {
        Rewrite rewrite = loaded.rewrite(ImageReference.parse(text));
        row.put("output", rewrite.output().toString());
        row.put("rule", rewrite.rule().map(Rule::index).orElse(null));
        if (format == OutputFormat.TEXT) {
          out.println(rewrite.output());
        }
      } catch (RelocatorException e) {
        allRewritten = false;
        row.put("output", null);
        row.put("rule", null);
        row.put("error", e.getMessage());
        if (format == OutputFormat.TEXT) {
          err.println("relocator: " + e.getMessage());
        }
      }
      results.add(row);
    }
    if (format == OutputFormat.JSON) {
      out.println(Serialization.json(results));
    }
    out.flush();
    err.flush();
    return allRewritten ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
