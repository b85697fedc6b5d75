package dev.relocator.bench;

import dev.relocator.version.Constraint;
import dev.relocator.version.Version;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of version constraints as image-vector resolution uses them: parsing the
 * constraints a vector carries, matching a cluster's (normalised) version, and both together.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConstraintBenchmark {

  // shapes seen in Gardener image vectors and overwrites
  private static final String[] CONSTRAINTS = {
    ">= 1.31", "< 1.34", ">= 1.31 < 1.34", "1.30.x", "= 1.32.4", "1.29 - 1.31.5",
    ">= 1.30, < 1.33 || 1.35.x", "~1.32", "^1.28.3", "!= 1.33.0"
  };
  private static final String[] VERSIONS = {
    "1.30.14", "v1.31.3-gke.1", "1.32.0", "1.33.7", "1.34.2", "v1.35.0"
  };

  private Constraint[] parsed;
  private Version[] versions;
  private int i; // cycles through the constraint/version mix; wraps instead of overflowing

  @Setup
  public void setUp() {
    parsed = new Constraint[CONSTRAINTS.length];
    for (int k = 0; k < CONSTRAINTS.length; k++) {
      parsed[k] = Constraint.parse(CONSTRAINTS[k]);
    }
    versions = new Version[VERSIONS.length];
    for (int k = 0; k < VERSIONS.length; k++) {
      versions[k] = Version.parseGardener(VERSIONS[k]);
    }
  }

  /** Constraint.parse over the mix above. */
  @Benchmark
  public Constraint parse() {
    int k = next();
    return Constraint.parse(CONSTRAINTS[k % CONSTRAINTS.length]);
  }

  /** Constraint.matches of a pre-parsed constraint against a pre-parsed version. */
  @Benchmark
  public boolean match() {
    int k = next();
    return parsed[k % parsed.length].matches(versions[k % versions.length]);
  }

  /** Parse a constraint and a raw cluster version (with Gardener normalisation), then match. */
  @Benchmark
  public boolean parseAndMatch() {
    int k = next();
    return Constraint.parse(CONSTRAINTS[k % CONSTRAINTS.length])
        .matches(Version.parseGardener(VERSIONS[k % VERSIONS.length]));
  }

  private int next() {
    int k = i + 1;
    i = k == CONSTRAINTS.length * VERSIONS.length ? 0 : k;
    return i;
  }
}
