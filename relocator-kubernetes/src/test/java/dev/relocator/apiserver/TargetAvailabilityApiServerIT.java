package dev.relocator.apiserver;

import static dev.relocator.apiserver.ImageMaps.awaitReady;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.controller.AvailabilityMonitor;
import dev.relocator.imagemap.controller.RegistryTargetProbe;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import dev.relocator.registry.testing.TestImages;
import dev.relocator.server.RelocatorServer;
import dev.relocator.server.ServerOptions;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TargetsAvailable condition written through the real API server's status subresource,
 * against Debian's docker-registry on loopback in which one target's tag is deleted.
 */
class TargetAvailabilityApiServerIT {

  @RegisterExtension static final KubeApiServerExtension API = new KubeApiServerExtension();

  @TempDir Path dir;

  @Test
  void aTargetDeletedFromTheRegistryTurnsTheConditionFalseAndTheMapStaysAccepted() throws Exception {
    ImageMaps.installCrds(API.client());
    API.server().createNamespace("demo", Map.of());
    TestImages images = TestImages.small(dir.resolve("layout"));
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("registry")).start()) {
      String r = registry.hostPort();
      for (String name : List.of(TestImages.SINGLE, TestImages.OTHER)) {
        Skopeo.copy("oci:" + images.layout.dir() + ":" + name, "docker://" + r + "/" + name, "--dest-tls-verify=false");
      }
      API.client().resource(ImageMaps.imageMap("demo", "mirror", "nginx:1.25", r + "/" + TestImages.SINGLE,
          "redis:7", r + "/" + TestImages.OTHER)).create();

      ServerOptions options = ServerOptions.defaults().withBind("127.0.0.1", 0).withEventLoops(1)
          .withLeaderElection(false, "demo", "unused");
      try (RelocatorServer server = RelocatorServer.start(options, API.client(),
          new AvailabilityMonitor.Settings(Duration.ofSeconds(1), 10), new RegistryTargetProbe(List.of(r), Map.of()))) {
        AtomicReference<Condition> seen = new AtomicReference<>();
        ImageMapIT.awaitUntil("targets found", () -> "True".equals(status(seen)));
        assertThat(seen.get().getMessage()).isEqualTo("all 2 targets found");

        registry.deleteTag(TestImages.OTHER);
        ImageMapIT.awaitUntil("the deleted target reported", () -> "False".equals(status(seen)));
        assertThat(seen.get().getReason()).isEqualTo("TargetsMissing");
        assertThat(seen.get().getMessage())
            .isEqualTo("1 of 2 targets missing: " + r + "/" + TestImages.OTHER + "; the map stays in force");
        assertThat(awaitReady(API.client(), "demo", "mirror", 1).getReason()).isEqualTo("Accepted");
      }
    }
  }

  private static String status(AtomicReference<Condition> into) {
    ImageMap m = API.client().resources(ImageMap.class).inNamespace("demo").withName("mirror").get();
    if (m.getStatus() == null || m.getStatus().getConditions() == null) {
      return null;
    }
    Condition c = m.getStatus().getConditions().stream().filter(x -> "TargetsAvailable".equals(x.getType()))
        .findFirst().orElse(null);
    into.set(c);
    return c == null ? null : c.getStatus();
  }
}
