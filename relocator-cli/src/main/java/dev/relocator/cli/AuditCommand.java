package dev.relocator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.relocator.Diagnostic;
import dev.relocator.InputKind;
import dev.relocator.JsonErrors;
import dev.relocator.RelocatorException;
import dev.relocator.TextFiles;
import dev.relocator.audit.Audit;
import dev.relocator.audit.AuditRow;
import dev.relocator.audit.Workload;
import dev.relocator.cluster.ApiServerErrors;
import dev.relocator.imagemap.MappingCatalog;
import dev.relocator.imagemap.api.ImageMapManifests;
import dev.relocator.imagemap.api.MapEntry;
import dev.relocator.imagemap.controller.ClusterWorkloads;
import dev.relocator.imagemap.controller.MapsAndPolicies;
import dev.relocator.policy.PolicySet;
import dev.relocator.rewrite.Location;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code relocator audit}: the workloads whose images would not be allowed under the maps and
 * policies in force, before a policy is switched from warn to deny.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "List every container of the pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and"
            + " CronJobs (through their pod templates) whose image would not be allowed under the maps and"
            + " image policies: one row per container with namespace, kind, name, container, image, and the"
            + " relocated image or \"no map\". Exits 1 when any row is found.",
        "In a namespace no policy covers, an image no map relocates is a row. With --to, the ImageMap"
            + " entries that would relocate the unmapped images under that prefix follow, as YAML ready to apply."})
final class AuditCommand implements Callable<Integer> {

  private static final ObjectMapper YAML = new YAMLMapper();

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Where the workloads come from. */
  static final class Source {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
        description = "Audit the cluster of this kubeconfig (every namespace); its maps and policies apply"
            + " unless --maps is given.")
    Path kubeconfig;

    @Option(names = "--manifests", paramLabel = "FILE", arity = "1..*",
        description = "Audit the workloads in these YAML or JSON files (several documents each, or kind: List).")
    List<Path> manifests;
  }

  @Option(names = "--maps", paramLabel = "DIR",
      description = "The ImageMaps, ClusterImageMaps, image policies and Namespaces to audit against, as"
          + " relocator serve --maps reads them (default: the cluster's, or none with --manifests).")
  Path maps;

  @Option(names = "--to", paramLabel = "PREFIX",
      description = "Suggest ImageMap entries relocating the unmapped images under this registry prefix"
          + " (HOST[:PORT][/PATH]).")
  String to;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Override
  public Integer call() {
    if (output == OutputFormat.YAML) {
      throw new ParameterException(spec.commandLine(), "-o yaml: audit writes text or json");
    }
    if (to != null) {
      try {
        Location.parse(to);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--to " + e.getMessage());
      }
    }
    if (maps != null && !Files.isDirectory(maps)) {
      throw new ParameterException(spec.commandLine(), "--maps " + maps + ": not a directory");
    }
    List<Workload> workloads;
    MapsAndPolicies rules;
    if (source.kubeconfig != null) {
      Config config = ClusterConnection.config(source.kubeconfig);
      ClusterConnection.probe(config);
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        workloads = ClusterWorkloads.list(client);
        rules = maps != null ? MapsAndPolicies.fromDirectory(maps) : MapsAndPolicies.fromCluster(client);
      } catch (KubernetesClientException e) {
        String rule = "the audit lists namespaces, the workload kinds it reads and Relocator's maps and policies"
            + " in every namespace: your user needs list on them";
        throw new AuditException("reading the cluster at " + config.getMasterUrl() + ": " + ApiServerErrors.reason(e, rule), e);
      }
    } else {
      workloads = new ArrayList<>();
      for (Path file : source.manifests) {
        workloads.addAll(manifestWorkloads(file));
      }
      rules = maps != null ? MapsAndPolicies.fromDirectory(maps)
          : new MapsAndPolicies(MappingCatalog.EMPTY, PolicySet.EMPTY, List.of());
    }
    PrintWriter err = spec.commandLine().getErr();
    for (Diagnostic d : rules.problems()) {
      err.println("relocator audit: " + d);
    }
    List<AuditRow> rows = Audit.rows(workloads, rules.catalog(), rules.policies(), to);
    List<MapEntry> suggested = to == null ? List.of() : Audit.suggestions(rows, to);
    String yaml = suggested.isEmpty() ? null
        : ImageMapManifests.yaml(new ImageMapManifests.Cluster("relocator-audit"), suggested);
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.JSON) {
      out.print(json(workloads.size(), rows, yaml));
      out.println();
    } else {
      text(out, workloads.size(), rows, yaml);
    }
    out.flush();
    err.flush();
    return rows.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private static void text(PrintWriter out, int audited, List<AuditRow> rows, String yaml) {
    if (rows.isEmpty()) {
      out.println("relocator audit: all " + audited + " workloads allowed");
      return;
    }
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"NAMESPACE", "KIND", "NAME", "CONTAINER", "IMAGE", "RELOCATED", "WHY"});
    for (AuditRow r : rows) {
      table.add(new String[] {r.namespace(), r.kind(), r.name(), r.container(), r.image(), r.relocatedOrNoMap(), r.why()});
    }
    int[] width = new int[7];
    for (String[] row : table) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : table) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + (width[i] + 2) + "s", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println();
    out.println("relocator audit: " + rows.size() + (rows.size() == 1 ? " container" : " containers")
        + " of " + audited + " workloads would not be allowed");
    if (yaml != null) {
      out.println("# ImageMap entries that would relocate the unmapped images (kubectl apply -f):");
      out.print(yaml);
    }
  }

  private static String json(int audited, List<AuditRow> rows, String yaml) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("audited", audited);
    List<Object> list = new ArrayList<>();
    for (AuditRow r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("namespace", r.namespace());
      m.put("kind", r.kind());
      m.put("name", r.name());
      m.put("container", r.container());
      m.put("image", r.image());
      m.put("relocated", r.relocated());
      m.put("why", r.why());
      list.add(m);
    }
    root.put("rows", list);
    if (yaml != null) {
      root.put("suggestion", yaml);
    }
    return Serialization.json(root);
  }

  private static List<Workload> manifestWorkloads(Path file) {
    String text;
    try {
      text = TextFiles.read(file);
    } catch (RelocatorException e) {
      throw new AuditException("--manifests " + e.getMessage().replaceFirst("^cannot read ", ""), e);
    }
    List<Workload> out = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        if (doc == null || !doc.isObject()) {
          continue;
        }
        if (doc.path("kind").asText("").endsWith("List") && doc.path("items").isArray()) {
          doc.path("items").forEach(item -> Workload.of(item).ifPresent(out::add));
        } else {
          Workload.of(doc).ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      throw new AuditException("--manifests " + file + ": " + JsonErrors.describe(e), e);
    }
    if (out.isEmpty()) {
      // An audit of nothing would read "all allowed".
      throw new AuditException("--manifests " + file + ": no Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,"
          + " Job or CronJob found" + InputKind.of(text).map(k -> " (" + k.description() + ")").orElse(""), null);
    }
    return out;
  }

  /** The audit could not read its input; the message says which and why. */
  static final class AuditException extends RelocatorException {
    private static final long serialVersionUID = 1L;

    AuditException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
