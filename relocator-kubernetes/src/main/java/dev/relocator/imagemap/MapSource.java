package dev.relocator.imagemap;

import dev.relocator.Diagnostic;
import java.util.List;

/**
 * Where the webhook gets its maps: the cluster's informers or a directory of files. Every method
 * is safe to call from any thread and returns the latest snapshot.
 */
public interface MapSource extends AutoCloseable {

  /** The mapping in force now. */
  MappingCatalog catalog();

  /** Every map with its status, for {@code /maps} and the metrics. */
  List<MapState> maps();

  /** Problems reading the maps themselves (unreadable files), empty in a cluster. */
  List<Diagnostic> problems();

  /** Whether the first complete read is done, so the mapping is not partial. */
  boolean ready();

  @Override
  void close();
}
