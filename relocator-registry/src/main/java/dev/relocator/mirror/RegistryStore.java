package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.registry.RegistryClient;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** A repository of a registry, through its shared {@link RegistryClient}. */
final class RegistryStore implements ImageStore {
  private final RegistryClient client;
  private final String repository;

  RegistryStore(RegistryClient client, String repository) {
    this.client = client;
    this.repository = repository;
  }

  @Override
  public String describe() {
    return client.registry() + "/" + repository;
  }

  @Override
  public String storageKey() {
    return "registry:" + client.registry();
  }

  @Override
  public Optional<String> repository() {
    return Optional.of(repository);
  }

  @Override
  public Optional<Descriptor> checkManifest(String reference) {
    return client.checkManifest(repository, reference);
  }

  @Override
  public Manifest pullManifest(String reference) {
    return client.pullManifest(repository, reference);
  }

  @Override
  public Optional<Digest> pushManifest(String reference, Manifest manifest) {
    return client.pushManifest(repository, reference, manifest);
  }

  @Override
  public InputStream pullBlob(Digest digest, long size) {
    return client.pullBlob(repository, digest, size);
  }

  @Override
  public InputStream pullBlobForCopy(Digest digest, long size) {
    return client.pullBlobForCopy(repository, digest, size);
  }

  @Override
  public BlobOutcome pushBlob(Digest digest, BlobContent content, Optional<String> mountFrom) {
    String from = mountFrom.orElse(repository);
    return switch (client.pushOrMountBlob(repository, digest, content, from)) {
      case UPLOADED -> BlobOutcome.COPIED;
      case MOUNTED -> from.equals(repository) ? BlobOutcome.PRESENT : BlobOutcome.MOUNTED;
    };
  }

  @Override
  public List<String> listTags() {
    return client.listTags(repository);
  }

  @Override
  public Optional<List<Descriptor>> referrers(Digest subject) {
    return client.listReferrers(repository, subject).map(Manifest::manifests);
  }

  @Override
  public boolean pushReferrer(Manifest manifest) {
    return client.pushReferrer(repository, manifest);
  }
}
