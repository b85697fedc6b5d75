package dev.relocator.bench;

import dev.relocator.image.ImageReference;
import dev.relocator.rewrite.RewriteRules;
import dev.relocator.rewrite.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rule evaluation throughput with 1,000 exact mappings and 50 prefix rules, over references that
 * hit exact rules, hit prefix rules at several depths, or match nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RewriteBenchmark {
  private static final int EXACT = 1_000;
  private static final int PREFIXES = 50;
  private static final int INPUTS = 4_096;

  private RewriteRules rules;
  private List<Rule> ruleList;
  private ImageReference[] inputs;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    StringBuilder yaml = new StringBuilder("rules:\n");
    for (int i = 0; i < EXACT; i++) {
      // Half repository-level, half tagged, as an image mapper's maps are.
      String from = "registry-" + (i % 20) + ".example/team-" + i + "/app-" + i + (i % 2 == 0 ? "" : ":v" + i);
      yaml.append("- from: ").append(from).append('\n')
          .append("  to: 127.0.0.1:5000/mapped/app-").append(i).append(i % 2 == 0 ? "" : ":v" + i).append('\n');
    }
    for (int i = 0; i < PREFIXES; i++) {
      String prefix = i < 25 ? "mirror-" + i + ".example" : "mirror-" + (i - 25) + ".example/deep/path-" + i;
      yaml.append("- prefix: ").append(prefix).append('\n')
          .append("  to: 127.0.0.1:5000/prefixed-").append(i).append('\n');
    }
    rules = RewriteRules.parse("bench-rules.yaml", yaml.toString());
    ruleList = rules.rules();
    Random random = new Random(42);
    List<ImageReference> refs = new ArrayList<>();
    for (int i = 0; i < INPUTS; i++) {
      int n = random.nextInt(EXACT);
      String text = switch (i % 4) {
        case 0 -> "registry-" + (n % 20) + ".example/team-" + n + "/app-" + n + ":v" + n;
        case 1 -> "mirror-" + (n % 25) + ".example/org-" + n + "/image:1." + n;
        case 2 -> "mirror-" + (n % 25) + ".example/deep/path-" + (25 + n % 25) + "/x/image:2";
        default -> "unmatched-" + (n % 7) + ".example/library/thing-" + n + ":3";
      };
      refs.add(ImageReference.parse(text));
    }
    inputs = refs.toArray(new ImageReference[0]);
  }

  @Benchmark
  public ImageReference rewrite() {
    ImageReference ref = inputs[next];
    next = (next + 1) & (INPUTS - 1);
    return rules.apply(ref);
  }

  /**
   * What a linear scan of the same rules costs: each rule asked in file order (ignoring the
   * longest-prefix refinement, which would only add work). A baseline for a noise-proof ratio.
   */
  @Benchmark
  public ImageReference linearScanBaseline() {
    ImageReference ref = inputs[next];
    next = (next + 1) & (INPUTS - 1);
    for (Rule rule : ruleList) {
      if (rule.matches(ref)) {
        return rule.apply(ref);
      }
    }
    return ref;
  }
}
