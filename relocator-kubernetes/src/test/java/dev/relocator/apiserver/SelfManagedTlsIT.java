package dev.relocator.apiserver;

import static dev.relocator.apiserver.ImageMaps.awaitReady;
import static dev.relocator.apiserver.ImageMaps.imageMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relocator.deploy.RelocatorChart;
import dev.relocator.server.RelocatorServer;
import dev.relocator.tls.Pem;
import dev.relocator.tls.ServingNames;
import dev.relocator.tls.TlsMaterial;
import dev.relocator.tls.cluster.SelfManagedTls;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Self-managed TLS on the real API server: replicas create one Secret between them, the leader
 * writes its CA into the webhook configuration, and the API server calls the webhook trusting
 * only that caBundle, through serving-certificate and CA renewals and the leader's death.
 */
class SelfManagedTlsIT {

  @RegisterExtension static final KubeApiServerExtension API = new KubeApiServerExtension();

  private static final String NAMESPACE = "relocator-system";
  private static final String SELECTOR = "relocator-tls-test";
  private static final String ORIGINAL = "registry.example/team/app:1.0";
  private static final String RELOCATED = "mirror.example/team/app:1.0";
  private static final ServingNames NAMES = ServingNames.of(null, List.of("localhost"), List.of("127.0.0.1"));

  @BeforeAll
  static void install() throws IOException {
    ImageMaps.installCrds(API.client());
    API.server().createNamespace(NAMESPACE);
  }

  /**
   * The replicas run as the chart's service account, with only the chart's RBAC: the Secret, the
   * webhook configuration and the Lease have the chart's names.
   */
  @Test
  void twoReplicasStartingTogetherAgainstAMissingSecretAgreeOnOneCaThatTheApiServerTrusts() throws Exception {
    RelocatorChart.requireHelmJava();
    relocatedNamespace("race");
    RelocatorChart.objects(Map.of()).stream()
        .filter(o -> Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding")
            .contains(o.getKind()))
        .forEach(o -> API.client().resource(o).create());
    KubernetesClient account = impersonating("system:serviceaccount:" + NAMESPACE + ":relocator");
    int[] ports = {freePort(), freePort()};
    webhookConfiguration("relocator", "race", ports[0], ports[1]);
    CyclicBarrier together = new CyclicBarrier(2);
    List<CompletableFuture<RelocatorServer>> starting = new ArrayList<>();
    for (int port : ports) {
      starting.add(CompletableFuture.supplyAsync(() -> {
        join(together);
        return RelocatorServer.start(TlsReplica.options(port, NAMESPACE, "relocator-imagemap-controller"), account,
            SelfManagedTls.Settings.of(NAMESPACE, "relocator-webhook-tls", "relocator", NAMES, Duration.ofHours(1)));
      }));
    }
    List<RelocatorServer> replicas = new ArrayList<>();
    try {
      for (CompletableFuture<RelocatorServer> s : starting) {
        replicas.add(s.get(120, TimeUnit.SECONDS));
      }
      TlsMaterial stored = secret("relocator-webhook-tls");

      assertThat(stored.trusted()).hasSize(1);
      for (RelocatorServer replica : replicas) {
        assertThat(replica.certificatePem()).isEqualTo(Pem.certificates(List.of(stored.serving().certificate())));
        assertThat(served(replica.port())).isEqualTo(stored.serving().certificate());
      }
      await("both webhooks' caBundle written by the leader").atMost(ImageMaps.WAIT)
          .until(() -> caBundles("relocator").stream().allMatch(base64(stored.caBundlePem())::equals));
      // Each pod passes both webhooks, one per replica: the API server trusts both through the bundle.
      awaitRelocating("race");
      API.client().pods().inNamespace("race").resource(pod("app")).create();
      assertThat(API.client().pods().inNamespace("race").withName("app").get().getSpec().getContainers().get(0)
          .getImage()).isEqualTo(RELOCATED);
    } finally {
      replicas.forEach(RelocatorServer::close);
      account.close();
    }
  }

  /**
   * Two replicas in JVMs of their own with {@code --tls-validity 2m}. The API server calls replica
   * B; replica A, started first, holds the Lease and rotates. After the first serving renewal A is
   * killed; B takes over the patching (a sentinel webhook's caBundle, changed by the test, is put
   * back) and the CA renewal. Pods are created all along, and none is refused.
   */
  @Test
  void podsAreAdmittedThroughServingAndCaRenewalsWhileTheLeaderIsKilled() throws Exception {
    relocatedNamespace("rotation");
    int portA = freePort();
    int portB = freePort();
    webhookConfiguration("relocator-rotation", "rotation", portB, -1);
    ManagedProcess a = replica("a", portA);
    ManagedProcess b = null;
    ScheduledExecutorService creator = Executors.newSingleThreadScheduledExecutor();
    try {
      await("replica A writes the caBundle").atMost(ImageMaps.WAIT)
          .until(() -> caBundles("relocator-rotation").stream().allMatch(x -> x != null));
      b = replica("b", portB);
      awaitRelocating("rotation");
      TlsMaterial initial = secret("rotation-tls");

      AtomicInteger admitted = new AtomicInteger();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      creator.scheduleAtFixedRate(() -> createPod(admitted, failures), 0, 250, TimeUnit.MILLISECONDS);

      TlsMaterial renewed = awaitSecret("the first serving renewal", Duration.ofMinutes(3),
          m -> !m.serving().certificate().equals(initial.serving().certificate()));
      assertThat(renewed.ca()).isEqualTo(initial.ca());
      int beforeKill = admitted.get();
      await("replica A serves the renewed certificate").atMost(ImageMaps.WAIT)
          .until(() -> served(portA).equals(secret("rotation-tls").serving().certificate()));
      a.kill();

      API.client().admissionRegistration().v1().mutatingWebhookConfigurations().withName("relocator-rotation")
          .edit(c -> {
            c.getWebhooks().get(1).getClientConfig().setCaBundle(base64("changed by someone else"));
            return c;
          });
      await("replica B, now the leader, puts the caBundle back").atMost(Duration.ofSeconds(90))
          .until(() -> caBundles("relocator-rotation").stream()
              .allMatch(base64(secret("rotation-tls").caBundlePem())::equals));

      TlsMaterial switched = awaitSecret("a new CA signing the serving certificate", Duration.ofMinutes(4),
          m -> !m.ca().equals(initial.ca()) && m.servingSignedByCa());
      assertThat(switched.trusted()).as("the old CA stays trusted until it expires")
          .contains(initial.ca().certificate());
      await("replica B serves the certificate from the new CA").atMost(ImageMaps.WAIT)
          .until(() -> served(portB).equals(secret("rotation-tls").serving().certificate()));
      int before = admitted.get();
      await("more pods admitted after the CA change").atMost(ImageMaps.WAIT).until(() -> admitted.get() >= before + 20);
      creator.shutdown();
      assertThat(creator.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      System.out.printf("SelfManagedTlsIT: %d pods admitted and relocated (%d before the leader was killed), %d refused%n",
          admitted.get(), beforeKill, failures.size());
      assertThat(failures).as("failed or unrelocated admissions").isEmpty();
      assertThat(beforeKill).as("pods admitted before the leader was killed").isPositive();
      assertThat(admitted.get()).isGreaterThanOrEqualTo(before + 20);
    } finally {
      creator.shutdownNow();
      a.stop();
      if (b != null) {
        b.stop();
      }
    }
  }

  private static void createPod(AtomicInteger admitted, ConcurrentLinkedQueue<String> failures) {
    String name = "p-" + System.nanoTime();
    try {
      Pod created = API.client().pods().inNamespace("rotation").resource(pod(name)).create();
      if (RELOCATED.equals(created.getSpec().getContainers().get(0).getImage())) {
        admitted.incrementAndGet();
      } else {
        failures.add(name + " stored with " + created.getSpec().getContainers().get(0).getImage());
      }
    } catch (KubernetesClientException e) {
      failures.add(name + ": " + e.getMessage());
    }
  }

  private static ManagedProcess replica(String name, int port) throws IOException {
    ManagedProcess process = ManagedProcess.start("replica-" + name, TlsReplica.command(
        API.server().kubeconfig().toString(), String.valueOf(port), NAMESPACE + "/relocator-rotation",
        NAMESPACE + "/rotation-tls", "relocator-rotation", "120"),
        API.server().workDirectory().resolve("replica-" + name + ".log"));
    await("replica " + name + " listening").atMost(Duration.ofSeconds(120)).failFast(() -> !process.isAlive())
        .until(() -> Files.readString(process.log()).contains(TlsReplica.READY));
    return process;
  }

  private static TlsMaterial awaitSecret(String what, Duration within, java.util.function.Predicate<TlsMaterial> test) {
    return await(what).atMost(within).pollInterval(Duration.ofSeconds(1))
        .until(() -> secret("rotation-tls"), test::test);
  }

  private static TlsMaterial secret(String name) {
    Secret secret = API.client().secrets().inNamespace(NAMESPACE).withName(name).get();
    Map<String, String> data = new HashMap<>();
    secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.US_ASCII)));
    return TlsMaterial.fromSecretData(data, "Secret " + name);
  }

  private static void relocatedNamespace(String namespace) {
    API.server().createNamespace(namespace, Map.of(SELECTOR, namespace));
    // Accepted once a replica's controller runs: see awaitRelocating.
    API.client().resource(imageMap(namespace, "team", "registry.example/team/app", "mirror.example/team/app")).create();
  }

  /**
   * A configuration without caBundles: one webhook per port (by URL, no kube-proxy here), or with
   * {@code second} negative one webhook and a sentinel that selects no namespace.
   */
  private static void webhookConfiguration(String name, String namespace, int first, int second) {
    List<MutatingWebhook> hooks = new ArrayList<>();
    hooks.add(webhook("first.relocator.dev", first, namespace));
    hooks.add(second < 0 ? webhook("sentinel.relocator.dev", first, "no-such-namespace")
        : webhook("second.relocator.dev", second, namespace));
    API.client().admissionRegistration().v1().mutatingWebhookConfigurations().resource(
        new MutatingWebhookConfigurationBuilder().withNewMetadata().withName(name).endMetadata()
            .withWebhooks(hooks).build()).create();
  }

  private static MutatingWebhook webhook(String name, int port, String namespace) {
    return new MutatingWebhookBuilder()
        .withName(name)
        .withAdmissionReviewVersions("v1")
        .withSideEffects("None")
        .withFailurePolicy("Fail")
        .withReinvocationPolicy("IfNeeded")
        .withTimeoutSeconds(10)
        .withNewClientConfig().withUrl("https://127.0.0.1:" + port + "/mutate").endClientConfig()
        .addNewRule().withApiGroups("").withApiVersions("v1").withOperations("CREATE").withResources("pods")
        .withScope("Namespaced").endRule()
        .withNewNamespaceSelector().addToMatchLabels(SELECTOR, namespace).endNamespaceSelector()
        .build();
  }

  private static List<String> caBundles(String configuration) {
    List<String> out = new ArrayList<>();
    API.client().admissionRegistration().v1().mutatingWebhookConfigurations().withName(configuration).get()
        .getWebhooks().forEach(w -> out.add(w.getClientConfig().getCaBundle()));
    return out;
  }

  private static void awaitRelocating(String namespace) {
    assertThat(awaitReady(API.client(), namespace, "team", 1).getReason()).isEqualTo("Accepted");
    await("webhook relocating in " + namespace).atMost(ImageMaps.WAIT).ignoreExceptions().until(() ->
        RELOCATED.equals(API.client().pods().inNamespace(namespace).resource(pod("probe")).dryRun().create()
            .getSpec().getContainers().get(0).getImage()));
  }

  private static Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage(ORIGINAL).endContainer().endSpec().build();
  }

  /** The leaf certificate a server on {@code port} presents (trusting anything: the test compares it). */
  private static X509Certificate served(int port) throws Exception {
    X509Certificate[] seen = new X509Certificate[1];
    X509TrustManager capture = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        seen[0] = chain[0];
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {capture}, null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.startHandshake();
    }
    return seen[0];
  }

  /** The admin acting as {@code user}: RBAC then judges that user, as for a pod's own token. */
  private static KubernetesClient impersonating(String user) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
        .withMasterUrl(API.server().baseUrl())
        .withCaCertData(base64(API.server().caPem()))
        .withOauthToken(API.server().adminToken())
        .withImpersonateUsername(user)
        .withRequestRetryBackoffLimit(0)
        .build()).build();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private static void join(CyclicBarrier barrier) {
    try {
      barrier.await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
