package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relocator serve --tls-secret ...} in-process against the fabric8 mock API server: it
 * creates the Secret, writes its CA into the webhook configuration, and serves a certificate a
 * client trusting only that CA accepts.
 */
@EnableKubernetesMockClient(crud = true)
class ServeSelfManagedTlsTest {

  private static final Duration WAIT = InProcessServe.WAIT;
  private static final Pattern LISTENING = Pattern.compile("listening on https://127\\.0\\.0\\.1:(\\d+) ");

  KubernetesClient client;
  @TempDir Path dir;

  @Test
  void createsTheSecretPublishesItsCaAndServesFromIt() throws Exception {
    InProcessServe.installMapCrds(client);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("relocator-system").endMetadata()
        .build()).create();
    client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(
        new MutatingWebhookConfigurationBuilder().withNewMetadata().withName("relocator").endMetadata()
            .addNewWebhook().withName("pods.relocator.dev").withNewClientConfig().withNewService()
            .withName("relocator-webhook").withNamespace("relocator-system").endService().endClientConfig()
            .endWebhook().build()).create();
    Path kubeconfig = InProcessServe.kubeconfig(dir, client, "relocator-system");
    try (InProcessServe serve = InProcessServe.start(
        "serve", "--kubeconfig", kubeconfig.toString(), "--bind", "127.0.0.1", "--port", "0", "--event-loops", "1",
        "--no-leader-election",
        "--tls-secret", "relocator-system/relocator-webhook-tls", "--webhook-configuration", "relocator",
        "--service", "relocator-webhook.relocator-system", "--tls-ip-address", "127.0.0.1", "--tls-validity", "1h")) {
      Matcher listening = serve.awaitListening(LISTENING);
      Secret secret = client.secrets().inNamespace("relocator-system").withName("relocator-webhook-tls").get();
      assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
      assertThat(secret.getData()).containsOnlyKeys("tls.crt", "tls.key", "ca.crt", "ca.key");
      String ca = secret.getData().get("ca.crt");
      await("caBundle written").atMost(WAIT).until(() -> ca.equals(client.admissionRegistration().v1()
          .mutatingWebhookConfigurations().withName("relocator").get().getWebhooks().get(0).getClientConfig()
          .getCaBundle()));

      X509Certificate served = handshake(Integer.parseInt(listening.group(1)), Base64.getDecoder().decode(ca));
      assertThat(served.getSubjectAlternativeNames()).extracting(n -> String.valueOf(n.get(1))).contains(
          "relocator-webhook.relocator-system.svc", "relocator-webhook.relocator-system.svc.cluster.local", "127.0.0.1");
      assertThat(serve.stop()).isEqualTo(ExitCodes.OK);
    }
  }

  /** The certificate served on {@code port}, verified against {@code caPem} alone (and 127.0.0.1 by the JDK). */
  private static X509Certificate handshake(int port, byte[] caPem) throws Exception {
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(caPem)));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }
}
