package dev.relocator.registry.error;

import java.util.List;

/**
 * The registry refused a well-formed request for a reason other than auth or absence, e.g.
 * {@code MANIFEST_INVALID}, {@code DIGEST_INVALID}, {@code UNSUPPORTED}, or answered something
 * the protocol does not allow.
 */
public final class RegistryRejectedException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public RegistryRejectedException(String message, int status, List<RegistryError> errors) {
    super(message, status, errors, null);
  }
}
