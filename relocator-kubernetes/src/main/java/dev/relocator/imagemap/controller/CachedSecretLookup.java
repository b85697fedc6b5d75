package dev.relocator.imagemap.controller;

import dev.relocator.admission.SecretLookup;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a pull secret exists, asked of the API server (GET on the one Secret) and remembered
 * for a while: only the Secrets that maps name are ever asked for, and none is listed or watched,
 * so the webhook holds no Secret data. Never waits: reviews are answered on the server's event
 * loop, which a GET to the API server must not block. A name seen for the first time is unknown
 * (no warning) for the reviews that come before its answer, asked in the background; a remembered
 * answer that is stale is returned at once and refreshed in the background. An answer the API server refuses (403 without a grant to get
 * Secrets) is unknown, logged once: no warning, never a failure.
 */
public final class CachedSecretLookup implements SecretLookup, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CachedSecretLookup.class);
  private static final int MAX_REMEMBERED = 10_000;

  private record Answer(Optional<Boolean> exists, long at) {}

  private final KubernetesClient client;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Optional<Boolean>>> asking = new ConcurrentHashMap<>();
  private final ExecutorService executor;
  private volatile boolean forbiddenLogged;

  public CachedSecretLookup(KubernetesClient client, Duration ttl) {
    this(client, ttl, System::nanoTime);
  }

  CachedSecretLookup(KubernetesClient client, Duration ttl, LongSupplier nanoTime) {
    this.client = client;
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
    // One thread, a bounded queue: lookups beyond it are refused and answered "unknown".
    this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(256), r -> {
      Thread t = new Thread(r, "relocator-secret-lookup");
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.AbortPolicy());
  }

  @Override
  public Optional<Boolean> exists(String namespace, String name) {
    String key = namespace + "/" + name;
    Answer known = answers.get(key);
    if (known != null) {
      if (nanoTime.getAsLong() - known.at() > ttlNanos) {
        ask(namespace, name, key);
      }
      return known.exists();
    }
    ask(namespace, name, key);
    return Optional.empty();
  }

  private CompletableFuture<Optional<Boolean>> ask(String namespace, String name, String key) {
    CompletableFuture<Optional<Boolean>> fresh = new CompletableFuture<>();
    CompletableFuture<Optional<Boolean>> pending = asking.putIfAbsent(key, fresh);
    if (pending != null) {
      return pending;
    }
    try {
      executor.execute(() -> {
        Optional<Boolean> answer = Optional.empty();
        try {
          answer = lookUp(namespace, name);
          if (answers.size() > MAX_REMEMBERED) {
            answers.clear();
          }
          answers.put(key, new Answer(answer, nanoTime.getAsLong()));
        } finally {
          // Whatever happened, the next review asks again instead of waiting on this future.
          asking.remove(key);
          fresh.complete(answer);
        }
      });
    } catch (RejectedExecutionException e) {
      // Queue full or closed: unknown this time, asked again by the next review.
      asking.remove(key);
      fresh.complete(Optional.empty());
    }
    return fresh;
  }

  private Optional<Boolean> lookUp(String namespace, String name) {
    try {
      return Optional.of(client.secrets().inNamespace(namespace).withName(name).get() != null);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403 && !forbiddenLogged) {
        forbiddenLogged = true;
        LOG.warn("cannot check pull secrets (HTTP 403 on Secret {}/{}): grant get on secrets to warn about missing"
            + " ones; they are added without checking", namespace, name);
      } else if (e.getCode() != 403) {
        LOG.debug("Secret {}/{} not checked: {}", namespace, name, e.getMessage());
      }
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
