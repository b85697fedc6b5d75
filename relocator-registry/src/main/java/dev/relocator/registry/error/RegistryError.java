package dev.relocator.registry.error;

/** One entry of a registry's error body: its code, the code as sent, and the message. */
public record RegistryError(ErrorCode code, String rawCode, String message) {
  @Override
  public String toString() {
    return rawCode + (message == null || message.isEmpty() ? "" : ": " + message);
  }
}
