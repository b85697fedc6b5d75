package dev.relocator.imagebuilder;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one build of Relocator's image is made of: the version and provenance it is annotated with,
 * the jars, and per platform the staged Debian base and Java runtime.
 *
 * @param version what {@code relocator --version} prints; names the image index
 * @param revision the commit built
 * @param source where the source lives, when known
 * @param created the commit's time ({@code SOURCE_DATE_EPOCH}), never the build machine's clock
 * @param applicationJars Relocator's own jars, the layer that changes with every commit
 * @param libraryJars the third-party jars, in class-path order
 * @param platforms one entry per architecture, in the order the index lists them
 */
record ImageSpec(String version, String revision, Optional<String> source, Instant created,
    List<Path> applicationJars, List<Path> libraryJars, List<PlatformInput> platforms) {

  /** One architecture's parts: a staged root of Debian files, and a jlink-ed runtime. */
  record PlatformInput(String architecture, Path base, Path runtime) {}

  ImageSpec {
    applicationJars = List.copyOf(applicationJars);
    libraryJars = List.copyOf(libraryJars);
    platforms = List.copyOf(platforms);
    if (platforms.isEmpty()) {
      throw new IllegalArgumentException("no platform to build");
    }
  }

  /** The image reference Jib names each platform's archive with. */
  String reference() {
    return "relocator:" + version;
  }
}
