package dev.relocator.cli;

import dev.relocator.IoErrors;
import dev.relocator.RelocatorException;
import dev.relocator.TextFiles;
import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.api.MapEntry;
import dev.relocator.mirror.ImageResult;
import dev.relocator.mirror.LockFile;
import dev.relocator.mirror.MirrorResult;
import dev.relocator.mirror.VectorImages;
import dev.relocator.relocation.Relocation;
import dev.relocator.rewrite.RewriteRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a relocation's outputs from a copy that succeeded, each with the writer its
 * single-purpose command uses: the lock, the pinned overwrite, the ImageMaps, containerd's
 * {@code hosts.toml} files and CRI-O's fragment. Nothing in them depends on the time or order
 * of the run, so a run with nothing changed writes the same bytes.
 */
final class RelocationOutputs {
  private static final String WRITTEN_BY = "relocator relocate";

  private RelocationOutputs() {}

  /** Writes every output {@code relocation} names; returns each output's key and where it went, in file order. */
  static Map<String, String> write(Relocation relocation, RelocationPlan plan, MirrorResult result,
      VectorImages.Selection selection, RewriteRules nodeRules, PrintWriter err) {
    Relocation.Outputs outputs = relocation.outputs();
    String from = relocation.file().toString();
    Map<String, String> written = new LinkedHashMap<>();
    outputs.lock().ifPresent(file -> {
      TextFiles.write(parentMade(file), LockFile.of(result).toYaml());
      written.put("lock", file.toString());
    });
    Map<ImageReference, VectorImages.Copy> copies = copies(plan, result);
    outputs.overwrite().ifPresent(file -> {
      MirrorRun.writeOverwrite(relocation.vector().orElseThrow().file(), WRITTEN_BY, selection, copies,
          parentMade(file), err);
      written.put("overwrite", file.toString());
    });
    outputs.imageMaps().ifPresent(maps -> {
      List<MapEntry> entries = new ArrayList<>();
      copies.forEach((image, copy) -> entries.add(new MapEntry(image.toString(),
          copy.target().withDigest(copy.digest()).toString())));
      if (entries.isEmpty()) {
        throw new RelocatorException(from + ": outputs.imageMaps: no copy has a name pods can pull from"
            + " (into a bundle, rules name where its images will be served)");
      }
      TextFiles.write(parentMade(maps.file()),
          ImagemapGenerateCommand.text(RelocationValidation.scope(maps), entries, WRITTEN_BY, from));
      written.put("imageMaps", maps.file().toString());
    });
    RewriteRules rules = nodeRules != null ? nodeRules : RewriteRules.of(from, List.of());
    outputs.containerd().ifPresent(dir -> {
      List<Path> files = MirrorsCommand.writeContainerd(rules, dir, err);
      written.put("containerd", dir + " (" + files.size() + (files.size() == 1 ? " file)" : " files)"));
    });
    outputs.crio().ifPresent(file -> {
      TextFiles.write(parentMade(file), MirrorsCommand.crio(rules, err));
      written.put("crio", file.toString());
    });
    return written;
  }

  /** Each copied source image to the name its copy is served under and the digest stored there. */
  private static Map<ImageReference, VectorImages.Copy> copies(RelocationPlan plan, MirrorResult result) {
    Map<ImageReference, VectorImages.Copy> copies = new LinkedHashMap<>();
    for (ImageResult image : result.images()) {
      Optional<ImageReference> served = plan.served(image.task());
      // CoreDNS is copied to two paths: the first, the one its rule names, is the one pods use.
      served.ifPresent(name -> copies.putIfAbsent(plan.image(image.task()),
          new VectorImages.Copy(name, image.targetDigest())));
    }
    return copies;
  }

  /**
   * Checks, before anything is copied, that every output {@code relocation} names can be written
   * where it says, its missing directories made on the way (as {@link #write} makes them); throws
   * naming the file, the output's key and why.
   */
  static void requireWritable(Relocation relocation) {
    Relocation.Outputs outputs = relocation.outputs();
    String from = relocation.file().toString();
    outputs.lock().ifPresent(file -> requireWritable(from, "outputs.lock", file, false));
    outputs.overwrite().ifPresent(file -> requireWritable(from, "outputs.overwrite", file, false));
    outputs.imageMaps().ifPresent(maps -> requireWritable(from, "outputs.imageMaps.file", maps.file(), false));
    outputs.containerd().ifPresent(dir -> requireWritable(from, "outputs.containerd", dir, true));
    outputs.crio().ifPresent(file -> requireWritable(from, "outputs.crio", file, false));
  }

  /** {@code path} (a file, or when {@code directory} a directory) can be written, or made under its nearest existing ancestor. */
  private static void requireWritable(String from, String key, Path path, boolean directory) {
    String problem = TextFiles.unwritable(path, directory, true);
    if (problem != null) {
      throw new RelocatorException(from + ": " + key + ": cannot write " + path + ": " + problem);
    }
  }

  private static Path parentMade(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new RelocatorException("cannot create " + parent + ": " + IoErrors.reason(e), e);
    }
    return file;
  }
}
