package dev.relocator.cli;

import dev.relocator.RelocatorException;
import dev.relocator.image.Digest;
import dev.relocator.mirror.Attachment;
import dev.relocator.mirror.ImageLocation;
import dev.relocator.mirror.ImageStores;
import dev.relocator.mirror.MirrorOptions;
import dev.relocator.mirror.MirrorTask;
import dev.relocator.mirror.ReferrersMode;
import dev.relocator.mirror.SignatureChecker;
import dev.relocator.mirror.TargetVerifier;
import dev.relocator.oci.Platform;
import dev.relocator.signature.PublicKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code relocator verify}: a pre-flight check that every relocated image exists, with the
 * artifacts attached to it, and (with {@code --signed-by}) carries a valid cosign signature.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check (HEAD) that every image exists at its relocated name, with its signatures, attestations, SBOMs "
        + "and referrers, and optionally that it is signed by a key, before an install.")
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  MirrorSources source;

  @Mixin VectorSelection selection;

  // --to too: mirror names the same place so, and one command line serves both commands.
  @Option(names = {"--registry", "--to"}, paramLabel = "REGISTRY[/PREFIX]|oci:DIR|oci-archive:FILE",
      description = "Where the images were mirrored, named as relocator mirror --to names them; --to is the"
          + " same option.")
  String registry;

  @Option(names = "--rules", paramLabel = "FILE", description = "Rewrite rules or a KubeOne cluster file naming the targets, as for mirror.")
  Path rules;

  @Option(names = "--arch", split = ",", paramLabel = "ARCH|OS/ARCH[/VARIANT]",
      description = "The platforms given to mirror --arch: an index pinned by digest is then checked under the "
          + "rewritten digest mirror stored, computed from the source (which must be readable).")
  List<String> arch = new ArrayList<>();

  @Option(names = "--referrers", paramLabel = "all|signatures|none", defaultValue = "all",
      description = "Check that the artifacts mirror --referrers carried are at the target too (found at the source, "
          + "which must be readable; else a note says they were not checked); none skips it. Default: ${DEFAULT-VALUE}.")
  String referrers;

  @Option(names = "--signed-by", paramLabel = "KEY.pub",
      description = "Also require a valid cosign signature by this ECDSA P-256 public key (cosign.pub) on every relocated "
          + "image (on its digest, or on each platform of an index), checked offline; keyless signatures are not checked.")
  Path signedBy;

  @Mixin RegistryOptions registryOptions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    selection.requireVector(source.vector != null);
    source.check(spec);
    MirrorTargets.check(spec, rules, registry, "--registry");
    registryOptions.check();
    List<Platform> platforms = VectorSelection.platforms(spec, arch);
    // As mirror does: one --arch also selects vector entries by architecture.
    String findArchitecture = platforms.size() == 1 ? platforms.get(0).architecture() : null;
    ReferrersMode referrersMode = MirrorCommand.referrersMode(spec, referrers);
    PublicKey key = signedBy == null ? null : PublicKeys.read(signedBy);
    // Rules first: a KubeOne cluster file among them gives the vector its Kubernetes version.
    MirrorTargets targets = MirrorTargets.load(rules, registry, "--registry", err);
    if (targets != null) {
      selection.defaultTargetVersions(targets.targetVersions(List.of()));
    }
    MirrorSources.Images images = targets == null ? null : source.read(selection, findArchitecture, err);
    if (images == null) {
      return ExitCodes.FAILURE;
    }
    registryOptions.insecureRegistries.addAll(targets.insecureRegistries());
    ImageStores stores = registryOptions.stores();
    // Closing them stops the HTTP client, so the JVM exits without waiting for it.
    try (stores) {
      TargetVerifier verifier = new TargetVerifier(stores, MirrorOptions.DEFAULT.withPlatforms(platforms));
      SignatureChecker signatures = key == null ? null : new SignatureChecker(stores, key);
      int checked = 0;
      int unsigned = 0;
      int missingArtifacts = 0;
      List<String> missing = new ArrayList<>();
      // As mirror pairs them: a layout's images named by a tag alone too, or verify would check none of them.
      List<MirrorTask> pairs = new ArrayList<>();
      images.sources().forEach((image, from) -> targets.of(image).forEach(target -> pairs.add(new MirrorTask(from, target))));
      images.tagged().forEach((tag, from) -> pairs.add(new MirrorTask(from, targets.ofTag(tag, source.from))));
      for (MirrorTask pair : pairs) {
        ImageLocation target = pair.target();
        checked++;
        TargetVerifier.Outcome outcome;
        try {
          outcome = verifier.check(pair);
        } catch (RelocatorException e) {
          missing.add(target.toString());
          out.println("error   " + target + ": " + ErrorLines.describe(e));
          continue;
        }
        if (outcome.present()) {
          Digest digest = outcome.found().get().digest();
          out.println("ok      " + target.storedAs(digest));
          try {
            for (Attachment attachment : verifier.missingAttachments(pair, referrersMode)) {
              missingArtifacts++;
              out.println("missing " + target + ": " + attachment.describe() + " (attached to " + attachment.subject() + ")");
            }
          } catch (RelocatorException e) {
            err.println("note: " + target + ": attached artifacts not checked: " + ErrorLines.describe(e));
          }
          if (signatures != null) {
            try {
              SignatureChecker.Outcome signed = signatures.check(target, digest);
              if (!signed.signed()) {
                unsigned++;
                out.println("unsigned " + target.storedAs(digest) + ": " + String.join("; ", signed.problems()));
              }
            } catch (RelocatorException e) {
              unsigned++;
              out.println("unsigned " + target.storedAs(digest) + ": " + ErrorLines.describe(e));
            }
          }
        } else {
          missing.add(target.toString());
          // One digest: the one expected, not also the source's pin, which --arch stores rewritten.
          out.println("missing " + outcome.expected().map(d -> target.unpinned() + " (expected " + d + ")")
              .orElse(target.toString()));
        }
      }
      int present = checked - missing.size();
      out.println("verified " + present + "/" + checked + " images present"
          + (missingArtifacts > 0 ? ", " + missingArtifacts + " attached artifacts missing" : "")
          + (signatures != null ? ", " + (present - unsigned) + "/" + present + " signed by " + signedBy : ""));
      return missing.isEmpty() && unsigned == 0 && missingArtifacts == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }
}
