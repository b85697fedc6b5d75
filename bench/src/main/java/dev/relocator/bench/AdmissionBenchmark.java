package dev.relocator.bench;

import dev.relocator.admission.AdmissionHandler;
import dev.relocator.admission.FailureMode;
import dev.relocator.imagemap.MapId;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.MappingCatalog;
import dev.relocator.imagemap.Reconciler;
import dev.relocator.imagemap.api.ImageMapSpec;
import dev.relocator.imagemap.api.MapEntry;
import dev.relocator.imagemap.controller.WireMaps;
import dev.relocator.policy.AllowedPrefixes;
import dev.relocator.policy.ImageGlobs;
import dev.relocator.policy.Policy;
import dev.relocator.policy.PolicyId;
import dev.relocator.policy.PolicyMode;
import dev.relocator.policy.PolicySet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The webhook's work per review without HTTP: AdmissionReview bytes in (the review kube-apiserver
 * 1.26 sent for a one-container nginx pod), response bytes with the JSONPatch out, against an
 * ImageMap of {@code mappings} entries, accepted by a real consistency pass, and with
 * {@code allowedPrefixes} above zero a ClusterImagePolicy of that many prefixes (the relocated
 * image under the last one) checked after relocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AdmissionBenchmark {

  @Param({"10", "10000"})
  public int mappings;

  @Param({"0", "50"})
  public int allowedPrefixes;

  private AdmissionHandler handler;
  private byte[] review;

  @Setup
  public void setUp() {
    List<MapEntry> entries = new ArrayList<>();
    entries.add(new MapEntry("nginx", "reg.local/mirror/nginx"));
    for (int i = 1; i < mappings; i++) {
      entries.add(new MapEntry("example.org/team-" + (i % 97) + "/app-" + i, "reg.local/mirror/team-" + (i % 97) + "/app-" + i));
    }
    ImageMapSpec spec = new ImageMapSpec();
    spec.setMap(entries);
    MapId id = MapId.namespaced("demo", "bench");
    MapState state = new MapState(id, 1, Instant.EPOCH, WireMaps.spec(id, spec), null, null);
    var status = Reconciler.reconcile(List.of(state), ns -> Map.of(), Reconciler.RejectedUpdate.KEEP, Instant.EPOCH)
        .get(state.id());
    MapState accepted = state.withStatus(status);
    MappingCatalog catalog = MappingCatalog.of(List.of(accepted), ns -> Map.of());
    if (catalog.entryCount() != mappings) {
      throw new IllegalStateException("map not accepted: " + status.ready().message());
    }
    PolicySet policies = PolicySet.EMPTY;
    if (allowedPrefixes > 0) {
      List<String> prefixes = new ArrayList<>();
      for (int i = 1; i < allowedPrefixes; i++) {
        prefixes.add("registry-" + i + ".example/team-" + i);
      }
      prefixes.add("reg.local/mirror");
      policies = new PolicySet(List.of(new Policy(PolicyId.cluster("bench"),
          AllowedPrefixes.parse("allowed", prefixes), PolicyMode.WARN, null, ImageGlobs.NONE)), ns -> Map.of());
    }
    PolicySet inForce = policies;
    handler = new AdmissionHandler(() -> catalog, () -> inForce, FailureMode.FAIL);
    try (InputStream in = AdmissionBenchmark.class.getResourceAsStream("/pod-create-1.26.json")) {
      review = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String answer = new String(handler.handle(review).body(), StandardCharsets.UTF_8);
    if (!answer.contains("\"patch\"")) {
      throw new IllegalStateException("review not mutated: " + answer);
    }
  }

  /** One review: parse, look up, build the patch, serialise the response. */
  @Benchmark
  public AdmissionHandler.Result review() {
    return handler.handle(review);
  }
}
