package dev.relocator.cli;

import dev.relocator.Diagnostic;
import dev.relocator.RelocatorException;
import dev.relocator.mirror.ImageResult;
import dev.relocator.mirror.ImageStores;
import dev.relocator.mirror.LockFile;
import dev.relocator.mirror.MirrorDestination;
import dev.relocator.mirror.MirrorEngine;
import dev.relocator.mirror.MirrorOptions;
import dev.relocator.mirror.MirrorPlan;
import dev.relocator.mirror.MirrorResult;
import dev.relocator.mirror.PlannedImage;
import dev.relocator.mirror.ReferrersMode;
import dev.relocator.oci.Platform;
import dev.relocator.relocation.Located;
import dev.relocator.relocation.Relocation;
import dev.relocator.relocation.RelocationReader;
import dev.relocator.relocation.RelocationSchema;
import dev.relocator.rewrite.RewriteRules;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code relocator relocate -f FILE}: the whole relocation a relocation file describes, in one run. */
@Command(name = "relocate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Relocate what a relocation file (kind: Relocation) describes: resolve every source, copy what is missing"
          + " faithfully (resumable), and write the lock, the pinned overwrite, the ImageMaps and the node"
          + " configurations it names. --explain lists the file's keys."
    })
final class RelocateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The relocation file (docs/relocate.md).")
  Path file;

  @Option(names = "--target", paramLabel = "REGISTRY[/PREFIX]|oci:DIR|oci-archive:FILE",
      description = "Replaces the file's target (a path here is relative to the working directory).")
  String target;

  @Option(names = "--dry-run", description = "Print the plan (source, target, digest, size, outputs); copy and write nothing.")
  boolean dryRun;

  @Option(names = "--check", description = "Copy and write nothing: exit 0 when every target holds the digest the lock"
      + " pins, else 1, naming each missing or drifted image.")
  boolean check;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--explain", description = "Print every key of the relocation file, one line each, and exit.")
  boolean explain;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (explain) {
      out.print(RelocationSchema.explain());
      out.flush();
      return ExitCodes.OK;
    }
    checkOptions();
    RelocationReader.Result read = RelocationReader.read(file);
    Relocation relocation = read.relocation();
    List<Diagnostic> findings = new ArrayList<>(read.diagnostics());
    Located destination = target != null ? new Located(target, "--target", 0, "")
        : relocation == null ? null : relocation.target().orElse(null);
    if (relocation != null) {
      findings.addAll(RelocationValidation.check(relocation, destination));
    }
    findings.sort(Comparator.comparingInt(Diagnostic::line).thenComparing(Diagnostic::path));
    VectorCommand.print(err, findings);
    if (relocation == null || findings.stream().anyMatch(Diagnostic::isError)) {
      return ExitCodes.FAILURE;
    }
    if (!check && !dryRun) {
      // Before any copying: a long copy must not end in "cannot write". A dry run writes nothing.
      RelocationOutputs.requireWritable(relocation);
    }

    List<Platform> platforms = relocation.vector().map(v -> v.architectures().stream()
        .map(a -> Platform.parse(a.value())).toList()).orElse(List.of());
    RewriteRules rules = relocation.rules().orElse(null);
    MirrorTargets fromRules = MirrorTargets.of(rules, null);
    List<String> versions = fromRules.targetVersions(
        relocation.vector().map(Relocation.VectorSource::kubernetesVersions).orElse(List.of()));
    RelocationSources.Resolved sources = RelocationSources.resolve(relocation, versions,
        platforms.size() == 1 ? platforms.get(0).architecture() : null, err);
    if (sources == null) {
      return ExitCodes.FAILURE;
    }
    RelocationPlan plan = RelocationPlan.of(sources.sources(), rules,
        destination == null ? null : MirrorDestination.parse(destination.value()));
    if (plan.tasks().isEmpty()) {
      throw new RelocatorException(relocation.file() + ": nothing to relocate: the sources name no image");
    }
    List<String> insecure = new ArrayList<>(relocation.registries().insecure());
    insecure.addAll(fromRules.insecureRegistries());
    ImageStores stores = RegistryOptions.of(spec, insecure, relocation.registries().caFile().orElse(null),
        RelocationValidation.endpoints(relocation)).stores();
    boolean locking = relocation.outputs().lock().isPresent();
    // RelocationValidation has refused a value that does not parse.
    ReferrersMode referrers = relocation.referrers().map(r -> ReferrersMode.parse(r.value())).orElse(ReferrersMode.ALL);
    MirrorOptions options = MirrorOptions.DEFAULT.withPlatforms(platforms).withConfigPlatforms(locking)
        .withReferrers(referrers);
    try (stores; MirrorEngine engine = new MirrorEngine(stores, options)) {
      if (check) {
        return check(relocation, plan, stores, out);
      }
      if (dryRun) {
        return dryRun(relocation, engine.plan(plan.tasks()), out);
      }
      MirrorResult result = MirrorRun.copy(engine, plan.tasks(), err);
      if (result.failed()) {
        print(out, result, Map.of());
        err.println("relocator: outputs not written: " + result.failures().size()
            + " images failed; run again to copy only what is missing");
        return ExitCodes.FAILURE;
      }
      Map<String, String> written = RelocationOutputs.write(relocation, plan, result, sources.vectorSelection(),
          plan.nodeRules(relocation.file().toString(), insecure), err);
      print(out, result, written);
      return ExitCodes.OK;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private void checkOptions() {
    if (file == null) {
      throw new ParameterException(spec.commandLine(), "needs -f FILE (or --explain)");
    }
    if (dryRun && check) {
      throw new ParameterException(spec.commandLine(), "--dry-run and --check exclude each other");
    }
    if (format == OutputFormat.YAML) {
      throw new ParameterException(spec.commandLine(), "-o: relocate prints text or json");
    }
    if (target != null) {
      try {
        MirrorDestination.parse(target);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--target: " + e.getMessage());
      }
    }
  }

  private int check(Relocation relocation, RelocationPlan plan, ImageStores stores, PrintWriter out) {
    Path lockFile = relocation.outputs().lock().orElseThrow(() -> new RelocatorException(
        relocation.file() + ": --check needs outputs.lock: the lock says which digest each target must hold"));
    LockFile lock = Files.isRegularFile(lockFile) ? LockFile.read(lockFile) : new LockFile(List.of());
    List<RelocationCheck.Finding> findings = RelocationCheck.check(plan, lock, stores);
    long bad = findings.stream().filter(f -> !f.ok()).count();
    if (format == OutputFormat.JSON) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("lock", lockFile.toString());
      json.put("ok", bad == 0);
      json.put("images", findings.stream().map(RelocationCheck.Finding::json).toList());
      out.println(Serialization.json(json));
    } else {
      findings.forEach(f -> out.println(f.line()));
      out.println("checked " + findings.size() + " images against " + lockFile + ": "
          + (bad == 0 ? "all present at their locked digests" : bad + " missing or drifted"));
    }
    return bad == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private int dryRun(Relocation relocation, MirrorPlan plan, PrintWriter out) {
    Map<String, String> outputs = outputs(relocation);
    long unreadable = plan.unreadableSources();
    if (format == OutputFormat.JSON) {
      List<Map<String, Object>> images = new ArrayList<>();
      for (PlannedImage image : plan.images()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", image.task().source().toString());
        json.put("target", image.task().target().unpinned());
        json.put("digest", image.sourceDigest().map(Object::toString).orElse(null));
        json.put("bytes", image.size().isPresent() ? image.size().getAsLong() : null);
        json.put("platforms", image.platforms().stream().map(Platform::toString).toList());
        image.error().ifPresent(e -> json.put("error", e));
        images.add(json);
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("images", images);
      json.put("bytes", plan.knownBytes());
      json.put("outputs", outputs);
      out.println(Serialization.json(json));
    } else {
      MirrorRun.printPlan(plan, out);
      outputs.forEach((key, where) -> out.println("would write " + key + " " + where));
    }
    return unreadable > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  /** The outputs the file names, by key, in file order. */
  private static Map<String, String> outputs(Relocation relocation) {
    Map<String, String> outputs = new LinkedHashMap<>();
    Relocation.Outputs o = relocation.outputs();
    o.lock().ifPresent(p -> outputs.put("lock", p.toString()));
    o.overwrite().ifPresent(p -> outputs.put("overwrite", p.toString()));
    o.imageMaps().ifPresent(m -> outputs.put("imageMaps", m.file().toString()));
    o.containerd().ifPresent(p -> outputs.put("containerd", p.toString()));
    o.crio().ifPresent(p -> outputs.put("crio", p.toString()));
    return outputs;
  }

  private void print(PrintWriter out, MirrorResult result, Map<String, String> written) {
    if (format == OutputFormat.JSON) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("total", result.total());
      json.put("copied", result.images().size());
      json.put("upToDate", result.images().stream().filter(ImageResult::upToDate).count());
      json.put("bytesCopied", result.bytesCopied());
      json.put("failed", result.failures().stream().map(Object::toString).toList());
      json.put("outputs", written);
      out.println(Serialization.json(json));
      return;
    }
    out.println(result.summary());
    written.forEach((key, where) -> out.println("wrote " + key + " " + where));
  }
}
