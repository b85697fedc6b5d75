package dev.relocator.registry.error;

import java.util.List;

/**
 * The registry could not be reached or kept failing (connection errors, 429, 5xx) after every
 * retry the {@link dev.relocator.registry.RetryPolicy} allows; or it failed in a way no retry mends (see
 * {@link #retryable()}).
 */
public sealed class RegistryUnavailableException extends RegistryException permits PlainHttpRegistryException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  public RegistryUnavailableException(String message, int status, List<RegistryError> errors, Throwable cause) {
    this(message, status, errors, cause, true);
  }

  RegistryUnavailableException(String message, int status, List<RegistryError> errors, Throwable cause,
      boolean retryable) {
    super(message, status, errors, cause);
    this.retryable = retryable;
  }

  /**
   * A failure without an answer (a broken connection, a stall, no endpoint that answers) that
   * another attempt may mend.
   */
  public static RegistryUnavailableException retryable(String message, Throwable cause) {
    return new RegistryUnavailableException(message, 0, List.of(), cause, true);
  }

  /** {@code what} stopped because its thread was interrupted, as a cancelled run's threads are. */
  public static RegistryUnavailableException interrupted(String what, InterruptedException cause) {
    return new RegistryUnavailableException(what + ": interrupted", 0, List.of(), cause, true);
  }

  /**
   * A failure that another attempt cannot mend, such as a certificate the client does not trust
   * or a host name that does not resolve: it was not retried, and loops that retry whole
   * transfers pass it on at once.
   */
  public static RegistryUnavailableException permanent(String message, Throwable cause) {
    return new RegistryUnavailableException(message, 0, List.of(), cause, false);
  }

  /** Whether trying again may succeed; false for {@link #permanent} failures. */
  public boolean retryable() {
    return retryable;
  }
}
