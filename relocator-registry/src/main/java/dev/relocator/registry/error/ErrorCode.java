package dev.relocator.registry.error;

/** The error codes of the OCI distribution spec (and docker distribution's extras). */
public enum ErrorCode {
  BLOB_UNKNOWN,
  BLOB_UPLOAD_INVALID,
  BLOB_UPLOAD_UNKNOWN,
  DIGEST_INVALID,
  MANIFEST_BLOB_UNKNOWN,
  MANIFEST_INVALID,
  MANIFEST_UNKNOWN,
  MANIFEST_UNVERIFIED,
  NAME_INVALID,
  NAME_UNKNOWN,
  SIZE_INVALID,
  TAG_INVALID,
  UNAUTHORIZED,
  DENIED,
  UNSUPPORTED,
  TOOMANYREQUESTS,
  /** A code this client does not know, or {@code UNKNOWN} itself. */
  UNKNOWN;

  /** The code named {@code text}, or {@link #UNKNOWN}. */
  public static ErrorCode of(String text) {
    if (text != null) {
      for (ErrorCode code : values()) {
        if (code.name().equals(text)) {
          return code;
        }
      }
    }
    return UNKNOWN;
  }
}
