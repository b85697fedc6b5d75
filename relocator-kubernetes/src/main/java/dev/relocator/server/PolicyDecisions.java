package dev.relocator.server;

import dev.relocator.policy.Decision;
import dev.relocator.policy.PolicyMode;
import dev.relocator.policy.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records policy decisions: counted in {@code relocator.policy.decisions} by namespace and
 * outcome, and each offending image logged once per interval per namespace and policy, however
 * many pods run it (a Deployment of a hundred replicas logs one line, not a hundred). Dry runs are
 * neither counted nor logged.
 */
final class PolicyDecisions {

  private static final Logger LOG = LoggerFactory.getLogger(PolicyDecisions.class);
  /** Beyond this many remembered images the memory is cleared (it only throttles logging). */
  private static final int MAX_REMEMBERED = 10_000;

  private final MeterRegistry meters;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  PolicyDecisions(MeterRegistry meters, Duration interval, LongSupplier nanoTime) {
    this.meters = meters;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Counts and logs {@code decision} for a pod in {@code namespace}, unless it was a dry run.
   *
   * @return how many lines were logged
   */
  int record(String namespace, Decision decision, boolean dryRun) {
    if (dryRun || decision.outcome() == Decision.Outcome.UNCHECKED) {
      return 0;
    }
    int logged = 0;
    counters.computeIfAbsent(namespace + "\n" + decision.outcome().tag(), k -> Counter.builder("relocator.policy.decisions")
        .description("Pods checked against image policies, by namespace and outcome (dry runs not counted)")
        .tag("namespace", namespace)
        .tag("outcome", decision.outcome().tag())
        .register(meters)).increment();
    long now = nanoTime.getAsLong();
    if (lastLogged.size() > MAX_REMEMBERED) {
      lastLogged.clear();
    }
    for (Violation v : decision.violations()) {
      String key = namespace + "\n" + v.policy() + "\n" + v.image().image();
      Long before = lastLogged.get(key);
      if (before != null && now - before < intervalNanos) {
        continue;
      }
      if (before == null ? lastLogged.putIfAbsent(key, now) == null : lastLogged.replace(key, before, now)) {
        LOG.warn("{} {} image {} in namespace {} ({} {}): {}", v.policy(),
            v.mode() == PolicyMode.DENY ? "denies" : "warns about", v.image().image(), namespace,
            v.image().describe(), decision.outcome().tag(), v.fix());
        logged++;
      }
    }
    return logged;
  }

  /** How many (namespace, policy, image) triples are remembered; for tests. */
  int remembered() {
    return lastLogged.size();
  }
}
