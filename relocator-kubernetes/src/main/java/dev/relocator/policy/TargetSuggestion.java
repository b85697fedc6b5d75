package dev.relocator.policy;

import dev.relocator.image.ImageReference;
import dev.relocator.rewrite.Location;

/**
 * Where an image would go under a prefix: the prefix, then the image's repository path
 * ({@code nginx} under {@code registry.example/mirror} is {@code registry.example/mirror/library/nginx}),
 * as a repository-wide ImageMap entry writes it. Used in deny messages and by {@code relocator audit}.
 */
public final class TargetSuggestion {

  private TargetSuggestion() {}

  /** The repository {@code image} would be relocated to under {@code prefix}, without tag or digest. */
  public static ImageReference under(String prefix, ImageReference image) {
    Location to = Location.parse(prefix);
    String path = to.path().isEmpty() ? image.path() : to.path() + "/" + image.path();
    return ImageReference.parse(to.domain() + "/" + path);
  }
}
