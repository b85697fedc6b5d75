package dev.relocator.admission;

/**
 * What the webhook answers when a well-formed review carries a pod it cannot read, named after
 * the webhook configuration's {@code failurePolicy}.
 */
public enum FailureMode {
  /** Admit the pod unchanged, with a warning saying why it was not relocated. */
  IGNORE,
  /** Deny the pod with a message saying why. */
  FAIL
}
