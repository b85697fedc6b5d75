package dev.relocator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The one table that says in a few words why an I/O operation failed. The JDK's messages are
 * often just the path ({@code NoSuchFileException}) or nothing at all ({@code ConnectException}
 * from the HTTP client), which leaves a user's error line without its reason.
 */
public final class IoErrors {
  private IoErrors() {}

  /**
   * The reason, without the file or host the caller's message names; but for a host name that
   * does not resolve, which names the host (it may be another than the caller's, a token
   * server's for one).
   */
  public static String reason(IOException e) {
    if (e instanceof UnknownHostException) {
      return unknownHost(e.getMessage());
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    if (e instanceof HttpTimeoutException) {
      return "request timed out";
    }
    String message = e.getMessage();
    if (e instanceof ConnectException && (message == null || message.isEmpty())) {
      return "connection refused";
    }
    if (message == null || message.isEmpty()) {
      return e.getClass().getSimpleName();
    }
    return message;
  }

  /**
   * The JDK's message is the host alone ({@code HttpURLConnection}) or the host and the
   * resolver's words ({@code "h: Name or service not known"}).
   */
  private static String unknownHost(String message) {
    if (message == null || message.isBlank()) {
      return "unknown host";
    }
    int colon = message.indexOf(": ");
    return colon < 0
        ? "unknown host " + message
        : "unknown host " + message.substring(0, colon) + " (" + message.substring(colon + 2) + ")";
  }

  /**
   * A whole line for a failure no caller worded: the file and the reason for a file-system
   * error ({@code cannot access F: permission denied}), else {@code I/O error: } and the reason.
   */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException fs && fs.getFile() != null) {
      return "cannot access " + fs.getFile() + ": " + reason(e);
    }
    return "I/O error: " + reason(e);
  }

  /** {@link #reason(IOException)} of an unchecked wrapper's cause. */
  public static String reason(UncheckedIOException e) {
    return reason(e.getCause());
  }
}
