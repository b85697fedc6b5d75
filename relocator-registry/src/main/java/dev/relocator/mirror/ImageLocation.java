package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.image.ImageReference;
import dev.relocator.image.LayoutText;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where an image lives: a registry reference, or a name in an OCI image layout directory. */
public sealed interface ImageLocation permits ImageLocation.Registry, ImageLocation.Layout {
  /** The prefix that marks an OCI layout location, as skopeo writes it. */
  String OCI_PREFIX = LayoutText.OCI_PREFIX;

  /** The prefix that marks an OCI layout packed in a tar file, as skopeo writes it. */
  String OCI_ARCHIVE_PREFIX = LayoutText.OCI_ARCHIVE_PREFIX;

  /** An image in a registry; a digest, when present, pins what is pulled. */
  record Registry(ImageReference reference) implements ImageLocation {
    // Written out for the reason MirrorTask's are.
    @Override
    public boolean equals(Object o) {
      return this == o || (o instanceof Registry other && Objects.equals(reference, other.reference));
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(reference);
    }

    @Override
    public String toString() {
      return reference.toString();
    }
  }

  /**
   * An image named {@code refName} (its {@code org.opencontainers.image.ref.name}) in the layout at
   * {@code dir}, or, when {@code archive}, in the layout packed in the tar file {@code dir}.
   */
  record Layout(Path dir, String refName, boolean archive) implements ImageLocation {
    public Layout {
      if (refName == null || refName.isEmpty()) {
        throw new IllegalArgumentException("OCI layout location " + dir + " needs an image name ("
            + (archive ? "oci-archive:FILE:NAME" : "oci:DIR:NAME") + ")");
      }
    }

    /** An image in a layout directory. */
    public Layout(Path dir, String refName) {
      this(dir, refName, false);
    }

    @Override
    public String toString() {
      return (archive ? OCI_ARCHIVE_PREFIX : OCI_PREFIX) + dir + ":" + refName;
    }
  }

  /**
   * Parses {@code oci:DIR:NAME}, {@code oci-archive:FILE:NAME} (the path must not contain
   * {@code :}; split by {@link LayoutText}) or an image reference.
   */
  static ImageLocation parse(String text) {
    Optional<LayoutText> layout = LayoutText.split(text);
    if (layout.isPresent()) {
      LayoutText l = layout.get();
      if (!l.namesImage()) {
        throw new IllegalArgumentException("invalid OCI layout location \"" + text + "\": expected "
            + l.prefix() + l.pathLabel() + ":NAME");
      }
      return new Layout(Path.of(l.path()), l.name(), l.archive());
    }
    return new Registry(ImageReference.parse(text));
  }

  /**
   * This location as a target is shown before it is written: a registry reference without the
   * digest it is pinned by. The pin is the source's digest, and a platform subset ({@code --arch})
   * stores a rewritten index under another: naming both would show two digests for one image.
   */
  default String unpinned() {
    return this instanceof Registry r ? r.reference().withoutDigest().toString() : toString();
  }

  /**
   * This location as a target holding {@code stored}, in the form the lock file keeps and reads
   * back (the text before the last {@code @} is the target as planned, {@link #unpinned}): a registry reference pinned
   * to {@code stored} (any other pin replaced); a layout location with {@code @DIGEST} appended.
   */
  default String pinnedTo(Digest stored) {
    return this instanceof Registry r ? r.reference().withDigest(stored).toString() : this + "@" + stored;
  }

  /**
   * This location as a target holding {@code stored}, shown with that one digest: {@link
   * #pinnedTo}, except that a layout name carrying a digest already is not given a second one: it
   * is shown as is when that is {@code stored}, else followed by {@code (stored as DIGEST)}.
   */
  default String storedAs(Digest stored) {
    if (this instanceof Layout layout) {
      String name = layout.refName();
      int at = name.lastIndexOf('@');
      if (at >= 0) {
        return name.substring(at + 1).equals(stored.toString()) ? toString() : this + " (stored as " + stored + ")";
      }
    }
    return pinnedTo(stored);
  }

  /** The registry reference, when this is one. */
  default Optional<ImageReference> registryReference() {
    return this instanceof Registry r ? Optional.of(r.reference()) : Optional.empty();
  }
}
