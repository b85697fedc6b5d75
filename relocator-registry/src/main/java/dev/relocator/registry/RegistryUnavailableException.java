package dev.relocator.registry;

import java.util.List;

/**
 * The registry could not be reached or kept failing (connection errors, 429, 5xx) after every
 * retry the {@link RetryPolicy} allows.
 */
public final class RegistryUnavailableException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public RegistryUnavailableException(String message, int status, List<RegistryError> errors, Throwable cause) {
    super(message, status, errors, cause);
  }
}
