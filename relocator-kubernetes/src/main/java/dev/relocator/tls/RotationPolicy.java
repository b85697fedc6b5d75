package dev.relocator.tls;

import java.time.Duration;
import java.time.Instant;
import java.security.cert.X509Certificate;

/**
 * How long certificates live and when they are renewed. The CA lives twice as long as a serving
 * certificate; each is renewed at two thirds of its validity, so the third that is left covers a
 * leader's failover and the time API servers take to load a new caBundle.
 *
 * @param servingValidity the serving certificate's validity ({@code --tls-validity})
 */
public record RotationPolicy(Duration servingValidity) {

  /** The CA outlives the serving certificates it signs: twice their validity. */
  static final int CA_VALIDITY_FACTOR = 2;
  private static final Duration MAX_PUBLISH_DELAY = Duration.ofSeconds(30);
  private static final Duration MIN_VALIDITY = Duration.ofSeconds(30);

  public RotationPolicy {
    if (servingValidity.compareTo(MIN_VALIDITY) < 0) {
      throw new IllegalArgumentException("TLS validity " + servingValidity + ": must be at least " + MIN_VALIDITY);
    }
  }

  public Duration caValidity() {
    return servingValidity.multipliedBy(CA_VALIDITY_FACTOR);
  }

  /**
   * How long a new CA sits in the published caBundle before serving certificates are issued from
   * it: API servers load webhook configurations asynchronously. A tenth of the validity, at most
   * 30 seconds.
   */
  public Duration publishDelay() {
    Duration tenth = servingValidity.dividedBy(10);
    return tenth.compareTo(MAX_PUBLISH_DELAY) > 0 ? MAX_PUBLISH_DELAY : tenth;
  }

  /** Two thirds into {@code c}'s validity. */
  public Instant renewAt(X509Certificate c) {
    return c.getNotBefore().toInstant().plus(TlsMaterial.lifetime(c).multipliedBy(2).dividedBy(3));
  }
}
