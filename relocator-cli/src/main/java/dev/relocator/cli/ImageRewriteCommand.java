package dev.relocator.cli;

import dev.relocator.image.ImageReference;
import dev.relocator.rewrite.Rewrite;
import dev.relocator.rewrite.RewriteRules;
import dev.relocator.rewrite.Rule;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relocator image rewrite}: what each reference becomes under a rules file. */
@Command(
    name = "rewrite",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print what each image reference becomes under the rules.",
      "text: one canonical reference per line; json: [{input, output, rule}] where rule is the"
          + " zero-based index of the matching rule, or null."
    })
final class ImageRewriteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RulesOption rules;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Parameters(arity = "1..*", paramLabel = "REF", description = "Image references.")
  List<String> references;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RewriteRules loaded = rules.load(spec.commandLine().getErr());
    if (loaded == null) {
      return ExitCodes.FAILURE;
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (String text : references) {
      Rewrite rewrite = loaded.rewrite(ImageReference.parse(text));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("input", text);
      row.put("output", rewrite.output().toString());
      row.put("rule", rewrite.rule().map(Rule::index).orElse(null));
      results.add(row);
    }
    switch (format) {
      case JSON -> out.println(Serialization.json(results));
      case YAML -> out.print(Serialization.yaml(results));
      default -> results.forEach(row -> out.println(row.get("output")));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
