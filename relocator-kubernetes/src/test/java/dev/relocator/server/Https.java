package dev.relocator.server;

import dev.relocator.testing.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An HTTPS client for tests that trusts exactly one PEM certificate. */
final class Https {

  private final HttpClient client;
  private final String base;

  Https(String certificatePem, int port) {
    this.base = "https://127.0.0.1:" + port;
    this.client = HttpClient.newBuilder()
        .sslContext(TestPki.trustingContext(certificatePem))
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  HttpResponse<byte[]> post(String path, byte[] body) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
