package dev.relocator.imagebuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The command {@code scripts/build-image.sh} runs once it has built the jars and staged each
 * platform's base and runtime: layers every platform with Jib and writes the OCI image layout.
 * Prints the index's digest. Exit 1 for a failed build, 2 for a wrong command line.
 */
public final class ImageBuilder {
  static final String USAGE = "usage: ImageBuilder --out DIR --version VERSION --revision COMMIT [--source URL]"
      + " --created EPOCH_SECONDS --main-jar JAR --class-path FILE --platform ARCH=BASE_DIR,RUNTIME_DIR...";

  private ImageBuilder() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Arguments parsed;
    try {
      parsed = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("build-image: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      out.println(build(parsed));
      return 0;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      err.println("build-image: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("build-image: interrupted");
      return 1;
    }
  }

  /** Builds the layout at {@code --out} and returns the index digest. */
  static String build(Arguments arguments) throws IOException, InterruptedException {
    ImageSpec spec = arguments.spec();
    Path out = arguments.out();
    if (Files.exists(out) && !isEmptyDirectory(out)) {
      throw new IOException("the output directory " + out + " exists and is not empty");
    }
    Files.createDirectories(out);
    Path work = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".relocator-image-");
    try {
      Path argsFile = work.resolve("relocator.args");
      Files.writeString(argsFile, LauncherArgs.text(LauncherArgs.JVM_OPTIONS,
          ImageLayers.classPath(spec.applicationJars(), spec.libraryJars()), LauncherArgs.MAIN_CLASS));
      List<LayoutWriter.PlatformArchive> archives = new ArrayList<>();
      for (ImageSpec.PlatformInput platform : spec.platforms()) {
        Path tar = work.resolve(platform.architecture() + ".tar");
        PlatformImage.build(spec, platform, argsFile, tar, work.resolve("jib-" + platform.architecture()));
        archives.add(new LayoutWriter.PlatformArchive(platform.architecture(), tar));
      }
      return LayoutWriter.write(out, archives, spec.version(), PlatformImage.Annotations.of(spec));
    } finally {
      deleteTree(work);
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** The parsed command line. */
  record Arguments(Path out, ImageSpec spec) {

    static Arguments parse(String[] args) {
      Path out = null;
      String version = null;
      String revision = null;
      String source = null;
      Instant created = null;
      Path mainJar = null;
      Path classPathFile = null;
      List<ImageSpec.PlatformInput> platforms = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (i + 1 == args.length) {
          throw new IllegalArgumentException("option " + option + " needs a value");
        }
        String value = args[++i];
        switch (option) {
          case "--out" -> out = Path.of(value);
          case "--version" -> version = value;
          case "--revision" -> revision = value;
          case "--source" -> source = value.isBlank() ? null : value;
          case "--created" -> created = epochSeconds(value);
          case "--main-jar" -> mainJar = Path.of(value);
          case "--class-path" -> classPathFile = Path.of(value);
          case "--platform" -> platforms.add(platform(value));
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      }
      require(out, "--out");
      require(version, "--version");
      require(revision, "--revision");
      require(created, "--created");
      require(mainJar, "--main-jar");
      require(classPathFile, "--class-path");
      if (platforms.isEmpty()) {
        throw new IllegalArgumentException("--platform is required");
      }
      List<Path> applicationJars = new ArrayList<>(List.of(mainJar));
      List<Path> libraryJars = new ArrayList<>();
      for (Path jar : classPath(classPathFile)) {
        // Relocator's own modules change with every commit: they get the last, small layer.
        (jar.getFileName().toString().startsWith("relocator-") ? applicationJars : libraryJars).add(jar);
      }
      return new Arguments(out, new ImageSpec(version, revision, Optional.ofNullable(source), created,
          applicationJars, libraryJars, platforms));
    }

    private static void require(Object value, String option) {
      if (value == null) {
        throw new IllegalArgumentException(option + " is required");
      }
    }

    private static Instant epochSeconds(String value) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--created \"" + value + "\" is not a number of seconds since the epoch");
      }
    }

    /** {@code ARCH=BASE_DIR,RUNTIME_DIR}. */
    static ImageSpec.PlatformInput platform(String value) {
      int eq = value.indexOf('=');
      int comma = value.indexOf(',', eq + 1);
      if (eq <= 0 || comma < 0) {
        throw new IllegalArgumentException("--platform \"" + value + "\" is not ARCH=BASE_DIR,RUNTIME_DIR");
      }
      String architecture = value.substring(0, eq);
      if (!architecture.matches("amd64|arm64")) {
        throw new IllegalArgumentException("--platform \"" + value + "\": architecture " + architecture
            + " is not amd64 or arm64");
      }
      Path base = Path.of(value.substring(eq + 1, comma));
      Path runtime = Path.of(value.substring(comma + 1));
      for (Path dir : List.of(base, runtime)) {
        if (!Files.isDirectory(dir)) {
          throw new IllegalArgumentException("--platform \"" + value + "\": " + dir + " is not a directory");
        }
      }
      return new ImageSpec.PlatformInput(architecture, base, runtime);
    }

    /** The jars of a class-path file as Maven's dependency:build-classpath writes it. */
    static List<Path> classPath(Path file) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the class-path file " + file + ": " + e.getMessage());
      }
      List<Path> jars = new ArrayList<>();
      for (String entry : text.split(":")) {
        if (!entry.isEmpty()) {
          jars.add(Path.of(entry));
        }
      }
      return jars;
    }
  }
}
