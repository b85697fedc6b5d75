package dev.relocator.cli;

import dev.relocator.RelocatorException;
import dev.relocator.image.ImageReference;
import dev.relocator.mirror.ImageList;
import dev.relocator.mirror.ImageLocation;
import dev.relocator.mirror.VectorImages;
import dev.relocator.relocation.Relocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Where a relocation's images come from: the images its vector, lists and manifests name, added
 * up with each image once; with a bundle beside them, each is read from the bundle instead of its
 * registry (the disconnected side's case); a bundle alone gives every image in it.
 */
final class RelocationSources {
  private RelocationSources() {}

  /** Every image to copy with where it is read, and the vector selection the overwrite is built from. */
  record Resolved(Map<ImageReference, ImageLocation> sources, VectorImages.Selection vectorSelection) {}

  /**
   * Reads every source of {@code relocation}, the vector for {@code kubernetesVersions} (the
   * file's, or a KubeOne cluster file's) and {@code architecture} (null: any); findings on {@code err}. Null after printing errors
   * that make the vector unusable; throws {@link RelocatorException} for the other inputs.
   */
  static Resolved resolve(Relocation relocation, List<String> kubernetesVersions, String architecture,
      PrintWriter err) {
    List<ImageReference> named = new ArrayList<>();
    VectorImages.Selection selection = null;
    if (relocation.vector().isPresent()) {
      Relocation.VectorSource vector = relocation.vector().get();
      VectorSelection options = new VectorSelection();
      options.overwrites.addAll(vector.overwrites());
      options.targetVersions.addAll(kubernetesVersions);
      // The file says which overwrites apply: IMAGEVECTOR_OVERWRITE from the shell does not.
      options.environment = Map.of();
      selection = MirrorSources.resolvedOnly(MirrorSources.readVector(vector.file(), options, architecture, err), false, "", err);
      if (selection == null) {
        return null;
      }
      named.addAll(selection.images());
    }
    for (Path list : relocation.images()) {
      named.addAll(ImageList.read(list));
    }
    named.addAll(MirrorSources.manifestImages(relocation.manifests()));
    Map<ImageReference, ImageLocation.Layout> bundle = relocation.bundle()
        .map(b -> MirrorSources.layoutImages(LayoutSource.parse(b.value()), (tag, at) -> {
          throw new RelocatorException(b.value() + ": image named only by the tag \"" + tag
              + "\": a relocation needs each bundled image named by its reference (as relocate and mirror write them)");
        })).orElse(null);
    return new Resolved(combine(named, bundle, relocation.bundle().map(b -> b.value()).orElse(null)), selection);
  }

  /**
   * The images {@code named} (each once, in order) read from their registries, or from
   * {@code bundle} when there is one; a bundle alone gives all of its images. Throws naming every
   * image the bundle lacks.
   */
  static Map<ImageReference, ImageLocation> combine(List<ImageReference> named,
      Map<ImageReference, ImageLocation.Layout> bundle, String bundleName) {
    Map<ImageReference, ImageLocation> sources = new LinkedHashMap<>();
    if (bundle != null && named.isEmpty()) {
      sources.putAll(bundle);
      return sources;
    }
    List<String> missing = new ArrayList<>();
    for (ImageReference image : new LinkedHashSet<>(named)) {
      if (bundle == null) {
        sources.put(image, new ImageLocation.Registry(image));
      } else if (bundle.containsKey(image)) {
        sources.put(image, bundle.get(image));
      } else {
        missing.add(image.toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new RelocatorException("sources.bundle " + bundleName + " lacks " + missing.size() + " of the "
          + (sources.size() + missing.size()) + " images the other sources name: " + String.join(", ", missing)
          + " (relocate them into the bundle on the connected side first)");
    }
    return sources;
  }
}
