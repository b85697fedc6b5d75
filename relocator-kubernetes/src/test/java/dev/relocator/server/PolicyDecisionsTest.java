package dev.relocator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import dev.relocator.policy.AllowedPrefixes;
import dev.relocator.policy.Decision;
import dev.relocator.policy.ImageGlobs;
import dev.relocator.policy.PodImage;
import dev.relocator.policy.Policy;
import dev.relocator.policy.PolicyCheck;
import dev.relocator.policy.PolicyId;
import dev.relocator.policy.PolicyMode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PolicyDecisionsTest {

  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicLong clock = new AtomicLong();
  private final PolicyDecisions decisions = new PolicyDecisions(meters, Duration.ofMinutes(10), clock::get);

  private static Decision warned(String image) {
    Policy p = new Policy(PolicyId.cluster("p"), AllowedPrefixes.parse("a", List.of("reg.local")), PolicyMode.WARN,
        null, ImageGlobs.NONE);
    return PolicyCheck.check(List.of(new PodImage("containers", "c", image, image, false, ImageReference.parse(image))), List.of(p));
  }

  @Test
  void eachImageIsLoggedOncePerIntervalHoweverManyPodsRunIt() {
    assertThat(decisions.record("demo", warned("nginx:1"), false)).isEqualTo(1);
    for (int i = 0; i < 100; i++) {
      assertThat(decisions.record("demo", warned("nginx:1"), false)).isZero();
    }
    assertThat(decisions.record("other", warned("nginx:1"), false)).as("another namespace").isEqualTo(1);
    clock.addAndGet(Duration.ofMinutes(10).toNanos());
    assertThat(decisions.record("demo", warned("nginx:1"), false)).as("after the interval").isEqualTo(1);
  }

  @Test
  void decisionsAreCountedByNamespaceAndOutcomeAndDryRunsNotAtAll() {
    decisions.record("demo", warned("nginx:1"), false);
    decisions.record("demo", warned("nginx:1"), false);
    decisions.record("demo", warned("nginx:1"), true);
    decisions.record("demo", warned("reg.local/nginx:1"), false);
    decisions.record("demo", Decision.UNCHECKED, false);
    String scrape = meters.scrape();
    assertThat(scrape).contains("relocator_policy_decisions_total{namespace=\"demo\",outcome=\"warned\"} 2.0");
    assertThat(scrape).contains("relocator_policy_decisions_total{namespace=\"demo\",outcome=\"allowed\"} 1.0");
    assertThat(scrape).doesNotContain("unchecked");
    PolicyDecisions fresh = new PolicyDecisions(meters, Duration.ofMinutes(10), clock::get);
    assertThat(fresh.record("demo", warned("nginx:1"), true)).as("a dry run logs nothing").isZero();
    assertThat(fresh.remembered()).isZero();
  }
}
