package dev.relocator.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RotationTest {

  private static final Duration VALIDITY = Duration.ofMinutes(2);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ServingNames NAMES =
      ServingNames.of("relocator-webhook.relocator-system", List.of(), List.of("127.0.0.1"));

  private final CertificateIssuer issuer = new CertificateIssuer();
  private final Rotation rotation = new Rotation(new RotationPolicy(VALIDITY));
  private final TlsMaterial fresh = TlsMaterial.create(issuer, rotation.policy(), NAMES, T0);

  @Test
  void freshMaterialNeedsNothingUntilTwoThirdsOfTheServingValidity() {
    Rotation.Plan plan = rotation.plan(fresh, NAMES, T0, null);

    assertThat(plan.changes()).isFalse();
    assertThat(plan.nextCheck()).isEqualTo(rotation.policy().renewAt(fresh.serving().certificate()));
    assertThat(plan.nextCheck()).isBetween(T0.plusSeconds(70), T0.plusSeconds(80));
  }

  @Test
  void servingCertificateIsRenewedFromTheSameCaAtTwoThirdsWithoutWaitingForTheBundle() {
    Instant due = rotation.policy().renewAt(fresh.serving().certificate());

    Rotation.Plan plan = rotation.plan(fresh, NAMES, due, null);
    TlsMaterial renewed = rotation.apply(fresh, plan, NAMES, due, issuer);

    assertThat(plan.renewCa()).isFalse();
    assertThat(plan.reissueServing()).isTrue();
    assertThat(plan.reason()).contains("two thirds");
    assertThat(renewed.ca()).isEqualTo(fresh.ca());
    assertThat(renewed.serving().certificate()).isNotEqualTo(fresh.serving().certificate());
    assertThat(renewed.servingSignedByCa()).isTrue();
    assertThat(renewed.serving().notAfter()).isEqualTo(due.plus(VALIDITY));
  }

  @Test
  void newCaJoinsTheBundleFirstAndSignsOnlyAfterTheBundleWasPublishedForTheDelay() {
    Instant caDue = rotation.policy().renewAt(fresh.ca().certificate());
    TlsMaterial before = renewedServing(fresh, caDue.minusSeconds(30));

    Rotation.Plan start = rotation.plan(before, NAMES, caDue, T0);
    TlsMaterial twoCas = rotation.apply(before, start, NAMES, caDue, issuer);

    assertThat(start.renewCa()).isTrue();
    assertThat(twoCas.trusted()).hasSize(2).endsWith(fresh.ca().certificate());
    assertThat(twoCas.ca()).isNotEqualTo(fresh.ca());
    assertThat(twoCas.serving()).as("still from the old CA").isEqualTo(before.serving());
    // Not seen in the webhook configuration yet, or not long enough: the old chain stays.
    assertThat(rotation.plan(twoCas, NAMES, caDue.plusSeconds(1), null).reissueServing()).isFalse();
    Instant published = caDue.plusSeconds(2);
    Rotation.Plan early = rotation.plan(twoCas, NAMES, published.plusSeconds(1), published);
    assertThat(early.reissueServing()).isFalse();
    assertThat(early.nextCheck()).isEqualTo(published.plus(rotation.policy().publishDelay()));

    Instant later = published.plus(rotation.policy().publishDelay());
    Rotation.Plan switchPlan = rotation.plan(twoCas, NAMES, later, published);
    TlsMaterial switched = rotation.apply(twoCas, switchPlan, NAMES, later, issuer);
    assertThat(switchPlan.reissueServing()).isTrue();
    assertThat(switchPlan.reason()).contains("not from the signing CA");
    assertThat(switched.servingSignedByCa()).isTrue();
    assertThat(switched.trusted()).as("the old CA stays trusted until it expires").hasSize(2);
  }

  @Test
  void previousCaLeavesTheBundleWhenItExpires() {
    Instant caDue = rotation.policy().renewAt(fresh.ca().certificate());
    TlsMaterial before = renewedServing(fresh, caDue.minusSeconds(30));
    TlsMaterial twoCas = rotation.apply(before, rotation.plan(before, NAMES, caDue, T0), NAMES, caDue, issuer);
    Instant switchAt = caDue.plus(rotation.policy().publishDelay());
    TlsMaterial switched = rotation.apply(twoCas, rotation.plan(twoCas, NAMES, switchAt, caDue), NAMES, switchAt, issuer);
    Instant oldEnd = fresh.ca().notAfter();

    assertThat(rotation.plan(switched, NAMES, oldEnd.minusSeconds(1), caDue).expiredCas()).isEmpty();
    assertThat(rotation.plan(switched, NAMES, oldEnd.minusSeconds(1), caDue).nextCheck()).isEqualTo(oldEnd);
    Rotation.Plan prune = rotation.plan(switched, NAMES, oldEnd, caDue);
    assertThat(prune.expiredCas()).containsExactly(fresh.ca().certificate());
    assertThat(rotation.apply(switched, prune, NAMES, oldEnd, issuer).trusted()).containsExactly(switched.ca().certificate());
  }

  @Test
  void changedNamesReissueTheServingCertificate() {
    ServingNames more = ServingNames.of("relocator-webhook.relocator-system", List.of("webhook.example"),
        List.of("127.0.0.1"));

    Rotation.Plan plan = rotation.plan(fresh, more, T0.plusSeconds(1), null);

    assertThat(plan.reissueServing()).isTrue();
    assertThat(Rotation.sameNames(rotation.apply(fresh, plan, more, T0, issuer).serving().certificate(), more)).isTrue();
  }

  /**
   * Ten CA lifetimes in one-second steps, with a leader that publishes every new bundle at once:
   * the serving certificate is always valid, and always from a CA that has been in the published
   * bundle for the publish delay (or since the start).
   */
  @Test
  void overTenCaLifetimesEveryServedCertificateIsValidAndFromALongPublishedCa() {
    TlsMaterial material = fresh;
    Map<X509Certificate, Instant> publishedSince = new HashMap<>();
    publishedSince.put(fresh.ca().certificate(), T0.minus(rotation.policy().publishDelay()));
    int caRenewals = 0;
    int servingRenewals = 0;
    Instant end = T0.plus(rotation.policy().caValidity().multipliedBy(10));
    for (Instant now = T0; now.isBefore(end); now = now.plusSeconds(1)) {
      Rotation.Plan plan = rotation.plan(material, NAMES, now, publishedSince.get(material.ca().certificate()));
      if (plan.changes()) {
        material = rotation.apply(material, plan, NAMES, now, issuer);
        caRenewals += plan.renewCa() ? 1 : 0;
        servingRenewals += plan.reissueServing() ? 1 : 0;
        publishedSince.putIfAbsent(material.ca().certificate(), now);
      }
      X509Certificate serving = material.serving().certificate();
      X509Certificate servingCa = material.servingIssuer();
      assertThat(serving.getNotAfter().toInstant()).as("at %s", now).isAfter(now);
      assertThat(servingCa).as("at %s the serving certificate's CA is trusted", now).isNotNull();
      assertThat(publishedSince.get(servingCa).plus(rotation.policy().publishDelay())).as("at %s", now)
          .isBeforeOrEqualTo(now);
      assertThat(material.trusted()).as("at %s", now).hasSizeLessThanOrEqualTo(2);
    }
    assertThat(caRenewals).isBetween(13, 16);
    assertThat(servingRenewals).isGreaterThanOrEqualTo(25);
  }

  private TlsMaterial renewedServing(TlsMaterial material, Instant at) {
    Rotation.Plan plan = rotation.plan(material, NAMES, at, null);
    assertThat(plan.reissueServing()).as("serving renewal due at %s", at).isTrue();
    assertThat(plan.renewCa()).isFalse();
    return rotation.apply(material, plan, NAMES, at, issuer);
  }
}
