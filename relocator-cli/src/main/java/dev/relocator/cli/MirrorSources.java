package dev.relocator.cli;

import dev.relocator.Diagnostic;
import dev.relocator.RelocatorException;
import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.mirror.ImageList;
import dev.relocator.mirror.ImageLocation;
import dev.relocator.mirror.VectorImages;
import dev.relocator.oci.layout.LayoutReader;
import dev.relocator.oci.layout.OciArchive;
import dev.relocator.oci.layout.OciLayout;
import dev.relocator.rewrite.ManifestImage;
import dev.relocator.rewrite.ManifestRewriter;
import dev.relocator.vector.FindOptions;
import dev.relocator.vector.VectorReadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where {@code relocator mirror} takes its images from: exactly one of an image list, Kubernetes
 * manifests, an image vector (with overwrites and target versions) or an OCI layout or archive.
 */
final class MirrorSources {
  @Option(names = "--images", paramLabel = "FILE", description = "One image reference per line (# comments).")
  Path images;

  @Option(names = "--manifests", paramLabel = "FILE", arity = "1..*",
      description = "Kubernetes YAML files: every container image of their workloads.")
  List<Path> manifests;

  @Option(names = "--vector", paramLabel = "FILE", description = "A Gardener image vector.")
  Path vector;

  @Option(names = "--from", paramLabel = "oci:DIR[:REF]|oci-archive:FILE[:REF]",
      description = "Every image named in this OCI layout or archive (as written by --to oci:DIR or oci-archive:FILE),"
          + " or with :REF the one whose org.opencontainers.image.ref.name is REF (as skopeo names it).")
  String from;

  /**
   * Refuses, as a usage error, a {@code --from} that is no {@code oci:DIR[:REF]} or {@code
   * oci-archive:FILE[:REF]}; {@link #read} parses it again (a few string operations) rather than
   * keeping the result as state that would depend on this running first.
   */
  void check(CommandSpec command) {
    if (from != null) {
      try {
        LayoutSource.parse(from);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(command.commandLine(), e.getMessage());
      }
    }
  }

  /**
   * The images to copy, each with the location it is read from, in input order; a layout's images
   * named by a tag alone apart, by that tag, since they have no reference to relocate.
   */
  record Images(Map<ImageReference, ImageLocation> sources, VectorImages.Selection vectorSelection,
      Map<String, ImageLocation> tagged) {
    Images(Map<ImageReference, ImageLocation> sources, VectorImages.Selection vectorSelection) {
      this(sources, vectorSelection, Map.of());
    }
  }

  /** An OCI tag ({@code 0.1.0-SNAPSHOT}, {@code latest}): a name with no registry, path or digest. */
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  /** Whether a layout's image name is a tag alone ({@code 1.0}, as skopeo writes it), not a reference. */
  static boolean namedByTagAlone(String refName) {
    return TAG.matcher(refName).matches();
  }

  /**
   * Reads the chosen source; vector findings are printed to {@code err}. Returns null after
   * printing errors that make the input unusable.
   */
  Images read(VectorSelection selection, String architecture, PrintWriter err) {
    Images read = readSources(selection, architecture, err);
    if (read != null && read.sources().isEmpty() && read.tagged().isEmpty()) {
      // Copying or checking nothing would read as success.
      throw new RelocatorException(given() + ": names no image, so there is nothing to copy or check");
    }
    return read;
  }

  private String given() {
    return images != null ? "--images " + images
        : manifests != null ? "--manifests " + manifests.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(" "))
        : vector != null ? "--vector " + vector
        : "--from " + from;
  }

  private Images readSources(VectorSelection selection, String architecture, PrintWriter err) {
    Map<ImageReference, ImageLocation> sources = new LinkedHashMap<>();
    if (images != null) {
      ImageList.read(images).forEach(i -> sources.put(i, new ImageLocation.Registry(i)));
      return new Images(sources, null);
    }
    if (manifests != null) {
      manifestImages(manifests).forEach(i -> sources.put(i, new ImageLocation.Registry(i)));
      return new Images(sources, null);
    }
    if (vector != null) {
      VectorImages.Selection selected = resolvedOnly(readVector(vector, selection, architecture, err),
          selection.allowUnresolved, " (--allow-unresolved leaves them out)", err);
      if (selected == null) {
        return null;
      }
      selected.images().forEach(i -> sources.put(i, new ImageLocation.Registry(i)));
      return new Images(sources, selected);
    }
    Map<String, ImageLocation> tagged = new LinkedHashMap<>();
    Map<ImageReference, ImageLocation.Layout> named = layoutImages(LayoutSource.parse(from), tagged::put);
    return new Images(new LinkedHashMap<>(named), null, tagged);
  }

  /** Every image of the Kubernetes YAML {@code files}; throws listing every invalid reference at once. */
  static List<ImageReference> manifestImages(List<Path> files) {
    List<ImageReference> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Path file : files) {
      found.addAll(readManifest(file, errors));
    }
    if (!errors.isEmpty()) {
      throw new RelocatorException(RelocatorException.oneLine(errors));
    }
    return found;
  }

  /**
   * Every image named by a reference in the OCI layout or archive {@code source} ({@code
   * oci:DIR}, {@code oci-archive:FILE}), in index order, or with {@code :REF} the one named so;
   * those named by a tag alone go to {@code tagged} instead, as they have no reference to relocate.
   */
  static Map<ImageReference, ImageLocation.Layout> layoutImages(LayoutSource source,
      java.util.function.BiConsumer<String, ImageLocation.Layout> tagged) {
    boolean archive = source.archive();
    Path path = source.path();
    String kind = archive ? "OCI archive " : "OCI layout ";
    LayoutReader layout = archive ? OciArchive.open(path) : OciLayout.open(path);
    List<String> names = layout.refNames();
    if (source.ref().isPresent()) {
      String ref = source.ref().get();
      if (!names.contains(ref)) {
        throw new RelocatorException(kind + path + ": no image named \"" + ref + "\" in index.json"
            + " (org.opencontainers.image.ref.name): it names " + (names.isEmpty() ? "none" : String.join(", ", names)));
      }
      names = List.of(ref);
    } else {
      requireNamed(layout, kind + path);
    }
    Map<ImageReference, ImageLocation.Layout> images = new LinkedHashMap<>();
    for (String name : names) {
      if (namedByTagAlone(name)) {
        tagged.accept(name, new ImageLocation.Layout(path, name, archive));
        continue;
      }
      try {
        images.put(ImageReference.parse(name), new ImageLocation.Layout(path, name, archive));
      } catch (InvalidReferenceException e) {
        throw new RelocatorException(kind + path + ": image name \"" + name
            + "\" is not an image reference, so it has no path to keep: " + e.getMessage(), e);
      }
    }
    return images;
  }

  /** Refuses a layout read whole that holds manifests without a name. */
  private static void requireNamed(LayoutReader layout, String where) {
    List<String> unnamed = layout.unnamedDigests();
    if (!unnamed.isEmpty()) {
      // Skipping them would copy less than the layout holds and still say "copied".
      throw new RelocatorException(where + ": " + unnamed.size()
          + (unnamed.size() == 1 ? " manifest" : " manifests") + " in index.json "
          + (unnamed.size() == 1 ? "has" : "have") + " no name (org.opencontainers.image.ref.name), so nothing"
          + " says where to copy " + (unnamed.size() == 1 ? "it" : "them") + ": "
          + String.join(", ", unnamed.subList(0, Math.min(3, unnamed.size()))) + (unnamed.size() > 3 ? ", ..." : "")
          + " (name each, as skopeo copy ... oci:DIR:REFERENCE does)");
    }
  }

  /** The images {@code file} names; each invalid one is added to {@code errors} instead. */
  private static List<ImageReference> readManifest(Path file, List<String> errors) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new RelocatorException("cannot read manifest " + file + ": " + e.getMessage(), e);
    }
    List<ImageReference> found = new ArrayList<>();
    for (ManifestImage image : ManifestRewriter.images(file.toString(), text)) {
      try {
        found.add(ImageReference.parse(image.value()));
      } catch (InvalidReferenceException e) {
        errors.add(file + ":" + image.line() + ": " + image.where() + ": " + e.getMessage());
      }
    }
    return found;
  }

  /**
   * What {@code vector} yields for the selection and architecture (null: every one), findings
   * printed to {@code err}; null after printing errors that make it unusable.
   */
  static VectorImages.Selection readVector(Path vector, VectorSelection selection, String architecture,
      PrintWriter err) {
    // The registry module's selection takes the versions as text; they were checked (and parsed) here.
    List<String> targetVersions = selection.targets().stream().map(FindOptions::targetVersion).toList();
    VectorReadResult read = selection.read(vector);
    List<Diagnostic> findings = new ArrayList<>(read.diagnostics());
    if (read.hasErrors()) {
      VectorCommand.print(err, findings);
      return null;
    }
    VectorImages.Selection selected = VectorImages.select(read.vector(), targetVersions, architecture);
    findings.addAll(selected.diagnostics());
    VectorCommand.print(err, findings);
    return selected;
  }

  /**
   * {@code selected} (null stays null) when every name resolved for the target versions and
   * architecture, or {@code allow}ed to leave the others out (printed as warnings); else null,
   * after printing each name as vector resolve does: a name silently left out would later read as
   * "all present". {@code hint} ends the summary line.
   */
  static VectorImages.Selection resolvedOnly(VectorImages.Selection selected, boolean allow, String hint,
      PrintWriter err) {
    if (selected == null || selected.unresolved().isEmpty()) {
      return selected;
    }
    if (allow) {
      VectorCommand.print(err, selected.unresolved().stream()
          .map(d -> Diagnostic.warning(d.source(), d.line(), d.path(), d.message() + "; left out"))
          .toList());
      return selected;
    }
    VectorCommand.print(err, selected.unresolved());
    err.println("relocator: " + selected.unresolved().size() + " image name(s) resolve to no entry" + hint);
    err.flush();
    return null;
  }
}
