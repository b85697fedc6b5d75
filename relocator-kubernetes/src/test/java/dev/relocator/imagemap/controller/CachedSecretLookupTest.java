package dev.relocator.imagemap.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pull-secret lookup on the (CRUD) mock API server: it never waits for the API server. */
@EnableKubernetesMockClient(crud = true)
class CachedSecretLookupTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  KubernetesClient client;

  @Test
  void aNameSeenForTheFirstTimeIsUnknownUntilItsAnswerArrives() {
    client.secrets().inNamespace("demo").resource(new SecretBuilder()
        .withNewMetadata().withName("present").withNamespace("demo").endMetadata().build()).create();
    try (CachedSecretLookup lookup = new CachedSecretLookup(client, Duration.ofMinutes(1))) {
      // The review that first names a secret is answered before the API server is asked.
      assertThat(lookup.exists("demo", "absent")).isEmpty();
      assertThat(lookup.exists("demo", "present")).isEmpty();

      await("answers from the API server").atMost(WAIT)
          .until(() -> lookup.exists("demo", "absent").isPresent() && lookup.exists("demo", "present").isPresent());
      assertThat(lookup.exists("demo", "absent")).contains(false);
      assertThat(lookup.exists("demo", "present")).contains(true);
      assertThat(lookup.exists("other", "present")).isEmpty();
    }
  }

  @Test
  void aStaleAnswerIsReturnedAndRefreshedInTheBackground() {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    try (CachedSecretLookup lookup = new CachedSecretLookup(client, Duration.ofSeconds(60), now::get)) {
      lookup.exists("demo", "later");
      await("first answer").atMost(WAIT).until(() -> lookup.exists("demo", "later").isPresent());
      assertThat(lookup.exists("demo", "later")).contains(false);

      client.secrets().inNamespace("demo").resource(new SecretBuilder()
          .withNewMetadata().withName("later").withNamespace("demo").endMetadata().build()).create();
      now.set(Duration.ofSeconds(61).toNanos());
      // Stale: the old answer at once, the new one once the background GET is back.
      assertThat(lookup.exists("demo", "later")).contains(false);
      await("refreshed answer").atMost(WAIT).until(() -> lookup.exists("demo", "later"), Optional.of(true)::equals);
    }
  }
}
