package dev.relocator.policy;

import java.util.Locale;

/** What a policy does with a pod that runs an image outside its allowed prefixes. */
public enum PolicyMode {
  /** Admit the pod, with one warning per offending image. */
  WARN,
  /** Refuse the pod, with one message listing every offending container. */
  DENY;

  /** The mode named {@code text} ({@code warn} or {@code deny}, any case); null or blank is warn. */
  public static PolicyMode parse(String text) {
    if (text == null || text.isBlank()) {
      return WARN;
    }
    for (PolicyMode m : values()) {
      if (m.name().equalsIgnoreCase(text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("mode \"" + text + "\": expected warn or deny");
  }

  /** The lower-case name, as written in a policy. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
