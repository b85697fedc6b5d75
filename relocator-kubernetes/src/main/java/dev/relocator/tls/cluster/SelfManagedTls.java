package dev.relocator.tls.cluster;

import dev.relocator.tls.CertificateIssuer;
import dev.relocator.tls.Pem;
import dev.relocator.tls.Rotation;
import dev.relocator.tls.RotationPolicy;
import dev.relocator.tls.ServingNames;
import dev.relocator.tls.TlsException;
import dev.relocator.tls.TlsMaterial;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS that manages itself through one Secret: every replica serves from it and follows its
 * changes; the replica that holds the Lease ({@code leader}) renews what {@link Rotation} says and
 * writes the Secret's CAs into the webhook configuration's caBundle, putting them back if something
 * else changes them.
 *
 * <p>All work runs on one named thread: a check every {@link Settings#checkInterval()} and on every
 * watch event of the Secret. Writes to the Secret name the resourceVersion read, so two replicas
 * never overwrite each other: the one that loses reads the winner's.
 */
public final class SelfManagedTls implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SelfManagedTls.class);

  /** Receives the serving certificate and key (PEM) whenever they change; may throw to refuse them. */
  @FunctionalInterface
  public interface ServingListener {
    void serve(String certificatePem, String keyPem, String source);
  }

  /**
   * What to manage.
   *
   * @param namespace the Secret's namespace
   * @param secretName the Secret's name
   * @param webhookConfiguration the MutatingWebhookConfiguration whose caBundles the leader keeps
   * @param names the serving certificate's names
   * @param policy validity and renewal
   * @param checkInterval how often the Secret and the caBundle are checked without an event
   */
  public record Settings(String namespace, String secretName, String webhookConfiguration, ServingNames names,
      RotationPolicy policy, Duration checkInterval) {
    public Settings {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(secretName, "secretName");
      Objects.requireNonNull(webhookConfiguration, "webhookConfiguration");
      Objects.requireNonNull(names, "names");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(checkInterval, "checkInterval");
    }

    /** Checked every ten seconds, or half the publish delay when that is shorter (short test validities). */
    public static Settings of(String namespace, String secretName, String webhookConfiguration, ServingNames names,
        Duration validity) {
      RotationPolicy policy = new RotationPolicy(validity);
      Duration half = policy.publishDelay().dividedBy(2);
      Duration ten = Duration.ofSeconds(10);
      return new Settings(namespace, secretName, webhookConfiguration, names, policy,
          half.compareTo(ten) < 0 ? half : ten);
    }
  }

  private final Settings settings;
  private final BooleanSupplier leader;
  private final ServingListener listener;
  private final Clock clock;
  private final Rotation rotation;
  private final CertificateIssuer issuer = new CertificateIssuer();
  private final TlsSecret secret;
  private final WebhookCaBundle caBundle;
  private final ScheduledThreadPoolExecutor executor;
  /** The rest is touched only on the executor's thread (and by start() before it runs). */
  private TlsMaterial served;
  private Watch watch;
  private String publishedBundle;
  private Instant publishedSince;
  private String lastProblem;
  private volatile boolean closed;

  public SelfManagedTls(KubernetesClient client, Settings settings, BooleanSupplier leader, ServingListener listener,
      Clock clock) {
    this.settings = settings;
    this.leader = leader;
    this.listener = listener;
    this.clock = clock;
    this.rotation = new Rotation(settings.policy());
    this.secret = new TlsSecret(client, settings.namespace(), settings.secretName());
    this.caBundle = new WebhookCaBundle(client, settings.webhookConfiguration());
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "relocator-tls");
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
  }

  /**
   * Reads the Secret, or creates it when missing (a replica that loses the race reads the
   * winner's), hands its serving pair to the listener, then follows it. Throws when the Secret
   * cannot be read or created.
   */
  public TlsMaterial start() {
    TlsMaterial material = bootstrap();
    deliver(material);
    executor.scheduleWithFixedDelay(this::check, 0, settings.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
    return material;
  }

  /** The material being served. */
  public synchronized TlsMaterial served() {
    return served;
  }

  private TlsMaterial bootstrap() {
    for (int attempt = 0; attempt < 5; attempt++) {
      Secret current = secret.get();
      if (current == null) {
        TlsMaterial created = TlsMaterial.create(issuer, settings.policy(), settings.names(), clock.instant());
        if (secret.create(created) != null) {
          LOG.info("created {} with a new CA and a serving certificate for {}", secret.describe(), settings.names());
          return created;
        }
        LOG.info("{} was created by another replica meanwhile: serving that one", secret.describe());
        continue;
      }
      try {
        return secret.read(current).material();
      } catch (TlsException unusable) {
        TlsMaterial replacement = TlsMaterial.create(issuer, settings.policy(), settings.names(), clock.instant());
        if (secret.update(current, replacement) != null) {
          LOG.warn("replaced the unusable {} with a new CA and serving certificate: {}", secret.describe(),
              unusable.getMessage());
          return replacement;
        }
      }
    }
    throw new TlsException(secret.describe() + " kept changing while it was being read or created");
  }

  /** One check: follow the Secret, then, on the leader, rotate and publish. */
  private void check() {
    if (closed) {
      return;
    }
    try {
      ensureWatch();
      Secret current = secret.get();
      if (current == null) {
        deliver(bootstrap());
        return;
      }
      TlsMaterial material;
      try {
        material = secret.read(current).material();
      } catch (TlsException unusable) {
        problem(unusable.getMessage() + "; serving the previous certificate");
        if (leader.getAsBoolean()) {
          deliver(bootstrap());
        }
        return;
      }
      deliver(material);
      if (!leader.getAsBoolean()) {
        publishedBundle = null;
        publishedSince = null;
        return;
      }
      publish(material);
      Instant now = clock.instant();
      Rotation.Plan plan = rotation.plan(material, settings.names(), now, publishedSince);
      if (plan.changes()) {
        TlsMaterial next = rotation.apply(material, plan, settings.names(), now, issuer);
        if (secret.update(current, next) == null) {
          LOG.info("{} changed while rotating; reading it again", secret.describe());
          executor.execute(this::check);
          return;
        }
        LOG.info("rotated {}: {}", secret.describe(), plan.reason());
        deliver(next);
        publish(next);
      }
      lastProblem = null;
    } catch (RuntimeException e) {
      problem(e.getMessage());
    }
  }

  /** Writes the bundle into the webhook configuration and notes since when this leader has seen it there. */
  private void publish(TlsMaterial material) {
    String bundle = material.caBundlePem();
    if (caBundle.ensure(bundle)) {
      LOG.info("wrote the caBundle of {} ({} CA{})", caBundle.describe(), material.trusted().size(),
          material.trusted().size() == 1 ? "" : "s");
    }
    if (!bundle.equals(publishedBundle)) {
      publishedBundle = bundle;
      publishedSince = clock.instant();
    }
  }

  private void deliver(TlsMaterial material) {
    synchronized (this) {
      if (served != null && served.serving().certificate().equals(material.serving().certificate())) {
        served = material;
        return;
      }
    }
    listener.serve(Pem.certificates(List.of(material.serving().certificate())), Pem.privateKey(material.serving().key()),
        secret.describe());
    synchronized (this) {
      served = material;
    }
  }

  private void ensureWatch() {
    if (watch != null) {
      return;
    }
    Secret current = secret.get();
    String version = current == null ? null : current.getMetadata().getResourceVersion();
    watch = secret.watch(version, new Watcher<>() {
      @Override
      public void eventReceived(Action action, Secret resource) {
        if (!closed) {
          executor.execute(SelfManagedTls.this::check);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        // Gone (410) or closed: the next check opens a new watch from a fresh read.
        if (!closed) {
          executor.execute(() -> watch = null);
        }
      }
    });
  }

  /** A problem is logged once when it starts, not at every check while it lasts. */
  private void problem(String message) {
    if (!Objects.equals(message, lastProblem)) {
      LOG.warn("self-managed TLS: {}", message);
      lastProblem = message;
    }
  }

  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (watch != null) {
      watch.close();
    }
  }
}
