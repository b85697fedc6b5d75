package dev.relocator.imagemap.controller;

import dev.relocator.RelocatorException;

/** The ImageMap controller cannot watch or write its resources. */
public class ImageMapException extends RelocatorException {
  private static final long serialVersionUID = 1L;

  public ImageMapException(String message, Throwable cause) {
    super(message, cause);
  }
}
