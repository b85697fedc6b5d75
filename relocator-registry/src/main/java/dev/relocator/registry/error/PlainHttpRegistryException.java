package dev.relocator.registry.error;

import java.util.List;

/**
 * A registry not declared insecure that answered the TLS hello in plain HTTP: it is reachable
 * once its {@link #endpoint()} is declared insecure. Not retried, as no retry mends it.
 */
public final class PlainHttpRegistryException extends RegistryUnavailableException {
  private static final long serialVersionUID = 1L;

  private final String endpoint;

  private PlainHttpRegistryException(String message, String endpoint, Throwable cause) {
    super(message, 0, List.of(), cause, false);
    this.endpoint = endpoint;
  }

  /** {@code endpoint}: the {@code host[:port]} contacted, under which a registry is declared insecure. */
  public static PlainHttpRegistryException of(String message, String endpoint, Throwable cause) {
    return new PlainHttpRegistryException(message, endpoint, cause);
  }

  /** The {@code host[:port]} that answered in plain HTTP. */
  public String endpoint() {
    return endpoint;
  }
}
