package dev.relocator.imagemap.controller;

import dev.relocator.Diagnostic;
import dev.relocator.imagemap.MapSource;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.MappingCatalog;
import dev.relocator.policy.Policy;
import dev.relocator.policy.PolicySet;
import dev.relocator.policy.PolicySource;
import java.util.List;

/**
 * What both map sources (the cluster's controller and a maps directory) have in common: they
 * serve the latest snapshot, replaced whole by each pass or reload, so a review reads the maps,
 * the mapping and the policies of one moment, from any thread.
 */
abstract class SnapshotMapSource implements MapSource, PolicySource {

  /** The maps with their statuses, the mapping and policies they put in force, and the problems reading them. */
  record Snapshot(List<MapState> maps, MappingCatalog catalog, PolicySet policies, List<Diagnostic> problems) {
    static final Snapshot EMPTY = new Snapshot(List.of(), MappingCatalog.EMPTY, PolicySet.EMPTY, List.of());

    /** The snapshot of {@code maps} and {@code policies}, both applied by {@code labels}. */
    static Snapshot of(List<MapState> maps, List<Policy> policies, NamespaceLabels labels, List<Diagnostic> problems) {
      return new Snapshot(List.copyOf(maps), MappingCatalog.of(maps, labels), new PolicySet(policies, labels),
          List.copyOf(problems));
    }
  }

  private volatile Snapshot snapshot = Snapshot.EMPTY;
  private volatile boolean ready;

  /** Serves {@code next} from now on. */
  final void publish(Snapshot next) {
    snapshot = next;
  }

  /** Marks the first complete read done: the mapping served is no longer partial. */
  final void markReady() {
    ready = true;
  }

  @Override
  public final MappingCatalog catalog() {
    return snapshot.catalog();
  }

  @Override
  public final PolicySet policies() {
    return snapshot.policies();
  }

  @Override
  public final List<MapState> maps() {
    return snapshot.maps();
  }

  @Override
  public List<Diagnostic> problems() {
    return snapshot.problems();
  }

  @Override
  public final boolean ready() {
    return ready;
  }
}
