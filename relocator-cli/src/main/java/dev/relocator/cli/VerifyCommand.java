package dev.relocator.cli;

import dev.relocator.RelocatorException;
import dev.relocator.image.Digest;
import dev.relocator.mirror.Attachment;
import dev.relocator.mirror.ImageLocation;
import dev.relocator.mirror.ImageStores;
import dev.relocator.mirror.MirrorOptions;
import dev.relocator.mirror.MirrorTask;
import dev.relocator.mirror.SignatureChecker;
import dev.relocator.mirror.TargetVerifier;
import dev.relocator.signature.PublicKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

  // Help lists the destination as every command does (--to, --registry: one option, so mirror's
  // command line serves verify); the messages name it --registry, as verify's docs write it.
  @Mixin MirrorScope scope = MirrorScope.namingDestination("--registry");

  @Option(names = "--signed-by", paramLabel = "KEY.pub",
      description = "Also require a valid cosign signature by this ECDSA P-256 public key (cosign.pub) on every relocated "
          + "image (on its digest, or on each platform of an index), checked offline; keyless signatures are not checked.")
  Path signedBy;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MirrorScope.Selected selected = scope.check();
    PublicKey key = signedBy == null ? null : PublicKeys.read(signedBy);
    MirrorScope.Pairs pairs = scope.read(selected, err);
    if (pairs == null) {
      return ExitCodes.FAILURE;
    }
    ImageStores stores = scope.registryOptions.stores();
    // Closing them stops the HTTP client, so the JVM exits without waiting for it.
    try (stores) {
      TargetVerifier verifier = new TargetVerifier(stores, MirrorOptions.DEFAULT.withPlatforms(selected.platforms()));
      SignatureChecker signatures = key == null ? null : new SignatureChecker(stores, key);
      int checked = 0;
      int unsigned = 0;
      int missingArtifacts = 0;
      List<String> missing = new ArrayList<>();
      for (MirrorTask pair : pairs.tasks()) {
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
            for (Attachment attachment : verifier.missingAttachments(pair, selected.referrers())) {
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
