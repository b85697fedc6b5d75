package dev.relocator.policy;

/** Where the webhook gets its policies: the cluster's informers or the maps directory. */
public interface PolicySource {

  /** The policies in force now; safe to call from any thread. */
  PolicySet policies();
}
