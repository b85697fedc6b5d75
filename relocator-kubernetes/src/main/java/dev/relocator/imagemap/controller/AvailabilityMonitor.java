package dev.relocator.imagemap.controller;

import dev.relocator.availability.AvailabilityRound;
import dev.relocator.availability.TargetProbe;
import dev.relocator.availability.Targets;
import dev.relocator.availability.TargetsReport;
import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.MapId;
import dev.relocator.imagemap.MapState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the targets of the maps in force: a full round every {@code interval}, and the targets
 * not asked yet soon after a map is accepted ({@link #mapsChanged()}). Rounds run on one named
 * thread under a per-registry request budget; a report that changes is handed to a listener (the
 * controller writes it as the map's {@code TargetsAvailable} condition). The missing targets are
 * the gauge {@code relocator.imagemap.targets.missing}.
 */
public final class AvailabilityMonitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AvailabilityMonitor.class);
  private static final long NEW_TARGETS_DELAY_MILLIS = 200;

  /**
   * How often and how hard targets are checked.
   *
   * @param interval between full rounds; zero turns checking off
   * @param budget requests per registry per round
   */
  public record Settings(Duration interval, int budget) {
    public Settings {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("interval " + interval + ": must not be negative");
      }
      if (budget < 1) {
        throw new IllegalArgumentException("budget " + budget + ": must be at least 1");
      }
    }

    /** Every ten minutes, 100 requests per registry per round. */
    public static Settings defaults() {
      return new Settings(Duration.ofMinutes(10), 100);
    }

    public boolean enabled() {
      return !interval.isZero();
    }
  }

  private final Supplier<List<MapState>> maps;
  private final TargetProbe probe;
  private final Settings settings;
  private final BiConsumer<MapId, TargetsReport> onChange;
  private final AvailabilityRound round;
  private final ScheduledThreadPoolExecutor executor;
  private final AtomicBoolean newTargetsPending = new AtomicBoolean();
  private volatile Map<MapId, TargetsReport> reports = Map.of();
  private volatile int missing;

  public AvailabilityMonitor(
      Supplier<List<MapState>> maps, TargetProbe probe, Settings settings,
      BiConsumer<MapId, TargetsReport> onChange, MeterRegistry meters) {
    this.maps = maps;
    this.probe = probe;
    this.settings = settings;
    this.onChange = onChange;
    this.round = new AvailabilityRound(settings.budget());
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "relocator-availability");
      t.setDaemon(true);
      return t;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    Gauge.builder("relocator.imagemap.targets.missing", () -> missing)
        .description("Distinct mapped targets (tag or digest) the registry says do not exist")
        .register(meters);
  }

  /** Starts the rounds: the first at once, then every interval. */
  public void start() {
    if (settings.enabled()) {
      executor.scheduleWithFixedDelay(() -> safeRound(false), 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Called after a pass: targets of newly accepted maps are checked soon, not at the next round. */
  public void mapsChanged() {
    if (settings.enabled() && !executor.isShutdown() && newTargetsPending.compareAndSet(false, true)) {
      executor.schedule(() -> safeRound(true), NEW_TARGETS_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void safeRound(boolean onlyNew) {
    if (onlyNew) {
      newTargetsPending.set(false);
    }
    try {
      runRound(onlyNew);
    } catch (RuntimeException e) {
      LOG.warn("availability round failed; next round in {}: {}", settings.interval(), e.toString(), e);
    }
  }

  /** One round (only never-asked targets with {@code onlyNew}), on the caller's thread; tests call it. */
  void runRound(boolean onlyNew) {
    Map<MapId, List<ImageReference>> targets = new LinkedHashMap<>();
    for (MapState m : maps.get()) {
      if (m.hasAccepted()) {
        targets.put(m.id(), Targets.of(m.status().inForce().entries()));
      }
    }
    if (onlyNew) {
      round.runNew(targets.values(), probe);
    } else {
      round.run(targets.values(), probe);
    }
    Map<MapId, TargetsReport> next = new HashMap<>();
    Map<MapId, TargetsReport> before = reports;
    for (Map.Entry<MapId, List<ImageReference>> e : targets.entrySet()) {
      TargetsReport report = TargetsReport.of(e.getValue(), round::answer);
      next.put(e.getKey(), report);
      if (!report.equals(before.get(e.getKey()))) {
        if ("False".equals(report.status())) {
          LOG.warn("{}: {}", e.getKey(), report.message());
        }
        onChange.accept(e.getKey(), report);
      }
    }
    reports = Map.copyOf(next);
    missing = round.missingCount();
  }

  /** The last report of every map in force. */
  public Map<MapId, TargetsReport> reports() {
    return reports;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
