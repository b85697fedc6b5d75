package dev.relocator.bench;

import dev.relocator.vector.FindOptions;
import dev.relocator.vector.Image;
import dev.relocator.vector.ImageSource;
import dev.relocator.vector.ImageVector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Gardener-scored finds on a 1,000-entry vector (250 names, four entries each: three target
 * version ranges and one arm64 build), cycling through names as a chart render would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VectorFindBenchmark {
  private static final int NAMES = 250;

  private ImageVector vector;
  private String[] names;
  private FindOptions amd64;
  private FindOptions arm64;
  private int next;

  @Setup
  public void setUp() {
    List<ImageSource> entries = new ArrayList<>();
    names = new String[NAMES];
    for (int i = 0; i < NAMES; i++) {
      String name = "component-" + i;
      names[i] = name;
      String repository = "upstream.example/team-" + (i % 17) + "/" + name;
      entries.add(ImageSource.builder(name).repository(repository).tag("v1.0." + i).targetVersion("< 1.30").build());
      entries.add(ImageSource.builder(name).repository(repository).tag("v1.1." + i).targetVersion(">= 1.30, < 1.33").build());
      entries.add(ImageSource.builder(name).repository(repository).tag("v1.2." + i).targetVersion(">= 1.33").build());
      entries.add(ImageSource.builder(name).repository(repository + "-arm64").tag("v1.2." + i)
          .targetVersion(">= 1.33").architectures(List.of("arm64")).build());
    }
    vector = ImageVector.of(entries);
    amd64 = FindOptions.kubernetes("1.34.2", null);
    arm64 = FindOptions.kubernetes("1.31.4", "arm64");
  }

  @Benchmark
  public Image findAmd64() {
    return vector.find(names[nextIndex()], amd64);
  }

  @Benchmark
  public Image findArm64() {
    return vector.find(names[nextIndex()], arm64);
  }

  /** Parses the requested versions on every call, as a one-off caller would. */
  @Benchmark
  public Image findWithFreshOptions() {
    return vector.find(names[nextIndex()], FindOptions.kubernetes("1.34.2", null));
  }

  private int nextIndex() {
    int i = next++;
    if (next == NAMES) {
      next = 0;
    }
    return i;
  }
}
