package dev.relocator.server;

import static dev.relocator.admission.Reviews.JSON;
import static dev.relocator.admission.Reviews.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * Relocator's server in standalone mode on a free loopback port, serving the maps directory a
 * test writes, with an HTTPS client trusting its self-signed certificate: the set-up the
 * standalone ITs share.
 */
final class StandaloneServer implements AutoCloseable {

  private final RelocatorServer server;
  private final Https https;

  private StandaloneServer(RelocatorServer server) {
    this.server = server;
    this.https = new Https(server.certificatePem(), server.port());
  }

  /** Starts serving the maps in {@code maps} (read now, then followed as they change). */
  static StandaloneServer start(Path maps) {
    return new StandaloneServer(RelocatorServer.start(
        ServerOptions.defaults().withBind("127.0.0.1", 0).withMapsDir(maps).withEventLoops(1)));
  }

  Https https() {
    return https;
  }

  /** The {@code response} of the AdmissionReview the server answers to {@code review}, which must be a 200. */
  JsonNode review(ObjectNode review) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = https.post("/mutate", bytes(review));
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body()).get("response");
  }

  @Override
  public void close() {
    server.close();
  }
}
