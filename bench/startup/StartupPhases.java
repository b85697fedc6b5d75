package dev.relocator.bench;

import dev.relocator.cli.Main;
import dev.relocator.vector.VectorReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Times, in one cold JVM, the phases of {@code relocator vector resolve} in the order the command
 * runs them, so bench/vector-resolve-walltime.sh can say where the start-up time goes.
 */
public final class StartupPhases {
  private StartupPhases() {}

  /** {@code args}: the resolve command line; its third argument is the vector file. */
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    PrintStream out = System.out;
    System.setProperty("picocli.disable.closures", "true"); // as Main.main sets both
    System.setProperty("picocli.converters.excludes", "java\\.time\\..*,java\\.sql\\..*");
    Class.forName("picocli.CommandLine");
    long t1 = System.nanoTime();
    // The first annotation read: reflection and annotation-proxy machinery, before any picocli model.
    Class.forName("dev.relocator.cli.RelocatorCommand").getAnnotation(Command.class).name();
    long t2 = System.nanoTime();
    // The tree Main.run builds for these arguments: the root, `vector` and `resolve`.
    CommandLine commandLine = Main.newCommandLine(args);
    long t3 = System.nanoTime();
    commandLine.parseArgs(args);
    long t4 = System.nanoTime();
    VectorReader.readFile(Path.of(args[3]));
    long t5 = System.nanoTime();
    VectorReader.readFile(Path.of(args[3]));
    long t6 = System.nanoTime();
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    Main.run(args);
    long t7 = System.nanoTime();
    // Last, so that reading them counts in no phase: the process's age, from Linux's clock ticks
    // (1/100 s) since boot, less the time since main.
    String[] stat = Files.readString(Path.of("/proc/self/stat")).replaceFirst(".*\\) ", "").split(" ");
    double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
    long age = Math.round((uptime - Long.parseLong(stat[19]) / 100.0) * 1_000_000);
    out.printf(
        "%d %d %d %d %d %d %d %d%n",
        age - (System.nanoTime() - t0) / 1000,
        (t1 - t0) / 1000, (t2 - t1) / 1000, (t3 - t2) / 1000, (t4 - t3) / 1000, (t5 - t4) / 1000,
        (t6 - t5) / 1000, (t7 - t6) / 1000);
  }
}
