package dev.relocator.admission;

/**
 * What the webhook answers when a well-formed review carries a pod it cannot read, named after
 * the webhook configuration's {@code failurePolicy}.
 */
public enum FailureMode {
  /** Admit the pod unchanged, with a warning saying why it was not relocated. */
  IGNORE,
  /** Deny the pod with a message saying why. */
  FAIL;

  /** The mode named {@code text} ({@code ignore} or {@code fail}, any case), as the CLI takes it. */
  public static FailureMode parse(String text) {
    for (FailureMode m : values()) {
      if (m.name().equalsIgnoreCase(text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("\"" + text + "\": expected ignore or fail");
  }
}
