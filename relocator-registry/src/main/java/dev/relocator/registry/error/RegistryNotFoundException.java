package dev.relocator.registry.error;

import java.util.List;

/** The manifest, blob or repository does not exist (404, {@code *_UNKNOWN} codes). */
public final class RegistryNotFoundException extends RegistryException {
  private static final long serialVersionUID = 1L;

  RegistryNotFoundException(String message, int status, List<RegistryError> errors) {
    super(message, status, errors, null);
  }
}
