package dev.relocator.registry.testing;

import dev.relocator.testing.TestTools;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's skopeo as an independent witness: the digest of the raw manifest it reads. */
public final class Skopeo {
  private Skopeo() {}

  /**
   * The sha256 of {@code skopeo inspect --raw FLAGS... IMAGE} (e.g. {@code docker://host/repo:tag}
   * with {@code --tls-verify=false}, or {@code oci:DIR:NAME}).
   */
  public static String rawDigest(String image, String... flags) {
    return "sha256:" + HexFormat.of().formatHex(sha256(raw(image, flags)));
  }

  /** The raw manifest bytes skopeo reads. */
  public static byte[] raw(String image, String... flags) {
    List<String> arguments = new ArrayList<>(List.of("inspect", "--raw"));
    arguments.addAll(List.of(flags));
    arguments.add(image);
    return run(arguments);
  }

  /** {@code skopeo copy FLAGS... FROM TO}, e.g. from {@code oci:DIR:NAME} to {@code oci-archive:FILE:NAME}. */
  public static void copy(String from, String to, String... flags) {
    List<String> arguments = new ArrayList<>(List.of("copy"));
    arguments.addAll(List.of(flags));
    arguments.addAll(List.of(from, to));
    run(arguments);
  }

  private static byte[] run(List<String> arguments) {
    TestTools.assumeInstalled(TestTools.SKOPEO);
    List<String> command = new ArrayList<>(List.of(TestTools.SKOPEO.toString()));
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
      byte[] out = process.getInputStream().readAllBytes();
      String err = new String(process.getErrorStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError("skopeo " + String.join(" ", command) + " failed: " + err);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run skopeo", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
