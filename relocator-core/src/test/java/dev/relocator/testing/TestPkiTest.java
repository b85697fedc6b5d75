package dev.relocator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {
  @TempDir Path dir;

  @Test
  void aClientTrustingTheCaCompletesAHandshakeWithALoopbackServerItIssued() throws Exception {
    TestPki pki = TestPki.create("test CA");
    TestPki.Issued server = pki.issueLoopbackServer("registry");
    try (SSLServerSocket listener = (SSLServerSocket) server.servingContext().getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> {
        try (SSLSocket accepted = (SSLSocket) listener.accept(); InputStream in = accepted.getInputStream()) {
          return in.read();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try (SSLSocket client = (SSLSocket) pki.trustingContext().getSocketFactory()
          .createSocket("127.0.0.1", listener.getLocalPort()); OutputStream out = client.getOutputStream()) {
        client.startHandshake();
        assertThat(client.getSession().getPeerPrincipal().getName()).isEqualTo("CN=registry");
        out.write(42);
        out.flush();
        assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo(42);
      }
    }
  }

  @Test
  void pemFilesHoldTheCertificateAloneOrWithItsCa() throws Exception {
    TestPki pki = TestPki.create("test CA");
    TestPki.Issued server = pki.serverCertificate();
    Path[] written = server.write(dir, "alone");
    server.writePem(dir, "chain");
    String certificate = TestPki.certificatePem(server.certificate());
    assertThat(Files.readString(written[0])).isEqualTo(certificate);
    assertThat(Files.readString(dir.resolve("chain.crt"))).isEqualTo(certificate + pki.caPem());
    assertThat(Files.readString(written[1])).startsWith("-----BEGIN PRIVATE KEY-----\n")
        .isEqualTo(Files.readString(dir.resolve("chain.key")));
  }

  @Test
  void aSelfSignedCertificateIsItsOwnIssuer() {
    TestPki.Issued signer = TestPki.selfSigned("token signer");
    assertThat(signer.certificate().getIssuerX500Principal()).isEqualTo(signer.certificate().getSubjectX500Principal());
    assertThat(TestPki.publicKeyPem(signer.keys())).startsWith("-----BEGIN PUBLIC KEY-----\n");
  }
}
