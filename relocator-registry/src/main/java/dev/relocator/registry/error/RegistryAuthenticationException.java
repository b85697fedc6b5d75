package dev.relocator.registry.error;

import java.util.List;

/** The registry or its token service refused the credentials, or none were found (401/403). */
public final class RegistryAuthenticationException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public RegistryAuthenticationException(String message, int status, List<RegistryError> errors) {
    super(message, status, errors, null);
  }
}
