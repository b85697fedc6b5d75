package dev.relocator.cli;

import dev.relocator.image.Digest;
import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relocator image normalize}: prints references in Docker's normalised, canonical form. */
@Command(
    name = "normalize",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Normalises image references exactly as Docker does (docker.io, library/, index.docker.io).",
      "text: one canonical reference per line on stdout; invalid ones are reported on stderr.",
      "json: an array in input order with input, valid, domain, path, name, tag, digest,"
          + " canonical, familiar and error.",
      "Exits 1 if any reference is invalid, after printing all of them."
    })
final class ImageNormalizeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Parameters(
      arity = "1..*",
      paramLabel = "REF",
      description = "Image references; '-' reads one reference per line from standard input.")
  List<String> references;

  @Override
  public Integer call() throws IOException {
    if (output == OutputFormat.YAML) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "image normalize supports -o text or -o json, not yaml");
    }
    List<Map<String, Object>> results = new ArrayList<>();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean allValid = true;
    for (String input : expandStandardInput(references)) {
      Map<String, Object> result = normalize(input);
      results.add(result);
      boolean valid = (Boolean) result.get("valid");
      allValid &= valid;
      if (output == OutputFormat.TEXT) {
        if (valid) {
          out.println(result.get("canonical"));
        } else {
          err.println("relocator: " + result.get("error"));
        }
      }
    }
    if (output == OutputFormat.JSON) {
      out.println(Serialization.json(results));
    }
    out.flush();
    err.flush();
    return allValid ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** One JSON object of the command's documented shape; every key present, null where absent. */
  static Map<String, Object> normalize(String input) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("input", input);
    try {
      ImageReference reference = ImageReference.parse(input);
      result.put("valid", true);
      result.put("domain", reference.domain());
      result.put("path", reference.path());
      result.put("name", reference.name());
      result.put("tag", reference.tag().orElse(null));
      result.put("digest", reference.digest().map(Digest::toString).orElse(null));
      result.put("canonical", reference.toString());
      result.put("familiar", reference.familiarString());
      result.put("error", null);
    } catch (InvalidReferenceException e) {
      result.put("valid", false);
      for (String key : List.of("domain", "path", "name", "tag", "digest", "canonical", "familiar")) {
        result.put(key, null);
      }
      result.put("error", e.getMessage());
    }
    return result;
  }

  static List<String> expandStandardInput(List<String> arguments) throws IOException {
    if (!arguments.contains("-")) {
      return arguments;
    }
    List<String> expanded = new ArrayList<>();
    for (String argument : arguments) {
      if (!argument.equals("-")) {
        expanded.add(argument);
        continue;
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          expanded.add(trimmed);
        }
      }
    }
    return expanded;
  }
}
