package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.Platform;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One line of a dry run: what would be copied where, with the source digest and size (blobs and
 * manifests, shared layers counted once) when the source could be read, or why it could not:
 * the one-line {@code error} and the {@code failure} itself, for callers that word what would help.
 */
public record PlannedImage(
    MirrorTask task,
    Optional<Digest> sourceDigest,
    OptionalLong size,
    List<Platform> platforms,
    Optional<String> note,
    Optional<String> error,
    Optional<Throwable> failure) {
  public PlannedImage {
    platforms = List.copyOf(platforms);
  }

  /** {@code SOURCE -> TARGET  DIGEST  SIZE bytes  [platforms]  note}, or the error. */
  public String describe() {
    StringBuilder line = new StringBuilder(task.source() + " -> " + task.target());
    sourceDigest.ifPresent(d -> line.append("  ").append(d));
    size.ifPresent(s -> line.append("  ").append(s).append(" bytes"));
    if (!platforms.isEmpty()) {
      line.append("  ").append(platforms);
    }
    note.ifPresent(n -> line.append("  (").append(n).append(')'));
    error.ifPresent(e -> line.append("  cannot read source: ").append(e));
    return line.toString();
  }
}
