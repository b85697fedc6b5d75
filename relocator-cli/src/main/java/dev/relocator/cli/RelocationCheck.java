package dev.relocator.cli;

import dev.relocator.RelocatorException;
import dev.relocator.image.Digest;
import dev.relocator.image.ImageReference;
import dev.relocator.mirror.ImageLocation;
import dev.relocator.mirror.ImageStores;
import dev.relocator.mirror.LockFile;
import dev.relocator.mirror.MirrorOptions;
import dev.relocator.mirror.MirrorTask;
import dev.relocator.mirror.TargetVerifier;
import dev.relocator.oci.Descriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code relocate --check}: whether every target a relocation would copy to holds the digest its
 * lock pins, reading targets only (nothing is copied or written). Each image is ok, missing (not
 * at the target, or never locked) or drifted (the target's tag holds another image).
 */
final class RelocationCheck {
  private RelocationCheck() {}

  /** One image's verdict, with what the target holds when that is known. */
  record Finding(String status, MirrorTask task, Optional<Digest> locked, Optional<Digest> found, String why) {
    boolean ok() {
      return status.equals("ok");
    }

    /** {@code STATUS  SOURCE -> TARGET  details}. */
    String line() {
      return String.format("%-8s%s", status, task) + locked.map(d -> "  locked " + d).orElse("")
          + (ok() ? "" : found.map(d -> "  holds " + d).orElse("")) + (why.isEmpty() ? "" : "  (" + why + ")");
    }

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("status", status);
      json.put("source", task.source().toString());
      json.put("target", task.target().toString());
      json.put("locked", locked.map(Digest::toString).orElse(null));
      json.put("found", found.map(Digest::toString).orElse(null));
      if (!why.isEmpty()) {
        json.put("reason", why);
      }
      return json;
    }
  }

  /** The verdict on every task of {@code plan} against {@code lock}. */
  static List<Finding> check(RelocationPlan plan, LockFile lock, ImageStores stores) {
    Map<String, Digest> locked = new HashMap<>();
    for (LockFile.Entry entry : lock.images()) {
      int at = entry.target().lastIndexOf('@');
      if (at > 0) {
        locked.put(entry.target().substring(0, at), Digest.parse(entry.target().substring(at + 1)));
      }
    }
    TargetVerifier verifier = new TargetVerifier(stores, MirrorOptions.DEFAULT);
    List<Finding> findings = new ArrayList<>();
    for (MirrorTask task : plan.tasks()) {
      // The lock pins each target to the digest stored, replacing a pin the plan's target had.
      Digest digest = locked.get(task.target().unpinned());
      if (digest == null) {
        findings.add(new Finding("missing", task, Optional.empty(), Optional.empty(), "not in the lock: never relocated"));
        continue;
      }
      try {
        findings.add(check(verifier, task, digest));
      } catch (RelocatorException e) {
        findings.add(new Finding("missing", task, Optional.of(digest), Optional.empty(), ErrorLines.describe(e)));
      }
    }
    return findings;
  }

  private static Finding check(TargetVerifier verifier, MirrorTask task, Digest locked) {
    Optional<ImageReference> registry = task.target().registryReference();
    if (registry.isPresent()) {
      // By digest first: present there is what the lock promises, whatever the tag says now.
      ImageLocation pinned = new ImageLocation.Registry(registry.get().withDigest(locked));
      if (verifier.check(new MirrorTask(pinned, pinned)).present()) {
        return new Finding("ok", task, Optional.of(locked), Optional.of(locked), "");
      }
      ImageLocation tagged = new ImageLocation.Registry(registry.get().withoutDigest());
      Optional<Digest> found = verifier.check(new MirrorTask(tagged, tagged)).found().map(Descriptor::digest);
      return new Finding(found.isPresent() ? "drifted" : "missing", task, Optional.of(locked), found, "");
    }
    Optional<Digest> found = verifier.check(new MirrorTask(task.target(), task.target())).found().map(Descriptor::digest);
    String status = found.isEmpty() ? "missing" : found.get().equals(locked) ? "ok" : "drifted";
    return new Finding(status, task, Optional.of(locked), found, "");
  }
}
