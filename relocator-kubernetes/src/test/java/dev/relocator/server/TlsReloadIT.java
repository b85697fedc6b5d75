package dev.relocator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relocator.admission.Reviews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate files replaced on disk are served to new connections; open ones keep working. */
class TlsReloadIT {

  @TempDir Path dir;

  private void install(SelfSigned pair) throws IOException {
    for (String[] f : new String[][] {{"tls.key", pair.privateKeyPem()}, {"tls.crt", pair.certificatePem()}}) {
      Path tmp = dir.resolve("." + f[0]);
      Files.writeString(tmp, f[1]);
      Files.move(tmp, dir.resolve(f[0]), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void replacedCertificateIsServedToNewConnectionsWithoutDroppingOpenOnes() throws Exception {
    Path maps = Files.createDirectories(dir.resolve("maps"));
    SelfSigned first = SelfSigned.generate();
    install(first);
    try (RelocatorServer server = RelocatorServer.start(ServerOptions.defaults()
        .withBind("127.0.0.1", 0)
        .withMapsDir(maps)
        .withEventLoops(1)
        .withTls(dir.resolve("tls.crt"), dir.resolve("tls.key"), Duration.ofMillis(100)))) {
      Https old = new Https(first.certificatePem(), server.port());
      assertThat(old.post("/mutate", Reviews.bytes(Reviews.podCreate())).statusCode()).isEqualTo(200);

      SelfSigned second = SelfSigned.generate();
      install(second);
      await("new certificate served").atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
        try {
          return new Https(second.certificatePem(), server.port()).get("/healthz").statusCode() == 200;
        } catch (IOException e) {
          return false;
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(server.certificatePem()).isEqualTo(second.certificatePem());
      // The connection opened under the first certificate is still up and still answers.
      assertThat(old.post("/mutate", Reviews.bytes(Reviews.podCreate())).statusCode()).isEqualTo(200);
      // A new connection trusting only the first certificate is refused the new one.
      assertThatThrownBy(() -> new Https(first.certificatePem(), server.port()).get("/healthz"))
          .isInstanceOf(IOException.class);
    }
  }
}
