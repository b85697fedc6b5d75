package dev.relocator.tls.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relocator.tls.Pem;
import dev.relocator.tls.ServingNames;
import dev.relocator.tls.TlsMaterial;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fabric8 shell against the mock server in CRUD mode: creation race, following, publishing. */
@EnableKubernetesMockClient(crud = true)
class SelfManagedTlsTest {

  private static final String NAMESPACE = "relocator-system";
  private static final String SECRET = "relocator-webhook-tls";
  private static final String CONFIG = "relocator";
  private static final Duration WAIT = Duration.ofSeconds(20);

  KubernetesClient client;
  private final List<SelfManagedTls> started = new ArrayList<>();

  @BeforeEach
  void webhookConfiguration() {
    client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(
        new MutatingWebhookConfigurationBuilder().withNewMetadata().withName(CONFIG).endMetadata()
            .addNewWebhook().withName("pods.relocator.dev").withNewClientConfig()
            .withNewService().withName("relocator-webhook").withNamespace(NAMESPACE).withPath("/mutate").endService()
            .endClientConfig().endWebhook()
            .addNewWebhook().withName("url.relocator.dev").withNewClientConfig()
            .withUrl("https://127.0.0.1:8443/mutate").withCaBundle("c3RhbGU=").endClientConfig().endWebhook()
            .build()).create();
  }

  @AfterEach
  void stop() {
    started.forEach(SelfManagedTls::close);
  }

  @Test
  void twoReplicasStartingTogetherAgainstAMissingSecretServeOneCa() throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    List<CompletableFuture<TlsMaterial>> replicas = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      SelfManagedTls tls = tls(() -> false, (c, k, s) -> { });
      replicas.add(CompletableFuture.supplyAsync(() -> {
        join(together);
        return tls.start();
      }));
    }

    TlsMaterial first = replicas.get(0).get();
    TlsMaterial second = replicas.get(1).get();

    assertThat(first.ca().certificate()).isEqualTo(second.ca().certificate());
    assertThat(first.serving().certificate()).isEqualTo(second.serving().certificate());
    TlsMaterial stored = new TlsSecret(client, NAMESPACE, SECRET).read(
        client.secrets().inNamespace(NAMESPACE).withName(SECRET).get()).material();
    assertThat(stored.trusted()).containsExactly(first.ca().certificate());
    assertThat(client.secrets().inNamespace(NAMESPACE).withName(SECRET).get().getType()).isEqualTo("kubernetes.io/tls");
  }

  @Test
  void leaderWritesTheCaIntoEveryWebhookAndPutsItBackWhenChanged() {
    SelfManagedTls tls = tls(() -> true, (c, k, s) -> { });
    TlsMaterial material = tls.start();
    String want = base64(material.caBundlePem());

    await().atMost(WAIT).until(() -> caBundles().stream().allMatch(want::equals));
    client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(CONFIG).edit(c -> {
      c.getWebhooks().get(1).getClientConfig().setCaBundle(base64("tampered"));
      return c;
    });

    await().atMost(WAIT).until(() -> caBundles().stream().allMatch(want::equals));
    assertThat(caBundles()).hasSize(2);
  }

  @Test
  void replicaWithoutTheLeaseNeverTouchesTheWebhookConfiguration() throws Exception {
    AtomicBoolean leader = new AtomicBoolean();
    SelfManagedTls tls = tls(leader::get, (c, k, s) -> { });
    TlsMaterial material = tls.start();

    // Checks run every 100 ms: for half a second none of them may write.
    await().during(Duration.ofMillis(500)).atMost(WAIT)
        .until(() -> caBundles().equals(java.util.Arrays.asList(null, "c3RhbGU=")));
    leader.set(true);
    await().atMost(WAIT).until(() -> caBundles().stream().allMatch(base64(material.caBundlePem())::equals));
  }

  @Test
  void everyReplicaFollowsTheSecretWhenAnotherReplicaRenewsIt() {
    List<X509Certificate> served = new CopyOnWriteArrayList<>();
    SelfManagedTls follower = tls(() -> false,
        (cert, key, source) -> served.add(Pem.parseCertificates(cert, source).get(0)));
    TlsMaterial first = follower.start();
    SelfManagedTls other = tls(() -> false, (c, k, s) -> { });
    TlsMaterial replacement = TlsMaterial.create(new dev.relocator.tls.CertificateIssuer(),
        new dev.relocator.tls.RotationPolicy(Duration.ofHours(1)), names(), Clock.systemUTC().instant());
    other.start();

    new TlsSecret(client, NAMESPACE, SECRET).update(
        client.secrets().inNamespace(NAMESPACE).withName(SECRET).get(), replacement);

    await().atMost(WAIT).until(() -> served.contains(replacement.serving().certificate()));
    assertThat(served).first().isEqualTo(first.serving().certificate());
  }

  private SelfManagedTls tls(java.util.function.BooleanSupplier leader, SelfManagedTls.ServingListener listener) {
    SelfManagedTls tls = new SelfManagedTls(client, new SelfManagedTls.Settings(NAMESPACE, SECRET, CONFIG, names(),
        new dev.relocator.tls.RotationPolicy(Duration.ofHours(1)), Duration.ofMillis(100)), leader, listener,
        Clock.systemUTC());
    started.add(tls);
    return tls;
  }

  private static ServingNames names() {
    return ServingNames.of("relocator-webhook." + NAMESPACE, List.of(), List.of("127.0.0.1"));
  }

  private List<String> caBundles() {
    MutatingWebhookConfiguration c = client.admissionRegistration().v1().mutatingWebhookConfigurations()
        .withName(CONFIG).get();
    List<String> out = new ArrayList<>();
    c.getWebhooks().forEach(w -> out.add(w.getClientConfig().getCaBundle()));
    return out;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static void join(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
