package dev.relocator.imagebuilder;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Builds one platform's image with Jib, from scratch, into an OCI archive: no daemon, no registry,
 * no base image pulled. Jib cannot write several platforms into one archive, so each is built alone
 * and {@link LayoutWriter} joins them under one index.
 */
final class PlatformImage {
  static final List<String> ENTRYPOINT = List.of(ImageLayers.COMMAND, "@" + ImageLayers.ARGS_FILE);
  static final int PORT = 8443;

  private PlatformImage() {}

  /** Builds {@code platform}'s image into the archive {@code tar}, using {@code work} for Jib's caches. */
  static void build(ImageSpec spec, ImageSpec.PlatformInput platform, Path argsFile, Path tar, Path work)
      throws IOException, InterruptedException {
    Path empty = Files.createDirectories(work.resolve("empty"));
    JibContainerBuilder image = Jib.fromScratch()
        .setPlatforms(Set.of(new Platform(platform.architecture(), "linux")))
        .setFormat(ImageFormat.OCI)
        .setCreationTime(spec.created())
        .setUser(ImageLayers.USER)
        .setWorkingDirectory(AbsoluteUnixPath.get(ImageLayers.HOME))
        .setEnvironment(environment())
        .setEntrypoint(ENTRYPOINT)
        .setExposedPorts(Set.of(Port.tcp(PORT)))
        .setLabels(Annotations.of(spec))
        .setFileEntriesLayers(
            ImageLayers.base(platform.base(), empty),
            ImageLayers.runtime(platform.runtime()),
            ImageLayers.jars("libraries", spec.libraryJars()),
            ImageLayers.application(spec.applicationJars(), argsFile));
    try {
      Containerizer to = Containerizer.to(TarImage.at(tar).named(spec.reference()))
          .setOfflineMode(true)
          .setToolName("relocator-image")
          .setToolVersion(spec.version())
          .setBaseImageLayersCache(work.resolve("jib-base-cache"))
          .setApplicationLayersCache(work.resolve("jib-application-cache"));
      image.containerize(to);
    } catch (InvalidImageReferenceException | RegistryException | CacheDirectoryCreationException e) {
      throw new IOException("Jib could not build the " + platform.architecture() + " image: " + e.getMessage(), e);
    } catch (ExecutionException e) {
      throw new IOException("Jib could not build the " + platform.architecture() + " image: "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  private static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", ImageLayers.RUNTIME_HOME + "/bin");
    env.put("JAVA_HOME", ImageLayers.RUNTIME_HOME);
    // glibc's built-in UTF-8 locale: without it the JVM reads file names and writes output as ASCII.
    env.put("LANG", "C.UTF-8");
    return env;
  }

  /** The OCI annotation keys the image carries, as config labels and on the index. */
  static final class Annotations {
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String VERSION = "org.opencontainers.image.version";
    static final String REVISION = "org.opencontainers.image.revision";
    static final String SOURCE = "org.opencontainers.image.source";
    static final String CREATED = "org.opencontainers.image.created";
    static final String TITLE = "org.opencontainers.image.title";

    private Annotations() {}

    /** Title, version, revision, creation time and, when known, source, in a fixed order. */
    static Map<String, String> of(ImageSpec spec) {
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put(TITLE, "relocator");
      annotations.put(VERSION, spec.version());
      annotations.put(REVISION, spec.revision());
      annotations.put(CREATED, DateTimeFormatter.ISO_INSTANT.format(spec.created()));
      spec.source().ifPresent(source -> annotations.put(SOURCE, source));
      return annotations;
    }
  }
}
