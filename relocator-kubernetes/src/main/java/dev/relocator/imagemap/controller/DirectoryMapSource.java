package dev.relocator.imagemap.controller;

import dev.relocator.Diagnostic;
import dev.relocator.IoErrors;
import dev.relocator.imagemap.MapId;
import dev.relocator.imagemap.MapSpec;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.MapStatus;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.Reconciler;
import dev.relocator.imagemap.api.ClusterImageMap;
import dev.relocator.imagemap.api.ImageMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standalone mode: the ImageMaps, ClusterImageMaps and Namespaces in the YAML and JSON files of one
 * directory, checked by the same consistency pass as in a cluster and reloaded when the directory
 * changes, with the ClusterImagePolicies and ImagePolicies there (a policy that does not validate
 * is left out and listed among the problems). Statuses live in memory: a map whose spec changes gets a new generation, so a rejected
 * edit keeps the previous one in force exactly as in a cluster.
 */
public final class DirectoryMapSource extends SnapshotMapSource {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryMapSource.class);
  /** Events arriving this close together are one change (editors write in several steps). */
  private static final long SETTLE_MILLIS = 100;

  private final Path dir;
  private final RejectedUpdate policy;
  private final Duration retryDelay;
  private final Clock clock;
  private final Map<MapId, MapState> held = new HashMap<>();
  /** What each file held when it was last read, by file name. */
  private final Map<String, MapFiles.Contents> lastRead = new HashMap<>();
  /** Read order of the maps in force, the standalone stand-in for creation time. */
  private long sequence;
  /** {@link #sequence} as the reload under way advances it; kept only if the reload succeeds. */
  private long pendingSequence;
  /** What each file held at the last reload that succeeded, by file name. */
  private final Map<String, String> lastGoodTexts = new HashMap<>();
  /** Why the last reload failed, null after one that succeeded. */
  private volatile Diagnostic lastFailure;
  private WatchService watcher;
  private Thread watchThread;

  public DirectoryMapSource(Path dir, RejectedUpdate policy, Duration retryDelay, Clock clock) {
    this.dir = dir;
    this.policy = policy;
    this.retryDelay = retryDelay;
    this.clock = clock;
  }

  /**
   * Reads the directory once, then watches it on a daemon thread. A first read that fails leaves
   * the source not ready until a later one succeeds.
   */
  public void start() {
    requireDirectory();
    try {
      watcher = dir.getFileSystem().newWatchService();
      dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
    } catch (IOException e) {
      throw new ImageMapException("maps directory " + dir + ": cannot watch: " + e.getMessage(), e);
    }
    reload();
    watchThread = new Thread(this::watch, "relocator-maps-watch");
    watchThread.setDaemon(true);
    watchThread.start();
  }

  /**
   * Reads the directory once, without watching it and without logging: for a one-shot reader that
   * reports {@link #problems()} itself ({@code relocator audit --maps}).
   */
  public void readOnce() {
    requireDirectory();
    reload(false);
  }

  private void requireDirectory() {
    if (!Files.isDirectory(dir)) {
      throw new ImageMapException("maps directory " + dir + ": not a directory");
    }
  }

  private void watch() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        WatchKey key = watcher.poll(retryDelay.toMillis(), TimeUnit.MILLISECONDS);
        if (key == null) {
          if (lastFailure != null || Reconciler.anyRejected(maps())) {
            reload();
          }
          continue;
        }
        key.pollEvents();
        key.reset();
        WatchKey more;
        while ((more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
          more.pollEvents();
          more.reset();
        }
        reload();
      }
    } catch (InterruptedException | ClosedWatchServiceException stop) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Only the watch service itself gets here: reload() reports its own failures.
      LOG.error("maps directory {}: watching stopped, later changes are not read: {}", dir, e.toString(), e);
    }
  }

  /**
   * Reads every file and runs a consistency pass; synchronised as the watcher and tests call it.
   * Nothing changes unless the whole reload succeeds: a failure is logged and listed among the
   * problems, naming the files changed since the last good reload, and the maps in force stay.
   */
  void reload() {
    reload(true);
  }

  /** {@link #reload()}, logging what changed and what failed only when {@code log}. */
  private synchronized void reload(boolean log) {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(DirectoryMapSource::isMapFile).sorted().toList();
    } catch (IOException e) {
      String message = "cannot list the directory: " + IoErrors.reason(e) + "; "
          + (ready() ? "the maps read before stay in force" : "no maps are in force until a reload succeeds");
      Diagnostic failure = Diagnostic.error(dir.toString(), 0, "", message);
      if (log && !failure.equals(lastFailure)) {
        LOG.warn("maps directory {}", failure);
      }
      lastFailure = failure; // among the problems, so a one-shot read says why it found no maps
      return;
    }
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, MapFiles.Contents> read = new HashMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      try {
        texts.put(name, Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        MapFiles.Contents unreadable = new MapFiles.Contents();
        unreadable.problems.add(Diagnostic.error(name, 0, "", "cannot read: " + e.getMessage()));
        unreadable.readable = false;
        read.put(name, unreadable);
      }
    }
    try {
      Loaded loaded = load(files, texts, read);
      commit(loaded, texts);
      if (log) {
        logCommitted(loaded);
      }
    } catch (RuntimeException e) {
      reportFailure(e, texts, log);
    }
  }

  /** What one reload found, not yet in force. */
  private record Loaded(
      Map<String, MapFiles.Contents> read,
      List<MapState> states,
      Map<MapId, MapStatus> changed,
      Snapshot snapshot) {}

  /** Parses the files and runs the consistency pass; changes no field but {@link #pendingSequence}. */
  private Loaded load(List<Path> files, Map<String, String> texts, Map<String, MapFiles.Contents> read) {
    pendingSequence = sequence;
    MapFiles.Contents contents = new MapFiles.Contents();
    for (Path file : files) {
      String name = file.getFileName().toString();
      MapFiles.Contents previous = lastRead.get(name);
      MapFiles.Contents found = read.get(name);
      if (found == null) {
        found = new MapFiles.Contents();
        try {
          MapFiles.read(name, texts.get(name), found, previous);
        } catch (RuntimeException e) {
          found = new MapFiles.Contents();
          found.problems.add(Diagnostic.error(name, 0, "", "cannot read: " + e));
          found.readable = false;
        }
      }
      if (!found.readable && previous != null) {
        // A file saved half-way through an edit: its maps stay in force, as a cluster keeps a map
        // whose update it refuses, rather than silently stop relocating.
        Diagnostic why = found.problems.get(0);
        int n = previous.mapCount();
        found = copyOf(previous);
        found.problems.add(Diagnostic.error(why.source(), why.line(), why.path(), why.message()
            + "; keeping the " + n + (n == 1 ? " map" : " maps") + " last read from it"));
      }
      read.put(name, found);
      contents.addAll(found);
    }
    Map<MapId, MapState> next = new LinkedHashMap<>();
    for (ImageMap m : contents.imageMaps) {
      MapId id = MapId.namespaced(m.getMetadata().getNamespace(), m.getMetadata().getName());
      add(next, id, WireMaps.spec(id, m.getSpec()), null, contents);
    }
    for (ClusterImageMap m : contents.clusterMaps) {
      MapId id = MapId.cluster(m.getMetadata().getName());
      add(next, id, WireMaps.spec(id, m.getSpec()),
          m.getSpec() == null ? null : m.getSpec().getNamespaceSelector(), contents);
    }
    NamespaceLabels labels = NamespaceLabels.of(contents.namespaceLabels);
    List<MapState> states = new ArrayList<>(next.values());
    Map<MapId, MapStatus> changed =
        Reconciler.reconcile(states, labels, policy, clock.instant());
    states.replaceAll(m -> changed.containsKey(m.id()) ? m.withStatus(changed.get(m.id())) : m);
    Snapshot loaded = Snapshot.of(states, contents.policies, labels, contents.problems);
    return new Loaded(read, states, changed, loaded);
  }

  private void commit(Loaded loaded, Map<String, String> texts) {
    lastRead.clear();
    lastRead.putAll(loaded.read());
    lastGoodTexts.clear();
    lastGoodTexts.putAll(texts);
    held.clear();
    loaded.states().forEach(m -> held.put(m.id(), m));
    sequence = pendingSequence;
    lastFailure = null;
    publish(loaded.snapshot());
    markReady();
  }

  private static void logCommitted(Loaded loaded) {
    for (Diagnostic d : loaded.snapshot().problems()) {
      LOG.warn("{}", d);
    }
    for (MapState m : loaded.states()) {
      if (loaded.changed().containsKey(m.id())) {
        MapStatus.Ready ready = m.status().ready();
        LOG.info("{} generation {}: {}: {}", m.id(), m.generation(), ready.reason(), ready.message());
      }
    }
  }

  /** Logs a failed reload and lists it among the problems; the maps in force stay. */
  private void reportFailure(RuntimeException e, Map<String, String> texts, boolean log) {
    List<String> changedFiles = new ArrayList<>();
    for (Map.Entry<String, String> t : texts.entrySet()) {
      if (!t.getValue().equals(lastGoodTexts.get(t.getKey()))) {
        changedFiles.add(t.getKey());
      }
    }
    for (String name : lastGoodTexts.keySet()) {
      if (!texts.containsKey(name)) {
        changedFiles.add(name + " (deleted)");
      }
    }
    String which = changedFiles.isEmpty() ? "no file changed since the last good reload"
        : "after changes to " + String.join(", ", changedFiles);
    String message = "reload failed " + which + ": " + e + "; "
        + (ready() ? "the maps read before stay in force" : "no maps are in force until a reload succeeds");
    Diagnostic failure = Diagnostic.error(dir.toString(), 0, "", message);
    if (log && !failure.equals(lastFailure)) {
      LOG.error("maps directory {}", failure, e);
    } else {
      LOG.debug("maps directory {}", failure);
    }
    lastFailure = failure;
  }

  private void add(
      Map<MapId, MapState> next, MapId id, MapSpec spec,
      io.fabric8.kubernetes.api.model.LabelSelector selector, MapFiles.Contents contents) {
    if (next.containsKey(id)) {
      contents.problems.add(Diagnostic.error(dir.toString(), 0, "", id + " is defined twice; the second is ignored"));
      return;
    }
    MapState prev = held.get(id);
    if (prev != null && java.util.Objects.equals(prev.spec(), spec)) {
      next.put(id, prev);
    } else if (prev != null) {
      next.put(id, new MapState(id, prev.generation() + 1, prev.created(), spec, selector, prev.status()));
    } else {
      next.put(id, new MapState(id, 1, Instant.EPOCH.plusSeconds(++pendingSequence), spec, selector, null));
    }
  }

  /** The maps and namespaces of {@code c}, without its problems. */
  private static MapFiles.Contents copyOf(MapFiles.Contents c) {
    MapFiles.Contents copy = new MapFiles.Contents();
    copy.imageMaps.addAll(c.imageMaps);
    copy.clusterMaps.addAll(c.clusterMaps);
    copy.policies.addAll(c.policies);
    copy.namespaceLabels.putAll(c.namespaceLabels);
    return copy;
  }

  private static boolean isMapFile(Path p) {
    String name = p.getFileName().toString();
    return !name.startsWith(".") && Files.isRegularFile(p)
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }

  @Override
  public List<Diagnostic> problems() {
    Diagnostic failure = lastFailure;
    List<Diagnostic> problems = super.problems();
    if (failure == null) {
      return problems;
    }
    List<Diagnostic> all = new ArrayList<>(problems);
    all.add(failure);
    return List.copyOf(all);
  }

  @Override
  public void close() {
    if (watchThread != null) {
      watchThread.interrupt();
    }
    try {
      if (watcher != null) {
        watcher.close();
      }
    } catch (IOException ignored) {
      // closing a watch service only releases inotify handles
    }
  }
}
