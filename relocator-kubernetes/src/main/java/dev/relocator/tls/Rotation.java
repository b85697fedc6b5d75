package dev.relocator.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rotation decisions, as a pure function of the Secret's material and the time: whether to
 * start a new CA, whether to issue a new serving certificate (and from which CA), which CAs leave
 * the caBundle, and when to look again.
 *
 * <p>A CA change runs in two steps so no API server ever sees a certificate it does not trust:
 * the new CA first joins the caBundle beside the old one and becomes the signing CA; only after
 * the leader has seen that bundle in the webhook configuration for {@link RotationPolicy#publishDelay()}
 * is the serving certificate re-issued from it. The old CA stays trusted until it expires, which
 * is also when the last certificate it signed expires (serving certificates never outlive their CA).
 */
public final class Rotation {

  /**
   * What to do now.
   *
   * @param renewCa start a new signing CA (it joins the caBundle; the serving certificate stays)
   * @param reissueServing issue a new serving certificate from the signing CA
   * @param expiredCas CAs that leave the caBundle
   * @param nextCheck when the plan should be made again, if nothing else happens
   * @param reason why, for the log; empty when nothing is to be done
   */
  public record Plan(boolean renewCa, boolean reissueServing, List<X509Certificate> expiredCas, Instant nextCheck,
      String reason) {
    public Plan {
      expiredCas = List.copyOf(expiredCas);
      Objects.requireNonNull(nextCheck, "nextCheck");
    }

    public boolean changes() {
      return renewCa || reissueServing || !expiredCas.isEmpty();
    }
  }

  private final RotationPolicy policy;

  public Rotation(RotationPolicy policy) {
    this.policy = policy;
  }

  public RotationPolicy policy() {
    return policy;
  }

  /**
   * The plan for {@code material} at {@code now}.
   *
   * @param caPublishedSince since when the leader has seen the current caBundle (with the signing
   *     CA) in the webhook configuration, or null when it has not seen it yet
   */
  public Plan plan(TlsMaterial material, ServingNames names, Instant now, Instant caPublishedSince) {
    List<String> reasons = new ArrayList<>();
    List<Instant> checks = new ArrayList<>();
    X509Certificate ca = material.ca().certificate();
    X509Certificate serving = material.serving().certificate();

    boolean renewCa = !now.isBefore(policy.renewAt(ca));
    if (renewCa) {
      reasons.add("the CA " + subject(ca) + " reached two thirds of its validity");
    } else {
      checks.add(policy.renewAt(ca));
    }

    boolean expired = !now.isBefore(serving.getNotAfter().toInstant());
    boolean fromSigningCa = material.servingSignedByCa();
    boolean due = !now.isBefore(policy.renewAt(serving));
    boolean namesChanged = !sameNames(serving, names);
    boolean published = caPublishedSince != null && !now.isBefore(caPublishedSince.plus(policy.publishDelay()));
    boolean needed = expired || due || namesChanged || !fromSigningCa;
    // A new serving certificate from a CA the API servers may not trust yet would fail admissions;
    // the current one keeps at least a third of its validity, so it can wait for the bundle.
    boolean trustedYet = !renewCa && (fromSigningCa || published);
    boolean reissue = needed && (trustedYet || expired);
    if (reissue) {
      reasons.add(expired ? "the serving certificate expired"
          : namesChanged ? "the serving certificate's names differ from " + names
          : !fromSigningCa ? "the serving certificate is not from the signing CA " + subject(ca)
          : "the serving certificate reached two thirds of its validity");
    } else if (needed) {
      checks.add(caPublishedSince == null || renewCa ? now.plus(policy.publishDelay())
          : caPublishedSince.plus(policy.publishDelay()));
    } else {
      checks.add(policy.renewAt(serving));
    }

    X509Certificate servingIssuer = material.servingIssuer();
    List<X509Certificate> expiredCas = new ArrayList<>();
    for (X509Certificate c : material.trusted()) {
      if (c.equals(ca) || c.equals(servingIssuer) && !reissue) {
        continue;
      }
      if (!now.isBefore(c.getNotAfter().toInstant())) {
        expiredCas.add(c);
        reasons.add("the previous CA " + subject(c) + " expired");
      } else {
        checks.add(c.getNotAfter().toInstant());
      }
    }
    Instant next = checks.stream().min(Instant::compareTo).orElse(now.plus(policy.publishDelay()));
    return new Plan(renewCa, reissue, expiredCas, next, String.join("; ", reasons));
  }

  /** The material after {@code plan}: a new signing CA first, then a serving certificate from the signing CA. */
  public TlsMaterial apply(TlsMaterial material, Plan plan, ServingNames names, Instant now, CertificateIssuer issuer) {
    List<X509Certificate> trusted = new ArrayList<>(material.trusted());
    trusted.removeAll(plan.expiredCas());
    Issued ca = material.ca();
    if (plan.renewCa()) {
      ca = issuer.certificateAuthority(now, policy.caValidity());
      trusted.add(0, ca.certificate());
    }
    Issued serving = plan.reissueServing()
        ? issuer.serving(ca, names, now, policy.servingValidity())
        : material.serving();
    return new TlsMaterial(trusted, ca, serving);
  }

  static boolean sameNames(X509Certificate cert, ServingNames names) {
    Set<String> want = new HashSet<>(names.dnsNames());
    names.ipAddresses().forEach(ip -> want.add("ip:" + ip));
    Set<String> have = new HashSet<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          int type = (Integer) san.get(0);
          String value = String.valueOf(san.get(1));
          if (type == 2) {
            have.add(value);
          } else if (type == 7) {
            have.add("ip:" + ServingNames.canonicalIp(value));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return false;
    }
    return have.equals(want);
  }

  private static String subject(X509Certificate c) {
    return c.getSubjectX500Principal().getName();
  }
}
