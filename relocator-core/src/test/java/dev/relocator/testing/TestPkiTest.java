package dev.relocator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {
  @TempDir Path dir;

  @Test
  void aClientTrustingTheCaCompletesAHandshakeWithALoopbackServerItIssued() throws Exception {
    TestPki pki = TestPki.create("test CA");
    assertThat(handshake(pki.issueLoopbackServer("registry"), pki.trustingContext())).isEqualTo("CN=registry");
  }

  @Test
  void aClientTrustingOnePemCertificateCompletesAHandshakeWithTheServerThatHoldsIt() throws Exception {
    TestPki.Issued server = TestPki.selfSigned("localhost");
    SSLContext trusting = TestPki.trustingContext(TestPki.certificatePem(server.certificate()));
    assertThat(handshake(server, trusting)).isEqualTo("CN=localhost");
  }

  /** Serves {@code server} on loopback, connects with {@code client}, sends one byte; returns the peer's name. */
  private static String handshake(TestPki.Issued server, SSLContext client) throws Exception {
    try (SSLServerSocket listener = (SSLServerSocket) server.servingContext().getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> {
        try (SSLSocket accepted = (SSLSocket) listener.accept(); InputStream in = accepted.getInputStream()) {
          return in.read();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
          .createSocket("127.0.0.1", listener.getLocalPort()); OutputStream out = socket.getOutputStream()) {
        socket.startHandshake();
        out.write(42);
        out.flush();
        assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo(42);
        return socket.getSession().getPeerPrincipal().getName();
      }
    }
  }

  @Test
  void aClientTrustingOnePemCertificateRejectsAServerWithAnother() throws Exception {
    TestPki.Issued server = TestPki.create("other CA").serverCertificate();
    SSLContext trusting = TestPki.trustingContext(TestPki.certificatePem(TestPki.selfSigned("localhost").certificate()));
    assertThatThrownBy(() -> handshake(server, trusting)).isInstanceOf(SSLHandshakeException.class);
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
