package dev.relocator.server;

import dev.relocator.admission.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** The server's Prometheus metrics: reviews by outcome, latency, images rewritten, maps by state. */
final class WebhookMetrics {

  private final PrometheusMeterRegistry registry;
  private final Map<Outcome, Counter> requests = new EnumMap<>(Outcome.class);
  private final Counter imagesRewritten;
  private final Timer latency;

  /** A registry for the server's meters and those of its map source, built before either. */
  static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  WebhookMetrics(PrometheusMeterRegistry registry, Supplier<MapCounts> counts) {
    this.registry = registry;
    for (Outcome o : Outcome.values()) {
      requests.put(o, Counter.builder("relocator.admission.requests")
          .description("AdmissionReviews answered, by outcome")
          .tag("outcome", o.tag())
          .register(registry));
    }
    imagesRewritten = Counter.builder("relocator.admission.images.rewritten")
        .description("Pod images relocated (dry runs not counted)")
        .register(registry);
    latency = Timer.builder("relocator.admission.latency")
        .description("Time to answer an AdmissionReview, from the full body to the response")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(50_000))
        .maximumExpectedValue(Duration.ofSeconds(1))
        .register(registry);
    Gauge.builder("relocator.imagemaps", () -> counts.get().accepted())
        .description("ImageMaps and ClusterImageMaps by state")
        .tag("state", "accepted")
        .register(registry);
    Gauge.builder("relocator.imagemaps", () -> counts.get().rejected())
        .description("ImageMaps and ClusterImageMaps by state")
        .tag("state", "rejected")
        .register(registry);
  }

  /** How many maps are in each state. */
  record MapCounts(int accepted, int rejected) {}

  void record(Outcome outcome, int rewritten, boolean dryRun, long nanos) {
    requests.get(outcome).increment();
    if (!dryRun && rewritten > 0) {
      imagesRewritten.increment(rewritten);
    }
    latency.record(Duration.ofNanos(nanos));
  }

  String scrape() {
    return registry.scrape();
  }

  void close() {
    registry.close();
  }
}
