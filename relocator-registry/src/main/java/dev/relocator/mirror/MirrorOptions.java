package dev.relocator.mirror;

import dev.relocator.oci.Platform;
import java.util.List;

/**
 * How the engine copies.
 *
 * @param jobs images copied at once (default 4)
 * @param blobJobs blob transfers at once, shared by all images (default 8)
 * @param platforms the platforms to copy from an index; empty means every platform
 * @param blobAttempts attempts of a whole blob transfer (each transfer also retries requests)
 * @param configPlatforms read a single image's platform from its config blob (one more request per
 *     image, also when it is up to date), e.g. for a lock file; an index's entries state theirs
 * @param referrers which attached artifacts (signatures, attestations, SBOMs, referrers) travel with
 *     each image (default all)
 */
public record MirrorOptions(int jobs, int blobJobs, List<Platform> platforms, int blobAttempts, boolean configPlatforms,
    ReferrersMode referrers) {
  public static final MirrorOptions DEFAULT = new MirrorOptions(4, 8, List.of(), 3, false, ReferrersMode.ALL);

  /** Options carrying every attached artifact. */
  public MirrorOptions(int jobs, int blobJobs, List<Platform> platforms, int blobAttempts, boolean configPlatforms) {
    this(jobs, blobJobs, platforms, blobAttempts, configPlatforms, ReferrersMode.ALL);
  }

  public MirrorOptions {
    if (jobs < 1 || blobJobs < 1 || blobAttempts < 1) {
      throw new IllegalArgumentException("jobs, blobJobs and blobAttempts must be at least 1, got "
          + jobs + ", " + blobJobs + ", " + blobAttempts);
    }
    platforms = List.copyOf(platforms);
    referrers = referrers == null ? ReferrersMode.ALL : referrers;
  }

  public MirrorOptions withJobs(int n) {
    return new MirrorOptions(n, blobJobs, platforms, blobAttempts, configPlatforms, referrers);
  }

  public MirrorOptions withBlobJobs(int n) {
    return new MirrorOptions(jobs, n, platforms, blobAttempts, configPlatforms, referrers);
  }

  public MirrorOptions withPlatforms(List<Platform> selected) {
    return new MirrorOptions(jobs, blobJobs, selected, blobAttempts, configPlatforms, referrers);
  }

  public MirrorOptions withBlobAttempts(int n) {
    return new MirrorOptions(jobs, blobJobs, platforms, n, configPlatforms, referrers);
  }

  public MirrorOptions withConfigPlatforms(boolean read) {
    return new MirrorOptions(jobs, blobJobs, platforms, blobAttempts, read, referrers);
  }

  public MirrorOptions withReferrers(ReferrersMode mode) {
    return new MirrorOptions(jobs, blobJobs, platforms, blobAttempts, configPlatforms, mode);
  }
}
