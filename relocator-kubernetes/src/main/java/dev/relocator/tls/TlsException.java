package dev.relocator.tls;

import dev.relocator.RelocatorException;

/** Self-managed TLS failed: unreadable key material in the Secret, or a certificate that cannot be issued. */
public class TlsException extends RelocatorException {
  private static final long serialVersionUID = 1L;

  public TlsException(String message) {
    super(message);
  }

  public TlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
