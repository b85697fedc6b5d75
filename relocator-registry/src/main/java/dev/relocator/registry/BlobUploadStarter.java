package dev.relocator.registry;

import dev.relocator.image.Digest;
import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v2/<name>/blobs/uploads/}, optionally asking to mount a blob
 * ({@code ?mount=<digest>&from=<repository>}): the result is either "mounted" or the URL of the
 * upload session the registry opened instead. Mounting from the repository itself asks whether
 * it holds the blob already, in the same request that otherwise starts its upload.
 */
final class BlobUploadStarter implements RegistryOperation<BlobUploadStarter.Started> {
  /** {@code location} is null when the blob was mounted. */
  record Started(URI location) {
    boolean mounted() {
      return location == null;
    }
  }

  private final String registry;
  private final String repository;
  private final Digest mountDigest;
  private final String mountFrom;

  BlobUploadStarter(String registry, String repository, Digest mountDigest, String mountFrom) {
    this.registry = registry;
    this.repository = repository;
    this.mountDigest = mountDigest;
    this.mountFrom = mountFrom;
  }

  @Override
  public String describe() {
    if (mountDigest == null) {
      return "start blob upload to " + registry + "/" + repository;
    }
    return mountFrom.equals(repository)
        ? "start upload of blob " + mountDigest + " to " + registry + "/" + repository
        : "mount blob " + mountDigest + " from " + mountFrom + " into " + registry + "/" + repository;
  }

  @Override
  public List<String> scopes() {
    List<String> scopes = new ArrayList<>();
    scopes.add("repository:" + repository + ":pull,push");
    if (mountFrom != null && !mountFrom.equals(repository)) {
      scopes.add("repository:" + mountFrom + ":pull");
    }
    return scopes;
  }

  @Override
  public TransportRequest.Builder request(URI base) {
    URI uri = base.resolve("/v2/" + repository + "/blobs/uploads/");
    if (mountDigest != null) {
      uri = Responses.withQuery(Responses.withQuery(uri, "mount", mountDigest.toString()), "from", mountFrom);
    }
    return Responses.small(uri).POST(TransportRequest.Body.EMPTY);
  }

  @Override
  public List<Integer> acceptedStatuses() {
    return List.of(201, 202);
  }

  @Override
  public Started handle(TransportResponse response) {
    Responses.discard(response);
    if (response.statusCode() == 201) {
      return new Started(null);
    }
    return new Started(Responses.location(response, describe()));
  }
}
