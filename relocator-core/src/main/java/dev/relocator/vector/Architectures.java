package dev.relocator.vector;

import java.util.Map;
import java.util.Set;

/** The CPU architecture names of the OCI image platform ({@code GOARCH} values). */
final class Architectures {
  static final Set<String> OCI =
      Set.of(
          "386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle", "mips64", "mips64le", "ppc64",
          "ppc64le", "riscv64", "s390x", "wasm");

  /** Names other tools use for the same machines (uname, Debian, RPM). */
  private static final Map<String, String> ALIASES =
      Map.of(
          "x86_64", "amd64",
          "x86-64", "amd64",
          "x64", "amd64",
          "aarch64", "arm64",
          "armhf", "arm",
          "armv7", "arm",
          "armv7l", "arm",
          "i386", "386",
          "i686", "386",
          "x86", "386");

  private Architectures() {}

  static boolean isValid(String arch) {
    return OCI.contains(arch);
  }

  /** The OCI name meant by {@code arch}, or null. */
  static String suggest(String arch) {
    String alias = ALIASES.get(arch.toLowerCase(java.util.Locale.ROOT));
    if (alias != null) {
      return alias;
    }
    if (OCI.contains(arch.toLowerCase(java.util.Locale.ROOT))) {
      return arch.toLowerCase(java.util.Locale.ROOT);
    }
    return Keys.suggest(arch, java.util.List.copyOf(new java.util.TreeSet<>(OCI)));
  }
}
