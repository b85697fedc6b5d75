package dev.relocator.apiserver;

import static dev.relocator.apiserver.ImageMaps.awaitReady;
import static dev.relocator.apiserver.ImageMaps.imageMap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.admission.FailureMode;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.server.RelocatorServer;
import dev.relocator.server.ServerOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Relocator's webhook server in cluster mode, registered by URL with the test CA on the real API
 * server for the namespaces it relocates in: the set-up the webhook ITs share. Pods there run
 * {@link #ORIGINAL}, which the namespace's ImageMap relocates to {@link #RELOCATED}.
 */
final class RelocatingWebhook {

  /** The namespace label a webhook configuration selects its namespace by. */
  static final String SELECTOR = "relocator-test";
  static final String ORIGINAL = "registry.example/team/app:1.0";
  static final String RELOCATED = "mirror.example/team/app:1.0";
  static final String UNMAPPED = "other.example/sidecar:2";

  private RelocatingWebhook() {}

  /** Relocator's server on a free loopback port, serving a certificate of the API server's test CA. */
  static RelocatorServer start(KubeApiServerExtension api, String name) throws IOException {
    Path tls = Files.createDirectories(api.server().workDirectory().resolve("webhook-" + name));
    api.server().pki().issueLoopbackServer("relocator-" + name).writePem(tls, "tls");
    ServerOptions options = ServerOptions.defaults()
        .withBind("127.0.0.1", 0)
        .withTls(tls.resolve("tls.crt"), tls.resolve("tls.key"), Duration.ofMinutes(10))
        .withPolicies(FailureMode.FAIL, RejectedUpdate.KEEP, Duration.ofSeconds(30))
        .withLeaderElection(false, "default", "relocator-" + name)
        .withEventLoops(1);
    return RelocatorServer.start(options, api.client());
  }

  /**
   * A namespace selected by a webhook configuration pointing at {@code server}, an accepted
   * ImageMap there, and a wait until pods are relocated (the API server loads new webhook
   * configurations asynchronously; dry-run creates call webhooks without side effects).
   */
  static void relocate(KubeApiServerExtension api, String namespace, RelocatorServer server, String failurePolicy)
      throws Exception {
    api.server().createNamespace(namespace, Map.of(SELECTOR, namespace));
    api.client().resource(imageMap(namespace, "team", "registry.example/team/app", "mirror.example/team/app")).create();
    assertThat(awaitReady(api.client(), namespace, "team", 1).getReason()).isEqualTo("Accepted");
    api.client().admissionRegistration().v1().mutatingWebhookConfigurations().resource(
        new MutatingWebhookConfigurationBuilder()
            .withNewMetadata().withName("relocator-" + namespace).endMetadata()
            .addNewWebhook()
            .withName("pods.relocator.dev")
            .withAdmissionReviewVersions("v1")
            .withSideEffects("None")
            .withFailurePolicy(failurePolicy)
            .withTimeoutSeconds(5)
            .withNewClientConfig()
            .withUrl("https://127.0.0.1:" + server.port() + "/mutate")
            .withCaBundle(Base64.getEncoder().encodeToString(api.server().caPem().getBytes(StandardCharsets.US_ASCII)))
            .endClientConfig()
            .addNewRule()
            .withApiGroups("").withApiVersions("v1").withOperations("CREATE").withResources("pods").withScope("Namespaced")
            .endRule()
            .withNewNamespaceSelector().addToMatchLabels(SELECTOR, namespace).endNamespaceSelector()
            .endWebhook()
            .build())
        .create();
    awaitRelocating(api, namespace, ORIGINAL, RELOCATED);
  }

  /** Waits until a dry-run pod running {@code original} in {@code namespace} is stored as {@code relocated}. */
  static void awaitRelocating(KubeApiServerExtension api, String namespace, String original, String relocated)
      throws Exception {
    Pod probe = new PodBuilder().withNewMetadata().withName("probe").endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage(original).endContainer().endSpec().build();
    ImageMapIT.awaitUntil("webhook relocating " + original + " in " + namespace, () -> relocated.equals(
        api.client().pods().inNamespace(namespace).resource(probe).dryRun().create()
            .getSpec().getContainers().get(0).getImage()));
  }
}
