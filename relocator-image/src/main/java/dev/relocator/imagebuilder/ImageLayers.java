package dev.relocator.imagebuilder;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The image's file system, as four layers from the least to the most often changed: the Debian base,
 * the Java runtime, the third-party jars, Relocator's own jars with the launcher's argument file.
 * Every file has the same fixed time and root ownership, so a layer's digest depends on its content only.
 */
final class ImageLayers {
  /** Jib's own default file time: fixed, and not the epoch, which some tools read as "no time". */
  static final Instant FILE_TIME = Instant.ofEpochSecond(1);
  static final String RUNTIME_HOME = "/usr/lib/jvm/java-17";
  static final String COMMAND = RUNTIME_HOME + "/bin/relocator";
  static final String APP_HOME = "/usr/lib/relocator";
  static final String ARGS_FILE = APP_HOME + "/relocator.args";
  static final String USER = "65532:65532";
  static final String HOME = "/home/nonroot";

  private ImageLayers() {}

  /** The base: Debian's libraries and the few files under /etc, plus the user's home and /tmp. */
  static FileEntriesLayer base(Path stagedBase, Path emptyDirectory) {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("debian base");
    for (StagedTree.Entry entry : StagedTree.entries(stagedBase, "/")) {
      add(layer, entry.source(), entry.imagePath(), entry.mode(), "0:0");
    }
    add(layer, emptyDirectory, HOME, "755", USER);
    // 1777 cannot be written by Jib (three octal digits); a pod mounts an emptyDir here anyway.
    add(layer, emptyDirectory, "/tmp", "777", "0:0");
    return layer.build();
  }

  /** The jlink-ed runtime, with its launcher a second time under the command's name. */
  static FileEntriesLayer runtime(Path runtime) {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("java runtime");
    for (StagedTree.Entry entry : StagedTree.entries(runtime, RUNTIME_HOME)) {
      add(layer, entry.source(), entry.imagePath(), entry.mode(), "0:0");
    }
    add(layer, runtime.resolve("bin/java"), COMMAND, "755", "0:0");
    return layer.build();
  }

  /** The jars under {@code APP_HOME/lib}, by file name; two jars of one name fail the build. */
  static FileEntriesLayer jars(String name, List<Path> jars) {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
    for (Path jar : jars) {
      add(layer, jar, jarPath(jar), "644", "0:0");
    }
    return layer.build();
  }

  /** Relocator's jars and the argument file naming the whole class path. */
  static FileEntriesLayer application(List<Path> jars, Path argsFile) {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("application");
    for (Path jar : jars) {
      add(layer, jar, jarPath(jar), "644", "0:0");
    }
    add(layer, argsFile, ARGS_FILE, "644", "0:0");
    return layer.build();
  }

  /** The class path in the image: Relocator's jars first, then the libraries, as Maven ordered them. */
  static List<String> classPath(List<Path> applicationJars, List<Path> libraryJars) {
    List<String> paths = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Path jar : concat(applicationJars, libraryJars)) {
      String path = jarPath(jar);
      if (!seen.add(path)) {
        throw new IllegalArgumentException("two jars named " + jar.getFileName() + " on the class path; the image"
            + " keeps jars by file name");
      }
      paths.add(path);
    }
    return paths;
  }

  private static List<Path> concat(List<Path> first, List<Path> second) {
    List<Path> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static String jarPath(Path jar) {
    return APP_HOME + "/lib/" + jar.getFileName();
  }

  private static void add(FileEntriesLayer.Builder layer, Path source, String imagePath, String mode, String owner) {
    layer.addEntry(source, AbsoluteUnixPath.get(imagePath), FilePermissions.fromOctalString(mode), FILE_TIME, owner);
  }
}
