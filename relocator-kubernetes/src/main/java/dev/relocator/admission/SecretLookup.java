package dev.relocator.admission;

import java.util.Optional;

/**
 * Whether a Secret exists in a namespace, as far as the webhook can tell: a pull secret a map
 * names that does not exist draws a warning, never a failure.
 */
@FunctionalInterface
public interface SecretLookup {

  /** Knows nothing: no warning is given (standalone mode, or no permission to read Secrets). */
  SecretLookup UNKNOWN = (namespace, name) -> Optional.empty();

  /** True or false when known, empty when the webhook cannot tell. */
  Optional<Boolean> exists(String namespace, String name);
}
