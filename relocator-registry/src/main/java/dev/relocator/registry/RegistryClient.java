package dev.relocator.registry;

import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.registry.auth.CredentialProvider;
import dev.relocator.registry.auth.Credentials;
import dev.relocator.registry.error.RegistryException;
import dev.relocator.registry.http.RegistryTransport;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client for one registry ({@code host[:port]}) speaking the OCI distribution API over its
 * {@link RegistryTransport}, without a daemon. Thread-safe; share one per registry so tokens are reused.
 */
public final class RegistryClient {
  private final String registry;
  private final RegistryEndpointCaller caller;
  private final BlobPusher blobPusher;
  private final RegistryTransport transport;
  /**
   * Whether the registry has the referrers API: null until a request is in flight to learn it, then
   * its answer (null again if that request failed), which callers arriving meanwhile wait for
   * rather than race it with up to --jobs requests of their own.
   */
  private final AtomicReference<CompletableFuture<Boolean>> referrersApi = new AtomicReference<>();
  private static final int MAX_TAG_PAGES = 1000;

  private RegistryClient(Builder builder) {
    this.registry = builder.registry;
    List<String> endpoints = builder.endpoints.of(registry);
    this.caller = new RegistryEndpointCaller(registry, endpoints, builder.transport,
        credentials(builder.credentials, registry, endpoints), builder.retryPolicy, builder.sleeper);
    this.blobPusher = new BlobPusher(caller, builder.chunkSize);
    this.transport = builder.transport;
  }

  /**
   * Credentials are kept under the registry's name (what references and {@code docker login} use);
   * a mapped registry's endpoints are asked next, so a login to a mirror also serves.
   */
  private static Optional<Credentials> credentials(CredentialProvider provider, String registry, List<String> endpoints) {
    Optional<Credentials> found = provider.find(registry);
    for (int i = 0; found.isEmpty() && i < endpoints.size(); i++) {
      String hostPort = RegistryEndpoints.hostPort(endpoints.get(i));
      if (!hostPort.equals(registry)) {
        found = provider.find(hostPort);
      }
    }
    return found;
  }

  /** Starts configuring a client for {@code registry}, e.g. {@code 127.0.0.1:5000}. */
  public static Builder builder(String registry) {
    return new Builder(registry);
  }

  public String registry() {
    return registry;
  }

  /**
   * Cancels the requests in flight on this client's transport, which it may share with other
   * clients (a cancelled mirror stops them all): each fails at once. Later requests proceed.
   */
  public void cancelRequests() {
    transport.cancelAll();
  }

  /** {@code GET /v2/}; throws unless the registry answers and accepts our credentials. */
  public void ping() {
    caller.call(new Pinger(registry));
  }

  /** The manifest's descriptor if {@code reference} (tag or digest) exists in {@code repository}. */
  public Optional<Descriptor> checkManifest(String repository, String reference) {
    ManifestChecker.Answer answer = caller.call(new ManifestChecker(registry, repository, reference));
    if (answer.present() && answer.descriptor().isEmpty()) {
      // The HEAD named no digest: the manifest's own bytes do.
      return Optional.of(pullManifest(repository, reference).descriptor());
    }
    return answer.descriptor();
  }

  /** The manifest or index {@code reference} (tag or digest), bytes verified against its digest. */
  public Manifest pullManifest(String repository, String reference) {
    return caller.call(new ManifestPuller(registry, repository, reference));
  }

  /**
   * Stores {@code manifest} byte for byte under {@code reference} (a tag, or its digest). Answers
   * the digest the registry confirmed storing (always the manifest's: another one fails the push),
   * or empty when its answer named none.
   */
  public Optional<Digest> pushManifest(String repository, String reference, Manifest manifest) {
    return caller.call(new ManifestPusher(registry, repository, reference, manifest)).stored();
  }

  /**
   * Stores {@code manifest}, which names a {@code subject}, by its digest; answers whether the
   * registry said it indexed the subject ({@code OCI-Subject}), so its referrers API lists it.
   */
  public boolean pushReferrer(String repository, Manifest manifest) {
    return caller.call(new ManifestPusher(registry, repository, manifest.digest().toString(), manifest)).subjectIndexed();
  }

  /** Every tag of {@code repository}, following the registry's pages; none when it does not exist. */
  public List<String> listTags(String repository) {
    List<String> tags = new ArrayList<>();
    String page = null;
    for (int pages = 0; pages < MAX_TAG_PAGES; pages++) {
      TagLister.Page answer = caller.call(new TagLister(registry, repository, page));
      tags.addAll(answer.tags());
      if (answer.next().isEmpty()) {
        return tags;
      }
      page = answer.next().get();
    }
    throw new RegistryException("list tags of " + registry + "/" + repository + ": more than " + MAX_TAG_PAGES
        + " pages; refusing to follow further");
  }

  /**
   * The referrers of {@code digest} through the referrers API, or empty when the registry has
   * none. After the first answer without one, the registry is not asked again; until the first
   * answer, one request asks and concurrent callers wait for it.
   */
  public Optional<Manifest> listReferrers(String repository, Digest digest) {
    CompletableFuture<Boolean> known = referrersApi.get();
    if (known == null) {
      CompletableFuture<Boolean> learning = new CompletableFuture<>();
      if (referrersApi.compareAndSet(null, learning)) {
        return learnReferrersApi(learning, repository, digest);
      }
      known = referrersApi.get();
    }
    Boolean has = known == null ? null : known.join();
    if (Boolean.FALSE.equals(has)) {
      return Optional.empty();
    }
    // The API is there, or the request that was to learn it failed: then each caller asks for
    // itself, as before anything was known, rather than one after another.
    return askReferrers(repository, digest);
  }

  private Optional<Manifest> learnReferrersApi(CompletableFuture<Boolean> learning, String repository, Digest digest) {
    try {
      Optional<Manifest> index = caller.call(new ReferrersLister(registry, repository, digest));
      learning.complete(index.isPresent());
      return index;
    } catch (RuntimeException | Error e) {
      referrersApi.compareAndSet(learning, null); // unknown again: a later caller learns it
      learning.complete(null);
      throw e;
    }
  }

  private Optional<Manifest> askReferrers(String repository, Digest digest) {
    Optional<Manifest> index = caller.call(new ReferrersLister(registry, repository, digest));
    if (index.isEmpty()) {
      referrersApi.set(CompletableFuture.completedFuture(false));
    }
    return index;
  }

  /** The blob's size if it exists in {@code repository}. */
  public OptionalLong checkBlob(String repository, Digest digest) {
    return caller.call(new BlobChecker(registry, repository, digest));
  }

  /**
   * A stream over the blob that fails at its end unless the bytes match {@code digest} and
   * {@code size} (-1 when unknown). The caller closes it.
   */
  public InputStream pullBlob(String repository, Digest digest, long size) {
    return caller.call(new BlobPuller(registry, repository, digest, size, true));
  }

  /**
   * Like {@link #pullBlob}, but the stream checks only the size, not the digest: for a copy into
   * a store that verifies the digest itself (a registry on the closing {@code PUT}, an OCI
   * layout as it writes), where hashing here too would double the copy's CPU cost.
   */
  public InputStream pullBlobForCopy(String repository, Digest digest, long size) {
    return caller.call(new BlobPuller(registry, repository, digest, size, false));
  }

  /** Uploads {@code content} as blob {@code digest}; the registry verifies the digest. */
  public void pushBlob(String repository, Digest digest, BlobContent content) {
    blobPusher.push(repository, digest, content, null);
  }

  /**
   * Brings blob {@code digest} into {@code repository}: mounted from {@code mountFrom}, a
   * repository of this registry, when the registry can (from {@code repository} itself: it holds
   * the blob already), else uploaded from {@code content}, which the registry verifies. One
   * request less than asking first: the mount request's answer is either the mount or the upload
   * session.
   */
  public BlobPushResult pushOrMountBlob(String repository, Digest digest, BlobContent content, String mountFrom) {
    return blobPusher.push(repository, digest, content, Objects.requireNonNull(mountFrom, "mountFrom"));
  }

  /** Options of a {@link RegistryClient}. */
  public static final class Builder {
    private final String registry;
    private RegistryTransport transport = RegistryTransport.defaults();
    private CredentialProvider credentials = CredentialProvider.none();
    private RegistryEndpoints endpoints = RegistryEndpoints.none();
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private long chunkSize;
    private RegistryEndpointCaller.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    private Builder(String registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    public Builder transport(RegistryTransport transport) {
      this.transport = transport;
      return this;
    }

    /** Where to contact registries whose API is not served at their name (see {@link RegistryEndpoints}). */
    public Builder endpoints(RegistryEndpoints endpoints) {
      this.endpoints = endpoints;
      return this;
    }

    public Builder credentials(CredentialProvider credentials) {
      this.credentials = credentials;
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /** Uploads blobs larger than {@code bytes} in {@code PATCH} chunks; 0 (default) is monolithic. */
    public Builder chunkSize(long bytes) {
      this.chunkSize = bytes;
      return this;
    }

    Builder sleeper(RegistryEndpointCaller.Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public RegistryClient build() {
      return new RegistryClient(this);
    }
  }
}
