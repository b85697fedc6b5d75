package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The launcher's archive training really pushes, copies and re-checks the bundled image on loopback. */
class StartupTrainingTest {
  @Test
  void bundledLayoutIsPushedCopiedAndThenFoundUpToDate() throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      code = StartupTraining.run(Path.of("../examples/training-layout"));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    String index = "sha256:84a2fcb2f48926226ed84934eada346c5f23cc33c17a273ade1a162ff7e462d0";
    assertThat(text).contains("1 copied, 0 already present of 1 image; 592 B written, 0 blobs already present") // layout -> source
        .contains("1 copied, 0 already present of 1 image; 592 B written") // source -> target, blob by blob
        .contains("up to date 127.0.0.1:").contains(index);
  }

  /** The training registry answers the tag list a mirror reads for attachments, so the archive learns that path. */
  @Test
  void trainingRegistryListsTheTagsPushed() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (TrainingRegistry registry = TrainingRegistry.start()) {
      String base = "http://" + registry.hostPort() + "/v2/relocator/training";
      HttpRequest put = HttpRequest.newBuilder(URI.create(base + "/manifests/1"))
          .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
          .PUT(HttpRequest.BodyPublishers.ofString("{}")).build();
      assertThat(http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
      HttpResponse<String> tags = http.send(HttpRequest.newBuilder(URI.create(base + "/tags/list")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(tags.statusCode()).isEqualTo(200);
      assertThat(tags.body()).isEqualTo("{\"name\":\"relocator/training\",\"tags\":[\"1\"]}");
    }
  }
}
