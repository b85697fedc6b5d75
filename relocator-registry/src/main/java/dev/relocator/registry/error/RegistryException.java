package dev.relocator.registry.error;

import dev.relocator.RelocatorException;
import java.util.List;

/**
 * A registry or image-layout operation that failed; the message says which operation, on which
 * registry and repository, and why (the distribution spec's error codes when the registry sent
 * them).
 */
public class RegistryException extends RelocatorException {
  private static final long serialVersionUID = 1L;

  private final transient List<RegistryError> errors;
  private final int status;

  public RegistryException(String message) {
    this(message, 0, List.of(), null);
  }

  public RegistryException(String message, Throwable cause) {
    this(message, 0, List.of(), cause);
  }

  /** An answer's failure: {@code status} 0 when there was no answer. */
  RegistryException(String message, int status, List<RegistryError> errors, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  /** The HTTP status the registry answered, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** The errors the registry reported in its body, in order; empty when it sent none. */
  public List<RegistryError> errors() {
    return errors;
  }

  /** Whether the registry reported {@code code}. */
  public boolean hasCode(ErrorCode code) {
    return errors.stream().anyMatch(e -> e.code() == code);
  }
}
