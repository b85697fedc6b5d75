package dev.relocator.imagemap.controller;

import dev.relocator.RelocatorException;

/** A map source cannot read or watch its maps, or write their status: in a cluster or a directory. */
public class ImageMapException extends RelocatorException {
  private static final long serialVersionUID = 1L;

  public ImageMapException(String message) {
    super(message);
  }

  public ImageMapException(String message, Throwable cause) {
    super(message, cause);
  }
}
