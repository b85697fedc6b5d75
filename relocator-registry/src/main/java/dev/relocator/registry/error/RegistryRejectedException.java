package dev.relocator.registry.error;

import java.util.List;

/**
 * The registry refused a well-formed request for a reason other than auth or absence, e.g.
 * {@code MANIFEST_INVALID}, {@code DIGEST_INVALID}, {@code UNSUPPORTED}, or answered something
 * the protocol does not allow.
 */
public final class RegistryRejectedException extends RegistryException {
  private static final long serialVersionUID = 1L;

  RegistryRejectedException(String message, int status, List<RegistryError> errors) {
    super(message, status, errors, null);
  }

  /**
   * Content that breaks its format or the protocol, found without a registry's error answer: a
   * manifest, an index or a layout's {@code index.json} that cannot be used as it is.
   */
  public static RegistryRejectedException invalid(String message) {
    return new RegistryRejectedException(message, 0, List.of());
  }

  /** An answer with {@code status} (a 200, or an upload answer without its Location) that the protocol does not allow. */
  public static RegistryRejectedException unexpectedAnswer(String message, int status) {
    return new RegistryRejectedException(message, status, List.of());
  }
}
