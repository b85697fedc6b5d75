package dev.relocator.admission;

/** How one review ended; the label of the requests metric. */
public enum Outcome {
  /** Images were relocated and a patch returned. */
  MUTATED,
  /** The pod needed no change. */
  UNCHANGED,
  /** Not a pod create or ephemeral-container update, or the namespace opted out. */
  SKIPPED,
  /** The pod could not be read and the failure mode denied it. */
  DENIED,
  /** A deny-mode image policy refused the pod. */
  REFUSED,
  /** The body was not an AdmissionReview v1 with a request uid: HTTP 400. */
  MALFORMED;

  /** The lower-case metric tag value. */
  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
