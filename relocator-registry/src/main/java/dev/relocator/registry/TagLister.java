package dev.relocator.registry;

import dev.relocator.oci.json.TagListJson;
import dev.relocator.registry.error.RegistryRejectedException;
import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page of {@code GET /v2/<name>/tags/list}: the tags, and the next page's URL when the
 * registry paginates ({@code Link: <...>; rel="next"}). A repository the registry does not know
 * has no tags (404).
 */
final class TagLister implements RegistryOperation<TagLister.Page> {
  /** Tag lists of repositories with many tags are large; more than this is refused. */
  static final int MAX_PAGE_BYTES = 16 * 1024 * 1024;
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  /** The tags of one page; {@code next} the link to the next page, relative to the registry. */
  record Page(List<String> tags, Optional<String> next) {}

  private final String registry;
  private final String repository;
  private final String page;

  /** {@code page}: a link from a previous page, or null for the first. */
  TagLister(String registry, String repository, String page) {
    this.registry = registry;
    this.repository = repository;
    this.page = page;
  }

  @Override
  public String describe() {
    return "list tags of " + registry + "/" + repository;
  }

  @Override
  public List<String> scopes() {
    return List.of("repository:" + repository + ":pull");
  }

  @Override
  public TransportRequest.Builder request(URI base) {
    URI uri = page == null ? Responses.url(base, repository, "tags", "list") : base.resolve(page);
    return Responses.small(uri).GET().header("Accept", "application/json");
  }

  @Override
  public List<Integer> acceptedStatuses() {
    return List.of(200, 404);
  }

  @Override
  public Page handle(TransportResponse response) throws IOException {
    if (response.statusCode() == 404) {
      Responses.discard(response);
      return new Page(List.of(), Optional.empty());
    }
    byte[] bytes;
    try (InputStream in = response.body()) {
      bytes = in.readNBytes(MAX_PAGE_BYTES + 1);
    }
    if (bytes.length > MAX_PAGE_BYTES) {
      throw RegistryRejectedException.unexpectedAnswer(describe() + ": tag list larger than " + MAX_PAGE_BYTES + " bytes", 200);
    }
    List<String> tags;
    try {
      tags = TagListJson.read(bytes);
    } catch (IOException e) {
      throw RegistryRejectedException.invalid(describe() + ": invalid tag list: " + e.getMessage());
    }
    // A relative Link is relative to this page's request, as a Location is (RFC 8288).
    Optional<String> next = response.firstValue("Link").map(NEXT::matcher).filter(Matcher::find)
        .map(m -> response.uri().resolve(m.group(1)).toString());
    return new Page(tags, next);
  }
}
