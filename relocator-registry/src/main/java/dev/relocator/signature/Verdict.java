package dev.relocator.signature;

/** Whether one signature is valid for an image, and if not, why. */
public record Verdict(boolean valid, String reason) {
  static Verdict ok() {
    return new Verdict(true, "valid");
  }

  static Verdict invalid(String reason) {
    return new Verdict(false, reason);
  }
}
