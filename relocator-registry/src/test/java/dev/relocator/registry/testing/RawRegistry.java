package dev.relocator.registry.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * The few distribution API calls the supply-chain tests make on their own, with the JDK's HTTP
 * client and none of Relocator's code: monolithic blob uploads, manifest pushes, raw reads.
 * Plain HTTP, for a {@link RegistryServer} on loopback.
 */
public final class RawRegistry {
  private final URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  public RawRegistry(String hostPort) {
    this.base = URI.create("http://" + hostPort);
  }

  /** Uploads {@code document}'s bytes as a blob of {@code repository}. */
  public void pushBlob(String repository, Document document) {
    HttpResponse<String> start = send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
    String location = start.headers().firstValue("Location").orElseThrow();
    URI upload = base.resolve(location);
    URI put = URI.create(upload + (upload.getRawQuery() == null ? "?" : "&") + "digest=" + document.digest());
    send(HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(document.bytes())).build(), 201);
  }

  /** Stores {@code manifest} under {@code reference} (a tag or its digest). */
  public void pushManifest(String repository, String reference, Document manifest) {
    send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/manifests/" + reference))
        .header("Content-Type", manifest.mediaType())
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())).build(), 201);
  }

  /** The bytes at {@code path} (e.g. {@code /v2/demo/app/blobs/sha256:...}), or empty on 404. */
  public Optional<byte[]> get(String path, String accept) {
    try {
      HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new AssertionError("GET " + path + ": HTTP " + response.statusCode());
      }
      return Optional.of(response.body());
    } catch (IOException e) {
      throw new AssertionError("GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> send(HttpRequest request, int expected) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new AssertionError(request.method() + " " + request.uri() + ": HTTP " + response.statusCode() + " " + response.body());
      }
      return response;
    } catch (IOException e) {
      throw new AssertionError(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
