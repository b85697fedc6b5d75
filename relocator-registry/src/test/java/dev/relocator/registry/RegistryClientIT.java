package dev.relocator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.MediaTypes;
import dev.relocator.registry.auth.CredentialProvider;
import dev.relocator.registry.auth.Credentials;
import dev.relocator.registry.error.ErrorCode;
import dev.relocator.registry.error.RegistryAuthenticationException;
import dev.relocator.registry.error.RegistryException;
import dev.relocator.registry.error.RegistryNotFoundException;
import dev.relocator.registry.error.RegistryRejectedException;
import dev.relocator.registry.error.RegistryUnavailableException;
import dev.relocator.registry.http.RegistryTransport;
import dev.relocator.registry.testing.FaultProxy;
import dev.relocator.registry.testing.OciImageBuilder;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.TokenServer;
import dev.relocator.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution client against a real docker-registry in each setup. */
class RegistryClientIT {
  private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(200));

  @TempDir Path dir;

  private OciImageBuilder.Image image(OciImageBuilder layout) {
    return layout.image("linux", "amd64", layout.layer("a.bin", 300_000, 1), layout.layer("b.bin", 1000, 2));
  }

  /** Pushes every blob then the manifest of {@code image} under {@code tag}. */
  private static void push(RegistryClient client, String repo, OciImageBuilder layout, OciImageBuilder.Image image, String tag)
      throws IOException {
    for (OciImageBuilder.Blob blob : image.layers()) {
      pushBlob(client, repo, layout, blob);
    }
    pushBlob(client, repo, layout, image.config());
    byte[] bytes = Files.readAllBytes(layout.blobPath(image.manifest().digest()));
    client.pushManifest(repo, tag, Manifest.parse(bytes, null, "test"));
  }

  private static void pushBlob(RegistryClient client, String repo, OciImageBuilder layout, OciImageBuilder.Blob blob) {
    client.pushBlob(repo, Digest.parse(blob.digest()), content(layout, blob, new AtomicInteger()));
  }

  /** The blob's file as upload content, counting how often it is opened. */
  private static BlobContent content(OciImageBuilder layout, OciImageBuilder.Blob blob, AtomicInteger opened) {
    Path file = layout.blobPath(blob.digest());
    return new BlobContent() {
      @Override
      public long size() {
        return blob.size();
      }

      @Override
      public InputStream open() throws IOException {
        opened.incrementAndGet();
        return Files.newInputStream(file);
      }
    };
  }

  @Test
  void plainRegistryRoundTripsBlobsAndManifestsByteForByte() throws Exception {
    OciImageBuilder layout = OciImageBuilder.create(dir.resolve("layout"));
    OciImageBuilder.Image image = image(layout);
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).start()) {
      RegistryClient client = RegistryClient.builder(registry.hostPort())
          .transport(RegistryTransport.builder().insecureRegistry(registry.hostPort()).build())
          .retryPolicy(QUICK).build();
      client.ping();
      push(client, "demo/app", layout, image, "1.0");

      Descriptor byTag = client.checkManifest("demo/app", "1.0").orElseThrow();
      assertThat(byTag.digest()).hasToString(image.manifest().digest());
      assertThat(byTag.size()).isEqualTo(image.manifest().size());
      Manifest pulled = client.pullManifest("demo/app", image.manifest().digest());
      assertThat(pulled.bytes()).isEqualTo(Files.readAllBytes(layout.blobPath(image.manifest().digest())));
      assertThat(pulled.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
      assertThat(pulled.blobs()).hasSize(3);

      OciImageBuilder.Blob layer = image.layers().get(0);
      assertThat(client.checkBlob("demo/app", Digest.parse(layer.digest()))).hasValue(layer.size());
      try (InputStream in = client.pullBlob("demo/app", Digest.parse(layer.digest()), layer.size())) {
        assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(layout.blobPath(layer.digest())));
      }
      assertThat(client.checkManifest("demo/app", "2.0")).isEmpty();
      assertThat(client.checkBlob("demo/app", Digest.sha256(new byte[] {1}))).isEmpty();
    }
  }

  @Test
  void chunkedUploadAndCrossRepositoryMountStoreTheSameBlob() throws Exception {
    OciImageBuilder layout = OciImageBuilder.create(dir.resolve("layout"));
    OciImageBuilder.Blob layer = layout.layer("big.bin", 700_000, 9);
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).start()) {
      RegistryClient client = RegistryClient.builder(registry.hostPort())
          .transport(RegistryTransport.builder().insecureRegistry(registry.hostPort()).build())
          .chunkSize(256 * 1024).retryPolicy(QUICK).build();
      Digest digest = Digest.parse(layer.digest());
      AtomicInteger opened = new AtomicInteger();
      BlobContent content = content(layout, layer, opened);
      // Asked of the repository itself: not there yet, so the mount request's session takes the upload.
      assertThat(client.pushOrMountBlob("one/repo", digest, content, "one/repo")).isEqualTo(BlobPushResult.UPLOADED);
      assertThat(client.checkBlob("one/repo", digest)).hasValue(layer.size());
      assertThat(opened).hasValue(1);
      // There now: found by the same request, nothing sent.
      assertThat(client.pushOrMountBlob("one/repo", digest, content, "one/repo")).isEqualTo(BlobPushResult.MOUNTED);

      assertThat(client.checkBlob("two/repo", digest)).isEmpty();
      assertThat(client.pushOrMountBlob("two/repo", digest, content, "one/repo")).isEqualTo(BlobPushResult.MOUNTED);
      assertThat(client.checkBlob("two/repo", digest)).hasValue(layer.size());
      assertThat(opened).hasValue(1);

      // A repository without the blob: the registry declines the mount and the upload goes on.
      assertThat(client.pushOrMountBlob("three/repo", digest, content, "nowhere/repo")).isEqualTo(BlobPushResult.UPLOADED);
      assertThat(client.checkBlob("three/repo", digest)).hasValue(layer.size());
      assertThat(opened).hasValue(2);
    }
  }

  @Test
  void errorsNameTheOperationAndTheSpecCode() throws Exception {
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).start()) {
      RegistryClient client = RegistryClient.builder(registry.hostPort())
          .transport(RegistryTransport.builder().insecureRegistry(registry.hostPort()).build())
          .retryPolicy(QUICK).build();
      assertThatThrownBy(() -> client.pullManifest("demo/missing", "1.0"))
          .isInstanceOf(RegistryNotFoundException.class)
          .hasMessageContaining("pull manifest " + registry.hostPort() + "/demo/missing:1.0")
          .satisfies(e -> assertThat(((RegistryException) e).hasCode(ErrorCode.MANIFEST_UNKNOWN)
              || ((RegistryException) e).hasCode(ErrorCode.NAME_UNKNOWN)).isTrue());

      byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
      Digest wrong = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> client.pushBlob("demo/app", wrong, BlobContent.ofBytes(content)))
          .isInstanceOf(RegistryRejectedException.class)
          .hasMessageContaining("upload blob " + wrong)
          .satisfies(e -> assertThat(((RegistryException) e).hasCode(ErrorCode.DIGEST_INVALID)).isTrue());
    }
  }

  @Test
  void tlsRegistryIsTrustedThroughTheCaFileAndRefusedWithoutIt() throws Exception {
    TestPki pki = TestPki.create("relocator test CA");
    Path caFile = pki.ca().write(dir, "ca")[0];
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).tls(pki.serverCertificate()).start()) {
      RegistryClient trusting = RegistryClient.builder(registry.hostPort())
          .transport(RegistryTransport.builder().caFile(caFile).build()).retryPolicy(QUICK).build();
      trusting.ping();
      assertThat(trusting.checkManifest("demo/app", "1.0")).isEmpty();

      RegistryClient strict = RegistryClient.builder(registry.hostPort()).retryPolicy(QUICK).build();
      assertThatThrownBy(strict::ping)
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining("TLS with " + registry.hostPort() + " failed")
          .hasMessageContaining("insecure registry");

      RegistryClient insecure = RegistryClient.builder(registry.hostPort())
          .transport(RegistryTransport.builder().insecureRegistry(registry.hostPort()).build()).retryPolicy(QUICK).build();
      insecure.ping();
    }
  }

  @Test
  void plainHttpRegistryNeedsToBeDeclaredInsecure() throws Exception {
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).start()) {
      RegistryClient strict = RegistryClient.builder(registry.hostPort()).retryPolicy(QUICK).build();
      assertThatThrownBy(strict::ping).isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining("TLS with " + registry.hostPort() + " failed: it answers in plain HTTP"
              + " (declare it an insecure registry to use HTTP)");
      RegistryClient insecure = RegistryClient.builder(registry.hostPort())
          .transport(RegistryTransport.builder().insecureRegistry(registry.hostPort()).build()).retryPolicy(QUICK).build();
      insecure.ping();
    }
  }

  @Test
  void htpasswdRegistryTakesCredentialsFromDockerConfigAndRefusesWrongOnes() throws Exception {
    OciImageBuilder layout = OciImageBuilder.create(dir.resolve("layout"));
    OciImageBuilder.Image image = image(layout);
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).htpasswd().start()) {
      RegistryTransport transport = RegistryTransport.builder().insecureRegistry(registry.hostPort()).build();
      Path dockerDir = Files.createDirectories(dir.resolve("docker"));
      String auth = Base64.getEncoder().encodeToString(
          (RegistryServer.USER + ":" + RegistryServer.PASSWORD).getBytes(StandardCharsets.UTF_8));
      Files.writeString(dockerDir.resolve("config.json"),
          "{\"auths\":{\"http://" + registry.hostPort() + "/v2/\":{\"auth\":\"" + auth + "\"}}}");
      RegistryClient client = RegistryClient.builder(registry.hostPort()).transport(transport)
          .credentials(CredentialProvider.dockerConfig(Map.of("DOCKER_CONFIG", dockerDir.toString()), dir))
          .retryPolicy(QUICK).build();
      push(client, "demo/app", layout, image, "1.0");
      assertThat(client.checkManifest("demo/app", "1.0")).isPresent();

      RegistryClient anonymous = RegistryClient.builder(registry.hostPort()).transport(transport).retryPolicy(QUICK).build();
      assertThatThrownBy(() -> anonymous.checkManifest("demo/app", "1.0"))
          .isInstanceOf(RegistryAuthenticationException.class)
          .hasMessageContaining("requires credentials");
      RegistryClient wrong = RegistryClient.builder(registry.hostPort()).transport(transport)
          .credentials(CredentialProvider.of(registry.hostPort(), new Credentials(RegistryServer.USER, "nope")))
          .retryPolicy(QUICK).build();
      assertThatThrownBy(() -> wrong.checkManifest("demo/app", "1.0"))
          .isInstanceOf(RegistryAuthenticationException.class)
          .hasMessageContaining("HTTP 401");
    }
  }

  @Test
  void tokenRegistryIsUsedThroughTheBearerFlowWithTokensCachedPerScope() throws Exception {
    OciImageBuilder layout = OciImageBuilder.create(dir.resolve("layout"));
    OciImageBuilder.Image image = image(layout);
    try (TokenServer tokens = TokenServer.start(dir, RegistryServer.USER, RegistryServer.PASSWORD);
        RegistryServer registry = RegistryServer.builder(dir.resolve("r")).token(tokens).start()) {
      RegistryClient client = RegistryClient.builder(registry.hostPort())
          .transport(RegistryTransport.builder().insecureRegistry(registry.hostPort()).build())
          .credentials(CredentialProvider.fromEnvironment(Map.of(
              "RELOCATOR_REGISTRY_USERNAME", RegistryServer.USER, "RELOCATOR_REGISTRY_PASSWORD", RegistryServer.PASSWORD)))
          .retryPolicy(QUICK).build();
      push(client, "demo/app", layout, image, "1.0");
      for (int i = 0; i < 3; i++) {
        assertThat(client.checkManifest("demo/app", "1.0")).isPresent();
      }
      assertThat(client.pullManifest("demo/app", "1.0").digest()).hasToString(image.manifest().digest());
      // One token for push (pull,push) and one for pull, however many requests used them.
      assertThat(tokens.requestedScopes())
          .containsExactlyInAnyOrder("repository:demo/app:pull,push", "repository:demo/app:pull");

      RegistryClient wrong = RegistryClient.builder(registry.hostPort())
          .transport(RegistryTransport.builder().insecureRegistry(registry.hostPort()).build())
          .credentials(CredentialProvider.of(registry.hostPort(), new Credentials("someone", "else")))
          .retryPolicy(QUICK).build();
      assertThatThrownBy(() -> wrong.checkManifest("demo/app", "1.0"))
          .isInstanceOf(RegistryAuthenticationException.class)
          .hasMessageContaining("get token").hasMessageContaining("as user someone");
    }
  }

  @Test
  void faultsThroughTheProxyAreRetriedUntilEveryTransferSucceeds() throws Exception {
    OciImageBuilder layout = OciImageBuilder.create(dir.resolve("layout"));
    OciImageBuilder.Image image = image(layout);
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).start();
        FaultProxy proxy = FaultProxy.start(registry.baseUri(), 42, 0.3, 12,
            FaultProxy.Fault.SERVER_ERROR, FaultProxy.Fault.TOO_MANY_REQUESTS, FaultProxy.Fault.CUT_CONNECTION)) {
      RegistryClient client = RegistryClient.builder(proxy.hostPort())
          .transport(RegistryTransport.builder().insecureRegistry(proxy.hostPort()).build())
          .retryPolicy(new RetryPolicy(8, Duration.ofMillis(10), Duration.ofMillis(1500))).build();
      push(client, "demo/app", layout, image, "1.0");
      for (OciImageBuilder.Blob layer : image.layers()) {
        // A cut mid-body surfaces to the reader (the copy engine retries the blob): read again.
        byte[] read = null;
        for (int attempt = 0; read == null && attempt < 8; attempt++) {
          try (InputStream in = client.pullBlob("demo/app", Digest.parse(layer.digest()), layer.size())) {
            read = in.readAllBytes();
          } catch (IOException cut) {
            // next attempt
          }
        }
        assertThat(read).isEqualTo(Files.readAllBytes(layout.blobPath(layer.digest())));
      }
      assertThat(client.pullManifest("demo/app", "1.0").digest()).hasToString(image.manifest().digest());
      assertThat(proxy.faultsInjected()).isPositive();
      RegistryClient direct = RegistryClient.builder(registry.hostPort())
          .transport(RegistryTransport.builder().insecureRegistry(registry.hostPort()).build()).build();
      OptionalLong stored = direct.checkBlob("demo/app", Digest.parse(image.layers().get(0).digest()));
      assertThat(stored).hasValue(image.layers().get(0).size());
    }
  }
}
