package dev.relocator.server;

import dev.relocator.RelocatorException;

/** The server could not start or run: a port, a certificate, a maps directory, a cluster. */
public class ServerException extends RelocatorException {
  private static final long serialVersionUID = 1L;

  public ServerException(String message) {
    super(message);
  }

  public ServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
