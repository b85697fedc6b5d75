package dev.relocator.availability;

/** What a HEAD of a target's manifest said. */
public enum Presence {
  /** The registry has the manifest. */
  PRESENT,
  /** The registry answered that it does not (404). */
  MISSING,
  /** Not asked yet, or the registry did not answer clearly (down, refused credentials). */
  UNKNOWN
}
