package dev.relocator.cli;

import dev.relocator.Diagnostic;
import dev.relocator.TextFiles;
import dev.relocator.image.ImageReference;
import dev.relocator.mirror.ByteSize;
import dev.relocator.mirror.MirrorEngine;
import dev.relocator.mirror.MirrorPlan;
import dev.relocator.mirror.MirrorResult;
import dev.relocator.mirror.MirrorTask;
import dev.relocator.mirror.VectorImages;
import dev.relocator.vector.VectorWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@code mirror} and {@code relocate} both do with the engine: run a copy with progress and
 * say what it had to change and what failed, describe a dry run, and write the pinned overwrite.
 */
final class MirrorRun {
  private MirrorRun() {}

  /** Copies {@code tasks}, progress and every note and failure on {@code err}. */
  static MirrorResult copy(MirrorEngine engine, List<MirrorTask> tasks, PrintWriter err) {
    MirrorProgress progress = new MirrorProgress(err, System.console() != null, tasks.size());
    MirrorResult result = whileSayingWhenStopped(progress, () -> engine.run(tasks, progress));
    progress.finish();
    // Notes say what the copy had to change (a rewritten index): worth reading after any display.
    result.images().forEach(i -> i.note().ifPresent(n -> err.println("note: " + i.task().target().unpinned() + ": " + n)));
    result.failures().forEach(f -> err.println("failed: " + f + ErrorLines.hint(f.cause())));
    return result;
  }

  /** The dry run's lines and its closing count on {@code out}; the number of sources that could not be read. */
  static long printPlan(MirrorPlan plan, PrintWriter out) {
    plan.images().forEach(image -> out.println(image.describe() + image.failure().map(ErrorLines::hint).orElse("")));
    long unreadable = plan.unreadableSources();
    int attachments = plan.images().stream().mapToInt(i -> i.attachments().size()).sum();
    out.println("plan: " + plan.images().size() + (plan.images().size() == 1 ? " image, " : " images, ")
        + ByteSize.human(plan.knownBytes())
        + (attachments > 0 ? ", " + attachments + " attached artifacts" : "")
        + (unreadable > 0 ? ", " + unreadable + (unreadable == 1 ? " source" : " sources") + " unreadable" : ""));
    return unreadable;
  }

  /**
   * Writes an {@code IMAGEVECTOR_OVERWRITE} for {@code vector} pointing each copied image of
   * {@code selection} at its copy, pinned; findings about entries it could not pin go to {@code err}.
   */
  static void writeOverwrite(Path vector, String writtenBy, VectorImages.Selection selection,
      Map<ImageReference, VectorImages.Copy> copied, Path file, PrintWriter err) {
    List<Diagnostic> findings = new ArrayList<>();
    String text = "# IMAGEVECTOR_OVERWRITE for " + vector.getFileName()
        + ", written by " + writtenBy + ": every copied image, pinned to its digest.\n"
        + VectorWriter.write(VectorImages.pinnedOverwrite(selection, copied, findings));
    VectorCommand.print(err, findings);
    TextFiles.write(file, text);
  }

  /** Runs {@code run}; should the JVM exit meanwhile (Ctrl-C, SIGTERM), {@code progress} says so on the way out. */
  private static MirrorResult whileSayingWhenStopped(MirrorProgress progress, Supplier<MirrorResult> run) {
    Thread notice = new Thread(progress::interrupted, "relocator-mirror-stopped");
    Runtime.getRuntime().addShutdownHook(notice);
    try {
      return run.get();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(notice);
      } catch (IllegalStateException exiting) {
        // The JVM is exiting: the notice is being said.
      }
    }
  }
}
