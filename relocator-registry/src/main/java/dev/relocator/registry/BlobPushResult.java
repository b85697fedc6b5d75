package dev.relocator.registry;

/** How {@link RegistryClient#pushOrMountBlob} brought a blob into a repository. */
public enum BlobPushResult {
  /** The content was streamed into an upload session. */
  UPLOADED,
  /**
   * The registry mounted the blob from the repository asked for, without an upload; from the
   * repository itself, this means it held the blob already.
   */
  MOUNTED
}
