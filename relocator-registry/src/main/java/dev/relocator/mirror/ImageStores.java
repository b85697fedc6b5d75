package dev.relocator.mirror;

import dev.relocator.image.ImageReference;
import dev.relocator.oci.layout.OciArchive;
import dev.relocator.oci.layout.OciLayout;
import dev.relocator.registry.RegistryClient;
import dev.relocator.registry.http.RegistryTransport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Opens {@link ImageStore}s for locations, sharing one {@link RegistryClient} per registry (so
 * tokens are reused) and one {@link OciLayout} per directory (so {@code index.json} updates are
 * serialised); an OCI archive is read in place and written through a staged layout that
 * {@link #finishArchives()} packs.
 */
public final class ImageStores implements AutoCloseable {
  private final Function<String, RegistryClient> clientFactory;
  private final RegistryTransport transport;
  private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
  private final Map<Path, OciLayout> layouts = new ConcurrentHashMap<>();
  private final Map<Path, OciArchive> archives = new ConcurrentHashMap<>();
  private final Map<Path, OciLayout> staged = new ConcurrentHashMap<>();

  /** {@code clientFactory} builds the client for a registry {@code host[:port]}. */
  public ImageStores(Function<String, RegistryClient> clientFactory) {
    this(clientFactory, null);
  }

  /** Stores whose clients all use {@code transport}, which {@link #close()} closes. */
  public ImageStores(Function<String, RegistryClient> clientFactory, RegistryTransport transport) {
    this.clientFactory = clientFactory;
    this.transport = transport;
  }

  /** Closes the transport given at construction, if any (see {@link RegistryTransport#close()}). */
  @Override
  public void close() {
    if (transport != null) {
      transport.close();
    }
  }

  /** Cancels the requests in flight of every client opened so far (see {@link RegistryClient#cancelRequests()}). */
  void cancelRequests() {
    clients.values().forEach(RegistryClient::cancelRequests);
  }

  /** The client for {@code registry}, created once. */
  public RegistryClient client(String registry) {
    return clients.computeIfAbsent(registry, clientFactory);
  }

  ImageStore source(ImageLocation location) {
    return open(location, false);
  }

  ImageStore target(ImageLocation location) {
    return open(location, true);
  }

  private ImageStore open(ImageLocation location, boolean create) {
    if (location instanceof ImageLocation.Registry r) {
      ImageReference ref = r.reference();
      return new RegistryStore(client(ref.domain()), ref.path());
    }
    ImageLocation.Layout layout = (ImageLocation.Layout) location;
    Path path = layout.dir().toAbsolutePath().normalize();
    String scope = LayoutReadingStore.scope(layout.refName());
    if (layout.archive()) {
      return create
          ? new LayoutStore(staged.computeIfAbsent(path, OciArchive::stage), ImageLocation.OCI_ARCHIVE_PREFIX + layout.dir(),
              scope)
          : new ArchiveStore(archives.computeIfAbsent(path, OciArchive::open), scope);
    }
    return new LayoutStore(layouts.computeIfAbsent(path, d -> create ? OciLayout.openOrCreate(d) : OciLayout.open(d)),
        ImageLocation.OCI_PREFIX + layout.dir(), scope);
  }

  /**
   * Packs every OCI archive written to since the last call from its staged layout into its file
   * (see {@link OciArchive#pack}); a later read sees the packed file.
   */
  public void finishArchives() {
    for (Path file : List.copyOf(staged.keySet())) {
      OciArchive.pack(staged.get(file), file);
      staged.remove(file);
      archives.remove(file);
    }
  }
}
