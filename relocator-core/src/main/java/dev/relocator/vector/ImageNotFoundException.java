package dev.relocator.vector;

/** No entry of an image vector matches a name with the requested versions and architecture. */
public final class ImageNotFoundException extends VectorException {
  private static final long serialVersionUID = 1L;

  public ImageNotFoundException(String message) {
    super(message);
  }
}
