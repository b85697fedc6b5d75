package dev.relocator.mirror;

import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.image.LayoutText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a mirror sends images ({@code --to}): a registry with an optional path prefix, named the
 * KubeOne way (keep the path, replace the registry), or an OCI layout (a directory, or one tar
 * file), where each image is named by its full source reference so the layout can be mirrored
 * onwards.
 */
public sealed interface MirrorDestination permits MirrorDestination.Registry, MirrorDestination.Layout {

  /** {@code registry[/prefix]}: {@code 127.0.0.1:5001/mirror} sends {@code x.io/demo/app:1} to {@code 127.0.0.1:5001/mirror/demo/app:1}. */
  record Registry(String registry, String prefix) implements MirrorDestination {
    @Override
    public List<ImageLocation> targets(ImageReference source) {
      List<ImageLocation> targets = new ArrayList<>();
      for (String path : paths(source.path())) {
        ImageReference target = source.withName(registry, prefix.isEmpty() ? path : prefix + "/" + path);
        // Pull by digest when pinned, but keep the tag at the target so tag users find it.
        targets.add(new ImageLocation.Registry(source.tag().isPresent() ? target.withoutDigest() : target));
      }
      return targets;
    }

    /**
     * CoreDNS lives at {@code coredns/coredns} upstream but kubeadm asks a custom repository for
     * {@code coredns}: push both so overwrite and mirror setups find it.
     */
    static List<String> paths(String path) {
      if (path.equals("coredns/coredns") || path.endsWith("/coredns/coredns")) {
        return List.of(path, path.substring(0, path.length() - "/coredns".length()));
      }
      if (path.equals("coredns") || path.endsWith("/coredns")) {
        return List.of(path, path + "/coredns");
      }
      return List.of(path);
    }

    @Override
    public String toString() {
      return prefix.isEmpty() ? registry : registry + "/" + prefix;
    }
  }

  /**
   * An OCI layout directory, or (when {@code archive}) the tar file of one; images are named by
   * their canonical source reference.
   */
  record Layout(Path dir, boolean archive) implements MirrorDestination {
    /** A layout directory. */
    public Layout(Path dir) {
      this(dir, false);
    }

    @Override
    public List<ImageLocation> targets(ImageReference source) {
      return List.of(new ImageLocation.Layout(dir, source.toString(), archive));
    }

    @Override
    public String toString() {
      return (archive ? ImageLocation.OCI_ARCHIVE_PREFIX : ImageLocation.OCI_PREFIX) + dir;
    }
  }

  /** The locations {@code source} is copied to (CoreDNS has two). */
  List<ImageLocation> targets(ImageReference source);

  /** Parses {@code oci:DIR}, {@code oci-archive:FILE} or {@code REGISTRY[/PREFIX]}. */
  static MirrorDestination parse(String text) {
    Optional<LayoutText> layout = LayoutText.split(text);
    if (layout.isPresent()) {
      // A destination names no image: all after the prefix is the path.
      String path = layout.get().rest();
      if (path.isEmpty()) {
        throw new IllegalArgumentException("invalid destination \"" + text + "\": expected "
            + layout.get().prefix() + layout.get().pathLabel());
      }
      return new Layout(Path.of(path), layout.get().archive());
    }
    String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    int slash = trimmed.indexOf('/');
    String registry = slash < 0 ? trimmed : trimmed.substring(0, slash);
    String prefix = slash < 0 ? "" : trimmed.substring(slash + 1);
    if (prefix.contains(":") || prefix.contains("@")) {
      throw new IllegalArgumentException("invalid destination \"" + text + "\": expected REGISTRY[/PREFIX], without"
          + " a tag or digest (each image keeps its own)");
    }
    try {
      // Validate with the reference grammar: the prefix plus a name must be a repository there.
      ImageReference probe = ImageReference.parse(registry + "/" + (prefix.isEmpty() ? "" : prefix + "/") + "x");
      if (!probe.domain().equals(registry)) {
        throw new IllegalArgumentException("invalid destination \"" + text
            + "\": the first part must be a registry host[:port], e.g. 127.0.0.1:5001/mirror");
      }
    } catch (InvalidReferenceException e) {
      // The reason only: the reference checked has a name appended that the user did not write.
      throw new IllegalArgumentException("invalid destination \"" + text + "\": " + e.reason(), e);
    }
    return new Registry(registry, prefix);
  }
}
