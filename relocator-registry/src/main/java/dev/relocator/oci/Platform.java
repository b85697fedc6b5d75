package dev.relocator.oci;

import java.util.Locale;

/**
 * An image platform {@code os/architecture[/variant]}; as a filter, a bare architecture such as
 * {@code amd64} matches it on every OS.
 *
 * @param os e.g. {@code linux}; null in a filter that names only the architecture
 * @param variant e.g. {@code v8}; null when not given
 */
public record Platform(String os, String architecture, String variant) {
  public Platform {
    if (architecture == null || architecture.isEmpty()) {
      throw new IllegalArgumentException("a platform needs an architecture");
    }
  }

  /** Parses {@code amd64}, {@code linux/arm64} or {@code linux/arm/v7}. */
  public static Platform parse(String text) {
    String[] parts = text.strip().toLowerCase(Locale.ROOT).split("/", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException("invalid platform \"" + text + "\": expected ARCH, OS/ARCH or OS/ARCH/VARIANT");
      }
    }
    return switch (parts.length) {
      case 1 -> new Platform(null, parts[0], null);
      case 2 -> new Platform(parts[0], parts[1], null);
      case 3 -> new Platform(parts[0], parts[1], parts[2]);
      default -> throw new IllegalArgumentException(
          "invalid platform \"" + text + "\": expected ARCH, OS/ARCH or OS/ARCH/VARIANT");
    };
  }

  /** Whether {@code candidate} (from an index) is selected by this filter. */
  public boolean selects(Platform candidate) {
    return (os == null || os.equals(candidate.os()))
        && architecture.equals(candidate.architecture())
        && (variant == null || variant.equals(candidate.variant()));
  }

  @Override
  public String toString() {
    return (os == null ? "" : os + "/") + architecture + (variant == null ? "" : "/" + variant);
  }
}
