package dev.relocator.imagemap.controller;

import dev.relocator.cluster.ApiServerErrors;
import dev.relocator.imagemap.MapId;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.MapStatus;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.Reconciler;
import dev.relocator.imagemap.api.ClusterImageMap;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.ImageMapStatus;
import dev.relocator.availability.TargetProbe;
import dev.relocator.availability.TargetsReport;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import dev.relocator.policy.Policy;
import dev.relocator.policy.PolicyId;
import dev.relocator.policy.api.ClusterImagePolicy;
import dev.relocator.policy.api.ImagePolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster side: informers on ImageMaps, ClusterImageMaps and Namespaces feed every replica's
 * mapping (no leader needed to serve), and the replica holding the Lease runs the consistency
 * pass and writes statuses through the status subresource.
 *
 * <p>All work runs on one named thread, one pass at a time; events arriving during a pass are
 * coalesced into the next. A pass runs on any change or deletion of a map or namespace, and again
 * {@link Settings#retryDelay()} after a pass that left a map rejected. A status write that fails is
 * logged at WARN with the API server's reason (a 409 from a stale cache only at DEBUG), counted in
 * {@code relocator.imagemap.status.write.failures}, and retried after a delay that doubles with
 * every pass that fails again ({@link StatusBackoff}). {@link #close()} lets a running pass finish
 * (bounded) and drops passes requested from then on.
 */
public final class ImageMapController extends SnapshotMapSource {

  private static final Logger LOG = LoggerFactory.getLogger(ImageMapController.class);
  private static final long COALESCE_MILLIS = 50;
  private static final long SYNC_TIMEOUT_SECONDS = 60;
  /** How long {@link #close()} waits for a running pass before interrupting it. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  /**
   * How the controller behaves.
   *
   * @param rejectedUpdate what a rejected update does to the generation in force
   * @param retryDelay how long before rejected maps are checked again without any change
   * @param leaderElection whether status writes wait for the Lease; false for a single replica
   * @param leaseNamespace the Lease's namespace
   * @param leaseName the Lease's name
   * @param clock the clock for condition transition times
   */
  public record Settings(
      RejectedUpdate rejectedUpdate,
      Duration retryDelay,
      boolean leaderElection,
      String leaseNamespace,
      String leaseName,
      Clock clock) {
    public Settings {
      Objects.requireNonNull(rejectedUpdate, "rejectedUpdate");
      Objects.requireNonNull(retryDelay, "retryDelay");
      Objects.requireNonNull(clock, "clock");
    }
  }

  private final KubernetesClient client;
  private final Settings settings;
  private final String identity = "relocator-" + UUID.randomUUID();
  private final ScheduledThreadPoolExecutor executor;
  /** Touched only on the pass thread. */
  private final StatusBackoff backoff;
  /** The bounds of TargetsAvailable condition writes' backoff, apart from the passes' status writes. */
  private final StatusBackoff conditionBackoff;
  /** Per map: its condition write's backoff, so one map's refused writes (a 403) delay no other map. */
  private final Map<MapId, StatusBackoff> conditionBackoffs = new ConcurrentHashMap<>();
  /** Per map: the one condition retry pending, replaced by a later one so retries never pile up. */
  private final Map<MapId, ScheduledFuture<?>> conditionRetries = new ConcurrentHashMap<>();
  private final Counter statusWriteFailures;
  private final WireMaps wire;
  /** Each map translated once per resourceVersion; touched only on the pass thread. */
  private final PerVersion<MapId, MapState> translatedMaps = new PerVersion<>();
  /** Each policy translated once per resourceVersion; touched only on the pass thread. */
  private final PerVersion<PolicyId, WirePolicies.Translation> translatedPolicies = new PerVersion<>();
  /** Held while scheduling and while closing, so nothing is scheduled on a shut-down executor. */
  private final Object lifecycle = new Object();
  private final AtomicBoolean passPending = new AtomicBoolean();
  private final AtomicBoolean writer = new AtomicBoolean();
  private volatile boolean closed;
  private SharedIndexInformer<ImageMap> imageMaps;
  private SharedIndexInformer<ClusterImageMap> clusterMaps;
  private SharedIndexInformer<Namespace> namespaces;
  private SharedIndexInformer<ClusterImagePolicy> clusterPolicies;
  private SharedIndexInformer<ImagePolicy> policies;
  /** The policy problems logged last, so each is logged once; touched only on the pass thread. */
  private java.util.Set<String> policyProblems = java.util.Set.of();
  private ScheduledFuture<?> retry;
  private AvailabilityMonitor availability;
  private volatile CompletableFuture<?> election;

  /** A controller whose metrics go nowhere: for tests and tools without a /metrics endpoint. */
  public ImageMapController(KubernetesClient client, Settings settings) {
    this(client, settings, new SimpleMeterRegistry());
  }

  /** A controller that counts its failed status writes in {@code meters}. */
  public ImageMapController(KubernetesClient client, Settings settings, MeterRegistry meters) {
    this(client, settings, meters, passThread(), StatusBackoff.DEFAULT);
  }

  /** With the executor that runs every pass, one thread; tests pass one they can observe. */
  ImageMapController(KubernetesClient client, Settings settings, ScheduledThreadPoolExecutor executor) {
    this(client, settings, new SimpleMeterRegistry(), executor, StatusBackoff.DEFAULT);
  }

  /** With every part given; tests shorten the backoff. */
  ImageMapController(
      KubernetesClient client,
      Settings settings,
      MeterRegistry meters,
      ScheduledThreadPoolExecutor executor,
      StatusBackoff backoff) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.backoff = backoff.copy();
    this.conditionBackoff = backoff.copy();
    this.statusWriteFailures = Counter.builder("relocator.imagemap.status.write.failures")
        .description("ImageMap and ClusterImageMap status writes the API server refused or did not answer")
        .register(meters);
    this.wire = new WireMaps(meters);
    // On close, passes and retries not yet started are dropped rather than run or awaited.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
  }

  private static ScheduledThreadPoolExecutor passThread() {
    return new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "relocator-imagemap-controller");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Checks the targets of the maps in force with {@code probe} (see {@link AvailabilityMonitor}),
   * writing each map's {@code TargetsAvailable} condition while this replica writes statuses.
   * Call before {@link #start()}; without it nothing is checked.
   */
  public void checkAvailability(TargetProbe probe, AvailabilityMonitor.Settings monitor, MeterRegistry meters) {
    availability = new AvailabilityMonitor(this::maps, probe, monitor,
        (id, report) -> schedule(() -> writeCondition(id, report), 0), meters);
  }

  /** The last availability report of every map in force; empty when not checked. */
  public Map<MapId, TargetsReport> availability() {
    return availability == null ? Map.of() : availability.reports();
  }

  /** Writes {@code report} as the map's TargetsAvailable condition, unless it already says so. */
  private void writeCondition(MapId id, TargetsReport report) {
    if (!writer.get() || closed) {
      forgetCondition(id); // no longer the writer: the one that is keeps its own
      return;
    }
    HasMetadata current = id.isCluster() ? clusterMaps.getStore().getByKey(id.name())
        : imageMaps.getStore().getByKey(id.namespace() + "/" + id.name());
    if (current == null) {
      forgetCondition(id); // deleted: nothing more to write, and its backoff must not outlive it
      return;
    }
    ImageMapStatus status = current instanceof ImageMap m ? m.getStatus() : ((ClusterImageMap) current).getStatus();
    if (status == null) {
      // The pass's first status write has not reached the cache yet.
      retryCondition(id, conditionBackoff(id).failed());
      return;
    }
    Condition existing = status.getConditions() == null ? null : status.getConditions().stream()
        .filter(c -> c != null && TargetsReport.TYPE.equals(c.getType())).findFirst().orElse(null);
    if (existing != null && report.status().equals(existing.getStatus()) && report.reason().equals(existing.getReason())
        && report.message().equals(existing.getMessage())) {
      forgetCondition(id); // already says so: nothing left to retry
      return;
    }
    ImageMapStatus next = WireMaps.withCondition(status, new ConditionBuilder()
        .withType(TargetsReport.TYPE)
        .withStatus(report.status())
        .withReason(report.reason())
        .withMessage(report.message())
        .withObservedGeneration(current.getMetadata().getGeneration())
        .withLastTransitionTime(existing != null && report.status().equals(existing.getStatus())
            ? existing.getLastTransitionTime()
            : settings.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
        .build());
    try {
      updateStatus(current, next);
      // Written: its backoff and any pending retry go (a map deleted later is never reported
      // again, so nothing else would drop them). Writes run on the pass thread one at a time.
      forgetCondition(id);
      LOG.info("{}: {}={}: {}", id, TargetsReport.TYPE, report.status(), report.message());
    } catch (KubernetesClientException e) {
      // Retried with backoff (a stale cache's 409 clears quickly; a missing RBAC rule does not).
      statusWriteFailures.increment();
      Duration wait = conditionBackoff(id).failed();
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        LOG.debug("{} condition of {} not written: {}", TargetsReport.TYPE, id, e.getMessage());
      } else {
        LOG.warn("{} condition of {} not written: {}; retrying in {}", TargetsReport.TYPE, id, reason(e), wait);
      }
      retryCondition(id, wait);
    }
  }

  /** Writes the map's latest report after {@code wait}: the monitor reports a map only when it changes. */
  private void retryCondition(MapId id, Duration wait) {
    ScheduledFuture<?> retry = schedule(() -> {
      TargetsReport latest = availability().get(id);
      if (latest != null) {
        writeCondition(id, latest);
      } else {
        forgetCondition(id); // no longer in force: no report to write
      }
    }, wait.toMillis());
    ScheduledFuture<?> replaced = retry == null ? conditionRetries.remove(id) : conditionRetries.put(id, retry);
    if (replaced != null) {
      replaced.cancel(false);
    }
  }

  /** Drops a map's condition backoff and pending retry: written, deleted, or no longer in force. */
  private void forgetCondition(MapId id) {
    conditionBackoffs.remove(id);
    ScheduledFuture<?> pending = conditionRetries.remove(id);
    if (pending != null) {
      pending.cancel(false);
    }
  }

  /** The maps with a condition backoff or retry kept: tests check none outlives its write. */
  Set<MapId> conditionsKept() {
    Set<MapId> kept = new HashSet<>(conditionBackoffs.keySet());
    kept.addAll(conditionRetries.keySet());
    return kept;
  }

  private StatusBackoff conditionBackoff(MapId id) {
    return conditionBackoffs.computeIfAbsent(id, unused -> conditionBackoff.copy());
  }

  /** Starts the informers, waits (bounded) for their first list, then the Lease or the writer. */
  public void start() {
    imageMaps = client.resources(ImageMap.class).inAnyNamespace().runnableInformer(0);
    clusterMaps = client.resources(ClusterImageMap.class).runnableInformer(0);
    namespaces = client.namespaces().runnableInformer(0);
    imageMaps.addEventHandler(onAnyChange());
    clusterMaps.addEventHandler(onAnyChange());
    namespaces.addEventHandler(onAnyChange());
    try {
      CompletableFuture.allOf(
              imageMaps.start().toCompletableFuture(),
              clusterMaps.start().toCompletableFuture(),
              namespaces.start().toCompletableFuture())
          .get(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new ImageMapException("starting the ImageMap informers was interrupted", e);
    } catch (Exception e) {
      close();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ImageMapException("cannot watch ImageMaps, ClusterImageMaps and Namespaces (are the CRDs "
          + "installed and the RBAC rules granted?): " + cause.getMessage(), cause);
    }
    startPolicyInformers();
    if (availability != null) {
      availability.start();
    }
    if (settings.leaderElection()) {
      contend();
    } else {
      writer.set(true);
    }
    requestPass(0);
    markReady();
  }

  /**
   * The policy informers are not waited for: without the policy CRDs (an install from before
   * them) maps are still served, and the log says policies are not enforced.
   */
  private void startPolicyInformers() {
    clusterPolicies = client.resources(ClusterImagePolicy.class).runnableInformer(0);
    policies = client.resources(ImagePolicy.class).inAnyNamespace().runnableInformer(0);
    for (SharedIndexInformer<?> i : List.of(clusterPolicies, policies)) {
      @SuppressWarnings("unchecked")
      SharedIndexInformer<HasMetadata> informer = (SharedIndexInformer<HasMetadata>) i;
      informer.addEventHandler(onAnyChange());
      informer.start().whenComplete((v, e) -> {
        if (e != null && !closed) {
          LOG.warn("cannot watch ClusterImagePolicies and ImagePolicies (are their CRDs installed and the RBAC"
              + " rules granted?): {}; image policies are not enforced", e.getMessage());
        }
      });
    }
  }

  private void contend() {
    if (closed) {
      return;
    }
    election = client.leaderElector()
        .withConfig(new LeaderElectionConfigBuilder()
            .withName(settings.leaseName())
            .withLock(new LeaseLock(settings.leaseNamespace(), settings.leaseName(), identity))
            .withLeaseDuration(Duration.ofSeconds(15))
            .withRenewDeadline(Duration.ofSeconds(10))
            .withRetryPeriod(Duration.ofSeconds(2))
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(new LeaderCallbacks(
                () -> {
                  LOG.info("{} holds Lease {}/{}: writing ImageMap statuses", identity,
                      settings.leaseNamespace(), settings.leaseName());
                  writer.set(true);
                  requestPass(0);
                },
                () -> {
                  LOG.info("{} lost Lease {}/{}", identity, settings.leaseNamespace(), settings.leaseName());
                  writer.set(false);
                },
                leader -> LOG.debug("Lease {} held by {}", settings.leaseName(), leader)))
            .build())
        .build()
        .start();
    // The elector stops after losing the Lease; keep contending until closed.
    election.whenComplete((v, e) -> {
      writer.set(false);
      schedule(this::contend, 2000);
    });
  }

  private <T extends HasMetadata> ResourceEventHandler<T> onAnyChange() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        requestPass(COALESCE_MILLIS);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        requestPass(COALESCE_MILLIS);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        requestPass(COALESCE_MILLIS);
      }
    };
  }

  /** Runs a pass after {@code delayMillis} unless one is pending already; called from any thread. */
  void requestPass(long delayMillis) {
    synchronized (lifecycle) {
      if (!closed && passPending.compareAndSet(false, true)) {
        executor.schedule(this::pass, delayMillis, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Runs {@code task} after {@code delayMillis}, or drops it (null) once closing has begun. */
  private ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
    synchronized (lifecycle) {
      return closed ? null : executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  private void pass() {
    passPending.set(false);
    if (closed) {
      return;
    }
    try {
      NamespaceLabels labels = NamespaceLabels.of(namespaces.getStore().list());
      List<MapState> states = new ArrayList<>();
      for (ImageMap m : imageMaps.getStore().list()) {
        MapId id = MapId.namespaced(m.getMetadata().getNamespace(), m.getMetadata().getName());
        states.add(translatedMaps.get(id, m, wire::state));
      }
      for (ClusterImageMap m : clusterMaps.getStore().list()) {
        states.add(translatedMaps.get(MapId.cluster(m.getMetadata().getName()), m, wire::state));
      }
      translatedMaps.forgetUnseen();
      publish(Snapshot.of(states, readPolicies(), labels, List.of()));
      if (availability != null) {
        availability.mapsChanged();
      }
      if (!writer.get()) {
        return;
      }
      Map<MapId, MapStatus> changed = Reconciler.reconcile(
          states, labels, settings.rejectedUpdate(), settings.clock().instant());
      boolean failed = false;
      for (Map.Entry<MapId, MapStatus> e : changed.entrySet()) {
        failed |= !write(e.getKey(), e.getValue());
      }
      if (failed) {
        Duration wait = backoff.failed();
        LOG.debug("retrying the status writes that failed in {}", wait);
        requestPass(wait.toMillis());
      } else {
        backoff.succeeded();
      }
      boolean rejected = changed.values().stream()
          .anyMatch(st -> st.inForce() == null || !Objects.equals(st.inForce().generation(), st.observedGeneration()))
          || states.stream().anyMatch(m -> !changed.containsKey(m.id()) && m.rejected());
      scheduleRetry(rejected);
    } catch (RuntimeException e) {
      if (closed) {
        LOG.debug("ImageMap pass stopped by close: {}", e.toString());
        return;
      }
      LOG.error("ImageMap pass failed; retrying in {}", settings.retryDelay(), e);
      scheduleRetry(true);
    }
  }

  /** The valid policies in the informers' caches; each new problem is logged once. */
  private List<Policy> readPolicies() {
    List<WirePolicies.Translation> read = new ArrayList<>();
    if (clusterPolicies != null) {
      for (ClusterImagePolicy p : clusterPolicies.getStore().list()) {
        read.add(translatedPolicies.get(PolicyId.cluster(p.getMetadata().getName()), p, WirePolicies::translate));
      }
    }
    if (policies != null) {
      for (ImagePolicy p : policies.getStore().list()) {
        PolicyId id = PolicyId.namespaced(p.getMetadata().getNamespace(), p.getMetadata().getName());
        read.add(translatedPolicies.get(id, p, WirePolicies::translate));
      }
    }
    translatedPolicies.forgetUnseen();
    java.util.Set<String> problems = new java.util.LinkedHashSet<>();
    List<Policy> valid = WirePolicies.valid(read, problems::add);
    for (String p : problems) {
      if (!policyProblems.contains(p)) {
        LOG.warn("{}; the policy is not enforced", p);
      }
    }
    policyProblems = problems;
    return valid;
  }

  /** Runs a pass after the retry delay, replacing any retry already scheduled. */
  private void scheduleRetry(boolean needed) {
    if (retry != null) {
      retry.cancel(false);
      retry = null;
    }
    if (needed) {
      retry = schedule(() -> requestPass(0), settings.retryDelay().toMillis());
    }
  }

  /** Replaces {@code current}'s status with {@code next} (the status subresource; spec as read). */
  private void updateStatus(HasMetadata current, ImageMapStatus next) {
    if (current instanceof ImageMap m) {
      ImageMap update = new ImageMap();
      update.setMetadata(meta(m));
      update.setSpec(m.getSpec());
      update.setStatus(next);
      client.resource(update).updateStatus();
    } else {
      ClusterImageMap m = (ClusterImageMap) current;
      ClusterImageMap update = new ClusterImageMap();
      update.setMetadata(meta(m));
      update.setSpec(m.getSpec());
      update.setStatus(next);
      client.resource(update).updateStatus();
    }
  }

  private boolean write(MapId id, MapStatus status) {
    try {
      if (id.isCluster()) {
        ClusterImageMap current = clusterMaps.getStore().getByKey(id.name());
        if (current == null) {
          return true;
        }
        updateStatus(current, WireMaps.toWire(status, current.getStatus()));
      } else {
        ImageMap current = imageMaps.getStore().getByKey(id.namespace() + "/" + id.name());
        if (current == null) {
          return true;
        }
        updateStatus(current, WireMaps.toWire(status, current.getStatus()));
      }
      MapStatus.Ready ready = status.ready();
      LOG.info("{} generation {}: {}: {}", id, status.observedGeneration(), ready.reason(), ready.message());
      return true;
    } catch (KubernetesClientException e) {
      statusWriteFailures.increment();
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        // The cache was behind; the watch brings the new version and the next pass retries.
        LOG.debug("status of {} not written: {}", id, e.getMessage());
      } else {
        LOG.warn("status of {} not written: {}; retrying with backoff", id, reason(e));
      }
      return false;
    }
  }

  /** Why a write failed, with the RBAC rule to check when the API server said 403. */
  private static String reason(KubernetesClientException e) {
    return ApiServerErrors.reason(e, "the service account needs update on imagemaps/status and"
        + " clusterimagemaps/status in group " + ImageMap.GROUP);
  }

  private static io.fabric8.kubernetes.api.model.ObjectMeta meta(HasMetadata current) {
    return new ObjectMetaBuilder()
        .withName(current.getMetadata().getName())
        .withNamespace(current.getMetadata().getNamespace())
        .withResourceVersion(current.getMetadata().getResourceVersion())
        .build();
  }

  /** Whether this replica writes statuses now (holds the Lease, or election is off). */
  public boolean isWriter() {
    return writer.get();
  }

  /**
   * Stops: drops passes not yet started, waits up to ten seconds for a running one to finish its
   * status writes (then interrupts it and waits up to ten seconds more for it to leave), releases
   * the Lease and stops the informers.
   */
  @Override
  public void close() {
    close(CLOSE_WAIT);
  }

  void close(Duration wait) {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      executor.shutdown();
    }
    try {
      if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("ImageMap pass still running after {}; interrupting it", wait);
        executor.shutdownNow();
        // The interrupted pass must still leave before the Lease goes (below); a pass that
        // ignores the interrupt is waited for once more, no longer.
        if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("ImageMap pass ignored the interrupt for {}; releasing the Lease anyway", wait);
        }
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
    if (availability != null) {
      availability.close();
    }
    // After the pass: the Lease is released only once this replica has stopped writing.
    CompletableFuture<?> e = election;
    if (e != null) {
      e.cancel(true);
    }
    for (SharedIndexInformer<?> i : new SharedIndexInformer<?>[] {imageMaps, clusterMaps, namespaces, clusterPolicies, policies}) {
      if (i != null) {
        i.close();
      }
    }
  }
}
