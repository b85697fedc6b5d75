package dev.relocator.registry.error;

import java.util.List;

/** The registry or its token service refused the credentials, or none were found (401/403). */
public final class RegistryAuthenticationException extends RegistryException {
  private static final long serialVersionUID = 1L;

  RegistryAuthenticationException(String message, int status, List<RegistryError> errors) {
    super(message, status, errors, null);
  }

  /** A 401 this client cannot answer: no challenge, an unknown scheme, or no credentials that fit. */
  public static RegistryAuthenticationException unauthorized(String message) {
    return new RegistryAuthenticationException(message, 401, List.of());
  }
}
