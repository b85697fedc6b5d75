package dev.relocator.admission;

import dev.relocator.RelocatorException;

/** An AdmissionReview or the pod in it cannot be read; the message says where and why. */
public class AdmissionException extends RelocatorException {
  private static final long serialVersionUID = 1L;

  public AdmissionException(String message) {
    super(message);
  }

  public AdmissionException(String message, Throwable cause) {
    super(message, cause);
  }
}
